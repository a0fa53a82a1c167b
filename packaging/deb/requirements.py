"""What the frozen build installs: handout's runtime dependencies and the `deb` extra
(PyInstaller), one a line, read from pyproject.toml (oldroot.sh: the chroot's venv)."""

import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())["project"]
print(*project["dependencies"], *project["optional-dependencies"]["deb"], sep="\n")
