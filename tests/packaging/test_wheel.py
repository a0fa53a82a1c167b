"""The wheel: built from the repository, installed into an empty virtual environment, its
`handout` command builds a folder holding only content/ exactly as the repository's build.py
does (templates, fonts and reference.docx come from inside the installed package)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

EPOCH = {"SOURCE_DATE_EPOCH": "1666915200"}         # 2022-10-28, as tests/test_manifest.py


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)
    assert result.returncode == 0, (command, result.stdout[-2000:], result.stderr[-2000:])
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built offline with the venv's hatchling (a test extra)."""
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(out), str(ROOT)])
    (path,) = out.glob("handout-*.whl")
    return path


def test_the_wheel_carries_the_shipped_folders_once(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for folder in ("templates", "fonts"):
        shipped = sorted(p.relative_to(ROOT / folder).as_posix()
                         for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        inside = sorted(n.removeprefix(f"handout/{folder}/") for n in names
                        if n.startswith(f"handout/{folder}/"))
        assert inside == shipped
    assert not [n for n in names if n.startswith(("templates/", "fonts/", "tests/", "content/"))]
    assert "handout/ingest/lexicon.yaml" in names


def test_the_installed_command_builds_a_content_folder_as_the_repository_does(wheel, tmp_path):
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)])
    run([venv / "bin" / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)])
    # the shipped folders resolve inside the installed package, not in this repository
    where = run([venv / "bin" / "python", "-c", "from handout.settings import SHIPPED; "
                 "print(SHIPPED['templates']); print(SHIPPED['fonts'])"], cwd=tmp_path).stdout.split()
    site = Path(run([venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip())
    assert where == [str(site / "handout" / "templates"), str(site / "handout" / "fonts")]

    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    env = {**os.environ, **EPOCH, "PYTHONPATH": ""}
    env.pop("VIRTUAL_ENV", None)
    help_text = run([venv / "bin" / "handout", "--help"], cwd=project, env=env).stdout
    assert help_text.startswith("usage: handout ")
    run([venv / "bin" / "handout", "build", "--quiet"], cwd=project, env=env)
    reference = tmp_path / "reference"
    run([sys.executable, ROOT / "build.py", "--quiet", "--output", reference], cwd=ROOT, env={**os.environ, **EPOCH})

    expected = sorted(p.name for p in reference.iterdir() if p.suffix in (".pdf", ".docx"))
    built = sorted(p.name for p in (project / "output").iterdir() if p.suffix in (".pdf", ".docx"))
    assert built == expected and len(expected) == 8, built       # 3 speeches and the booklet
    for name in expected:
        assert (project / "output" / name).read_bytes() == (reference / name).read_bytes(), name
