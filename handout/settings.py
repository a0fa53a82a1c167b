"""Settings: built-in defaults, then the project file (handout.toml), then the command line.

Paths in the project file are relative to that file, so a project folder can live anywhere.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .errors import UserError, os_reason
from .i18n import Msg
from .searchpath import find, not_found, search_path
from .writers import DEFAULT_FORMATS, WRITERS

PROJECT_FILE = "handout.toml"
DEFAULT_EPOCH = 946684800          # 2000-01-01T00:00:00Z, the date of reportlab's invariant PDFs
LAST_EPOCH = 253402300799          # 9999-12-31T23:59:59Z, the last date a DOCX can carry


@dataclass(frozen=True)
class Settings:
    content: Path = Path("content")          # speeches (*.md; files and folders starting with _ are not speeches)
    output: Path = Path("output")            # where PDFs and DOCX files go
    templates: Path = Path("templates")      # Jinja2 templates, theme.yaml, reference.docx
    fonts: Path = Path("fonts")              # font files; a licensed font dropped here takes over its role
    theme: str = "theme.yaml"                # these three: looked up in the templates folders
    template: str = "handout.xml.j2"         # one speech
    booklet_template: str = "booklet.xml.j2"  # the 汇编 booklet
    formats: tuple[str, ...] = DEFAULT_FORMATS
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    toc_depth: int = 2                       # heading levels a speech's contents lists (1-4)
    imposed: bool = False                    # also the booklet imposed on A3 for the print shop
    force: bool = False                      # rebuild even when nothing changed
    strict: bool = False                     # warnings are errors
    quiet: bool = False
    debug: bool = False                      # show tracebacks

    @property
    def template_dirs(self) -> tuple[Path, ...]:
        """Where templates, the theme and reference.docx are looked up, file by file."""
        return search_path(self.templates, SHIPPED["templates"])

    @property
    def font_dirs(self) -> tuple[Path, ...]:
        """Where each font role's candidate files are looked up."""
        return search_path(self.fonts, SHIPPED["fonts"])

    def template_file(self, name: str) -> Path:
        """A file of the templates folders as the build uses it; one no folder holds (refused
        for the named settings when they are read) as the project's, for messages."""
        return find(self.template_dirs, name) or self.templates / name

    @property
    def theme_path(self) -> Path:
        return self.template_file(self.theme)


MAX_TOC_DEPTH = 4                  # the four heading levels of GB/T 9704 7.3.3
PATH_KEYS = ("content", "output", "templates", "fonts")
FLAG_KEYS = ("force", "strict", "quiet", "debug", "imposed")
FILE_KEYS = ("theme", "template", "booklet_template")     # names in the templates folders
PACKAGE_DIR = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    """The folder handout comes with: inside the package where it is installed (the wheel and
    the .deb carry templates/ and fonts/ there), else the repository's top-level one."""
    inside = PACKAGE_DIR / name
    return inside if inside.is_dir() else PACKAGE_DIR.parent / name


# the folders handout comes with: searched after the project's own, file by file
SHIPPED = {key: _shipped(str(getattr(Settings, key))) for key in ("templates", "fonts")}


def load_settings(root: Path, overrides: dict) -> Settings:
    """Defaults <- `root/handout.toml` (if present) <- `overrides` (from the command line)."""
    settings = _resolve_paths(Settings(), root)
    set_at: dict[str, tuple[Path | None, int | None]] = {}     # key -> (file, line); None: option
    project = root / PROJECT_FILE
    if project.is_file():
        values, line_of = _read_project_file(project)
        settings = _apply(settings, values, project.parent, project, line_of)
        set_at.update((key, (project, line_of(key))) for key in values)
    given = {k: v for k, v in overrides.items() if v is not None}
    settings = _apply(settings, given, Path.cwd(), None)
    set_at.update((key, (None, None)) for key in given)
    _check_lookups(settings, set_at)
    if settings.imposed and "imposed" not in settings.formats:
        settings = replace(settings, formats=settings.formats + ("imposed",))
    source_date_epoch()                    # a bad value is refused before anything is built
    return settings


