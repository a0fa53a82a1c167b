"""The theme: page geometry, font roles and text roles, read from templates/theme.yaml.

Both writers read the same `Theme`, so the PDF and the DOCX cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import UserError, yaml_error

ALIGNMENTS = ("left", "center", "right", "justify")


@dataclass(frozen=True)
class FontRole:
    """A font role (仿宋, 黑体, …): candidate files in fonts/ and the names the DOCX uses."""
    name: str
    files: tuple[str, ...]
    docx: str
    docx_alt: str


@dataclass(frozen=True)
class TextRole:
    """How one kind of text is set: font role, size in pt, alignment, bold, indent in chars."""
    name: str
    font: str
    size: float
    align: str = "justify"
    bold: bool = False
    indent: int = 0


@dataclass(frozen=True)
class Theme:
    path: str
    page_mm: tuple[float, float]
    margins_mm: dict[str, float]
    grid_lines: int
    grid_chars: int
    header_gap_mm: float
    footer_gap_mm: float
    footer_inset_chars: float
    fonts: dict[str, FontRole]
    fallback: tuple[str, ...]
    roles: dict[str, TextRole]

    def role(self, name: str) -> TextRole:
        return self.roles[name]


def load_theme(path: Path) -> Theme:
    """Read and validate a theme file; every problem is a UserError naming the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UserError(f"cannot read theme: {exc.strerror}", path) from None
    except yaml.YAMLError as exc:
        raise yaml_error(exc, path) from None
    try:
        return _theme_from_dict(data, path)
    except (KeyError, TypeError, ValueError) as exc:
        raise UserError(f"bad theme: {exc}", path) from None


def _theme_from_dict(data: dict, path: Path) -> Theme:
    page = data["page"]
    fonts = {name: FontRole(name, tuple(spec["files"]), spec["docx"], spec.get("docx_alt", spec["docx"]))
             for name, spec in data["fonts"].items()}
    roles = {}
    for name, spec in data["roles"].items():
        role = TextRole(name, spec["font"], float(spec["size"]), spec.get("align", "justify"),
                        bool(spec.get("bold", False)), int(spec.get("indent", 0)))
        if role.font not in fonts:
            raise ValueError(f"role {name!r} uses unknown font role {role.font!r}")
        if role.align not in ALIGNMENTS:
            raise ValueError(f"role {name!r}: align must be one of {', '.join(ALIGNMENTS)}")
        roles[name] = role
    return Theme(
        path=str(path),
        page_mm=(float(page["width"]), float(page["height"])),
        margins_mm={k: float(v) for k, v in page["margins"].items()},
        grid_lines=int(page["grid"]["lines"]),
        grid_chars=int(page["grid"]["chars"]),
        header_gap_mm=float(page.get("header_gap", 6)),
        footer_gap_mm=float(page.get("footer_gap", 7)),
        footer_inset_chars=float(page.get("footer_inset", 1)),
        fonts=fonts,
        fallback=tuple(data.get("fallback", fonts)),
        roles=roles,
    )
