"""Settings: built-in defaults, then the project file (handout.toml), then the command line.

Paths in the project file are relative to that file, so a project folder can live anywhere.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .errors import UserError
from .writers import DEFAULT_FORMATS, WRITERS

PROJECT_FILE = "handout.toml"
DEFAULT_EPOCH = 946684800          # 2000-01-01T00:00:00Z, the date of reportlab's invariant PDFs
LAST_EPOCH = 253402300799          # 9999-12-31T23:59:59Z, the last date a DOCX can carry


@dataclass(frozen=True)
class Settings:
    content: Path = Path("content")          # speeches (*.md; files and folders starting with _ are not speeches)
    output: Path = Path("output")            # where PDFs and DOCX files go
    templates: Path = Path("templates")      # Jinja2 templates and theme.yaml
    fonts: Path = Path("fonts")              # font files; a licensed font dropped here takes over its role
    theme: str = "theme.yaml"                # in the templates folder
    template: str = "handout.xml.j2"         # one speech
    formats: tuple[str, ...] = DEFAULT_FORMATS
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    force: bool = False                      # rebuild even when nothing changed
    strict: bool = False                     # warnings are errors
    quiet: bool = False
    debug: bool = False                      # show tracebacks

    @property
    def theme_path(self) -> Path:
        return self.templates / self.theme


PATH_KEYS = ("content", "output", "templates", "fonts")
FLAG_KEYS = ("force", "strict", "quiet", "debug")
SHIPPED_KEYS = ("templates", "fonts")              # folders handout comes with
TOOL_ROOT = Path(__file__).resolve().parent.parent


def load_settings(root: Path, overrides: dict) -> Settings:
    """Defaults <- `root/handout.toml` (if present) <- `overrides` (from the command line)."""
    settings = Settings()
    settings = _resolve_paths(settings, root)
    project = root / PROJECT_FILE
    if project.is_file():
        values, line_of = _read_project_file(project)
        settings = _apply(settings, values, project.parent, project, line_of)
    settings = _apply(settings, {k: v for k, v in overrides.items() if v is not None}, Path.cwd(), None)
    source_date_epoch()                    # a bad value is refused before anything is built
    return settings


def _read_project_file(path: Path):
    """The values of handout.toml, and a function giving the line where a key is set."""
    import tomllib                         # only projects with a handout.toml pay for it
    try:
        text = path.read_text(encoding="utf-8")
        values = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read: {getattr(exc, 'strerror', None) or exc}", path) from None
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"bad TOML: {exc}", path) from None
    lines = text.splitlines()

    def line_of(key: str) -> int | None:
        setting = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
        return next((n for n, line in enumerate(lines, 1) if setting.match(line)), None)
    return values, line_of


def _apply(settings: Settings, values: dict, base: Path, origin: Path | None,
           line_of=lambda key: None) -> Settings:
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise UserError(f"unknown setting(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})",
                        origin, line_of(unknown[0]))
    changes = {}
    for key, value in values.items():
        wanted = _wrong_value(key, value)
        if wanted:
            name = f"`{key}`" if origin else f"--{key}"          # the file's key, or the option
            raise UserError(f"{name} must be {wanted}, not {value!r}", origin, line_of(key))
        if key in PATH_KEYS:
            value = (base / Path(value)).resolve() if not Path(value).is_absolute() else Path(value)
        elif key == "formats":
            value = tuple(value)
        changes[key] = value
    return replace(settings, **changes)


def _wrong_value(key: str, value) -> str | None:
    """What `key` needs, when `value` is not that; None when it is fine."""
    if key in PATH_KEYS:
        return None if isinstance(value, (str, Path)) and str(value) else "a folder (text)"
    if key in ("theme", "template"):
        return None if isinstance(value, str) and value else "a file name (text)"
    if key == "formats":
        ok = (isinstance(value, (list, tuple)) and value and all(v in WRITERS for v in value)
              and len(set(value)) == len(value))
        names = ", ".join(f'"{name}"' for name in WRITERS)
        return None if ok else f'a list of formats ({names}), e.g. ["pdf"]'
    if key == "jobs":
        return None if type(value) is int and value >= 1 else "a whole number, at least 1"
    if key in FLAG_KEYS:
        return None if isinstance(value, bool) else "true or false"
    return None


def _resolve_paths(settings: Settings, root: Path) -> Settings:
    """Default folders are the project's (`root`); a project without its own templates or
    fonts folder uses the ones that come with handout, so a folder holding only content/
    builds as it is."""
    paths = {k: (root / getattr(settings, k)).resolve() for k in PATH_KEYS}
    for key in SHIPPED_KEYS:
        if not paths[key].is_dir():
            paths[key] = (TOOL_ROOT / getattr(settings, key)).resolve()
    return replace(settings, **paths)


def source_date_epoch() -> int:
    """SOURCE_DATE_EPOCH (reproducible-builds.org): the date stamped in a DOCX, in seconds
    since 1970; unset, a fixed date, never the clock."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return DEFAULT_EPOCH
    if not value.isdigit() or int(value) > LAST_EPOCH:
        raise UserError(f"must be a whole number of seconds since 1970-01-01, not {value!r}",
                        "SOURCE_DATE_EPOCH")
    return int(value)
