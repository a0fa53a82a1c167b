"""Settings: built-in defaults, then the project file (handout.toml), then the command line.

Paths in the project file are relative to that file, so a project folder can live anywhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .errors import UserError

PROJECT_FILE = "handout.toml"


@dataclass(frozen=True)
class Settings:
    content: Path = Path("content")          # speeches (*.md; files and folders starting with _ are not speeches)
    output: Path = Path("output")            # where PDFs and DOCX files go
    templates: Path = Path("templates")      # Jinja2 templates and theme.yaml
    fonts: Path = Path("fonts")              # font files; a licensed font dropped here takes over its role
    theme: str = "theme.yaml"                # in the templates folder
    template: str = "handout.xml.j2"         # one speech
    formats: tuple[str, ...] = ("pdf", "docx")
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    force: bool = False                      # rebuild even when nothing changed
    strict: bool = False                     # warnings are errors
    quiet: bool = False
    debug: bool = False                      # show tracebacks

    @property
    def theme_path(self) -> Path:
        return self.templates / self.theme


PATH_KEYS = ("content", "output", "templates", "fonts")
SHIPPED_KEYS = ("templates", "fonts")              # folders handout comes with
TOOL_ROOT = Path(__file__).resolve().parent.parent


def load_settings(root: Path, overrides: dict) -> Settings:
    """Defaults <- `root/handout.toml` (if present) <- `overrides` (from the command line)."""
    settings = Settings()
    settings = _resolve_paths(settings, root)
    project = root / PROJECT_FILE
    if project.is_file():
        settings = _apply(settings, _read_project_file(project), project.parent, project)
    return _apply(settings, {k: v for k, v in overrides.items() if v is not None}, Path.cwd(), None)


def _read_project_file(path: Path) -> dict:
    import tomllib                         # only projects with a handout.toml pay for it
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"bad TOML: {exc}", path) from None


def _apply(settings: Settings, values: dict, base: Path, origin: Path | None) -> Settings:
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise UserError(f"unknown setting(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})",
                        origin)
    changes = {}
    for key, value in values.items():
        if key in PATH_KEYS:
            value = (base / Path(value)).resolve() if not Path(value).is_absolute() else Path(value)
        elif key == "formats":
            value = tuple(value)
        changes[key] = value
    return replace(settings, **changes)


def _resolve_paths(settings: Settings, root: Path) -> Settings:
    """Default folders are the project's (`root`); a project without its own templates or
    fonts folder uses the ones that come with handout, so a folder holding only content/
    builds as it is."""
    paths = {k: (root / getattr(settings, k)).resolve() for k in PATH_KEYS}
    for key in SHIPPED_KEYS:
        if not paths[key].is_dir():
            paths[key] = (TOOL_ROOT / getattr(settings, key)).resolve()
    return replace(settings, **paths)