def _read_project_file(path: Path):
    """The values of handout.toml, and a function giving the line where a key is set."""
    import tomllib                         # only projects with a handout.toml pay for it
    try:
        text = path.read_text(encoding="utf-8")
        values = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError("cannot read: {why}", path,
                        why=os_reason(exc) if isinstance(exc, OSError) else exc) from None
    except tomllib.TOMLDecodeError as exc:
        raise UserError("bad TOML: {why}", path, why=exc) from None
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
        raise UserError("unknown setting(s): {names} (known: {known})", origin,
                        line_of(unknown[0]), names=", ".join(unknown), known=", ".join(sorted(known)))
    changes = {}
    for key, value in values.items():
        wanted = _wrong_value(key, value)
        if wanted:
            raise UserError("{name} must be {wanted}, not {value!r}", origin, line_of(key),
                            name=_name(key, origin), wanted=wanted, value=value)
        if key in PATH_KEYS:
            value = (base / Path(value)).resolve() if not Path(value).is_absolute() else Path(value)
        elif key == "formats":
            value = tuple(value)
        changes[key] = value
    return replace(settings, **changes)


def _wrong_value(key: str, value) -> str | None:
    """What `key` needs, when `value` is not that; None when it is fine."""
    if key in PATH_KEYS:
        return None if isinstance(value, (str, Path)) and str(value) else Msg("a folder (text)")
    if key in FILE_KEYS:
        inside = isinstance(value, str) and value and not Path(value).is_absolute() \
            and ".." not in Path(value).parts              # Jinja2 refuses to look outside
        return None if inside else Msg("a file name in the templates folder (text)")
    if key == "formats":
        ok = (isinstance(value, (list, tuple)) and value and all(v in WRITERS for v in value)
              and len(set(value)) == len(value))
        names = ", ".join(f'"{name}"' for name in WRITERS)
        return None if ok else Msg('a list of formats ({names}), e.g. ["pdf"]', names=names)
    if key == "jobs":
        return None if type(value) is int and value >= 1 else Msg("a whole number, at least 1")
    if key == "toc_depth":
        return None if type(value) is int and 1 <= value <= MAX_TOC_DEPTH else \
            Msg("a whole number from 1 to {high}", high=MAX_TOC_DEPTH)
    if key in FLAG_KEYS:
        return None if isinstance(value, bool) else Msg("true or false")
    return None


def _name(key: str, origin: Path | None) -> str:
    """A setting as the user wrote it: the project file's key, or the command line's option."""
    return f"`{key}`" if origin else "--" + key.replace("_", "-")


def _check_lookups(settings: Settings, set_at: dict) -> None:
    """A folder or file name given must be there: a typo would otherwise go unnoticed, the
    shipped file standing in for the one meant (the search path's last folder)."""
    for key in ("templates", "fonts"):
        if key in set_at and not getattr(settings, key).is_dir():
            origin, line = set_at[key]
            raise UserError("{name}: no such folder: {folder}", origin, line,
                            name=_name(key, origin), folder=getattr(settings, key))
    for key in FILE_KEYS:
        name = getattr(settings, key)
        if find(settings.template_dirs, name) is None:
            origin, line = set_at.get(key, (None, None))
            named = _name(key, origin) if key in set_at else f"`{key}`"   # a default: the install's
            raise UserError("{name}: {problem}", origin, line, name=named,
                            problem=not_found(settings.template_dirs, name))


def _resolve_paths(settings: Settings, root: Path) -> Settings:
    """Default folders are the project's (`root`). A project without its own templates or
    fonts folder has the shipped one as its folder (and the whole search path), so a folder
    holding only content/ builds as it is, and `build.py watch` watches what it uses."""
    paths = {k: (root / getattr(settings, k)).resolve() for k in PATH_KEYS}
    for key, shipped in SHIPPED.items():
        if not paths[key].is_dir():
            paths[key] = shipped
    return replace(settings, **paths)


def source_date_epoch() -> int:
    """SOURCE_DATE_EPOCH (reproducible-builds.org): the date stamped in a DOCX, in seconds
    since 1970; unset, a fixed date, never the clock."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return DEFAULT_EPOCH
    if not value.isdigit() or int(value) > LAST_EPOCH:
        raise UserError("must be a whole number of seconds since 1970-01-01, not {value!r}",
                        "SOURCE_DATE_EPOCH", value=value)
    return int(value)
