"""The theme: page geometry, font roles and text roles, read from templates/theme.yaml.

Both writers read the same `Theme`, so the PDF and the DOCX cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .errors import UserError, os_reason, yaml_error
from .i18n import N_

ALIGNMENTS = ("left", "center", "right", "justify")
# The page number: its form ({n} is the number; "— {n} —" GB/T 9704 7.5, "- {n} -", "第{n}页")
# and where it goes: odd pages right and even left, one character in (sides), or centred.
PAGE_NUMBER_FORM = "— {n} —"
PAGE_NUMBER_POSITIONS = ("sides", "centre")
MARGINS = ("top", "bottom", "left", "right")
# Roles the shipped templates, the layout and the writers set text in.
REQUIRED_ROLES = ("body", "salutation", "heading-1", "heading-2", "title", "subtitle", "byline",
                  "toc-title", "toc-1", "toc-2", "toc-3", "header", "footer")
# Roles a theme written before they existed may lack: role -> (the role it is set like, what
# differs). 1. and （1） are in 仿宋 like the text (GB/T 9704 7.3.3); the note under the title
# block like the subtitle; the marking (内部资料) where 密级 goes: 3号黑体, flush left; a
# level-4 contents row like a level-3 one, two characters further in.
OPTIONAL_ROLES = {"heading-3": ("body", {}), "heading-4": ("body", {}), "note": ("subtitle", {}),
                  "marking": ("heading-1", {"align": "left", "indent": 0}),
                  "toc-4": ("toc-3", {"indent": lambda toc_3: toc_3.indent + 2})}
# Text roles whose digits and Latin letters keep their own face when the theme's `latin`
# names one: the running header, and the page number (GB/T 9704 7.5: 宋体 digits).
OWN_LATIN_ROLES = ("header", "footer")


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
    latin: str | None           # the font role of digits and Latin letters; None: each text's own
    page_number_form: str
    page_number_position: str
    roles: dict[str, TextRole]

    def role(self, name: str) -> TextRole:
        """A text role; one a template names that the theme lacks is a user's mistake."""
        try:
            return self.roles[name]
        except KeyError:
            raise UserError("`roles.{name}` is missing (a template uses role {name!r})",
                            self.path, name=name) from None

    def latin_of(self, role: TextRole) -> str | None:
        """The font role that sets `role`'s digits and Latin letters apart from its own face,
        or None (the house style is off, or the role keeps its face)."""
        return None if role.name in OWN_LATIN_ROLES else self.latin

    def font_roles_used(self) -> tuple[str, ...]:
        """The font roles some text is set in (text roles, fallback, latin), in the theme's
        order: a role no text uses (the Latin face while the house style is off) is neither
        looked for nor named in the outputs."""
        used = {role.font for role in self.roles.values()} | set(self.fallback) | {self.latin}
        return tuple(name for name in self.fonts if name in used)


def load_theme(path: Path) -> Theme:
    """Read and validate a theme file; every problem is one UserError naming the file, the
    line and the key (`roles.body.size`)."""
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except OSError as exc:
        raise UserError("cannot read theme: {why}", path, why=os_reason(exc)) from None
    except UnicodeDecodeError:
        raise UserError("the theme is not UTF-8", path) from None
    except yaml.YAMLError as exc:
        raise yaml_error(exc, path) from None
    checker = _Checker(path, _key_lines(text))
    return _theme_from_dict(checker.mapping(data, ()), checker)


class _Checker:
    """Reads typed values out of the theme, refusing a bad one with its key and line."""

    def __init__(self, path: Path, lines: dict[tuple, int]):
        self.path, self.lines = path, lines

    def fail(self, keys: tuple, msgid: str, **values):
        """`msgid` names the key as `{key}` (roles.body.size)."""
        line = next((self.lines[keys[:n]] for n in range(len(keys), 0, -1) if keys[:n] in self.lines), None)
        raise UserError(msgid, self.path, line, key=".".join(map(str, keys)), **values)

    def get(self, data: dict, keys: tuple, default=None):
        if keys[-1] in data:
            return data[keys[-1]]
        if default is None:
            self.fail(keys, "`{key}` is missing")
        return default

    def mapping(self, value, keys: tuple) -> dict:
        if not isinstance(value, dict):
            self.fail(keys or ("theme",), "`{key}` must be `key: value` lines")
        return value

    def number(self, data: dict, keys: tuple, low: float, default=None, above=False) -> float:
        value = self.get(data, keys, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or value < low or (above and value == low):
            message = (N_("`{key}` must be a number above {low:g}, not {value!r}") if above else
                       N_("`{key}` must be a number of at least {low:g}, not {value!r}"))
            self.fail(keys, message, low=low, value=value)
        return float(value)

    def whole(self, data: dict, keys: tuple, low: int, high: int, default=None) -> int:
        value = self.get(data, keys, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(keys, "`{key}` must be a whole number from {low} to {high}, not {value!r}",
                      low=low, high=high, value=value)
        return value

    def choice(self, data: dict, keys: tuple, choices, default=None):
        value = self.get(data, keys, default)
        if value not in choices:
            self.fail(keys, "`{key}` must be one of {known}, not {value!r}",
                      known=", ".join(map(str, choices)), value=value)
        return value

    def text_list(self, data: dict, keys: tuple) -> tuple[str, ...]:
        value = self.get(data, keys)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self.fail(keys, "`{key}` must be a list of file names")
        return tuple(value)


def _theme_from_dict(data: dict, check: _Checker) -> Theme:
    page = check.mapping(check.get(data, ("page",)), ("page",))
    width = check.number(page, ("page", "width"), 0, above=True)
    height = check.number(page, ("page", "height"), 0, above=True)
    margins = check.mapping(check.get(page, ("page", "margins")), ("page", "margins"))
    margins_mm = {k: check.number(margins, ("page", "margins", k), 0) for k in MARGINS}
    if margins_mm["left"] + margins_mm["right"] >= width:
        check.fail(("page", "margins"), "`{key}` left + right ({sum:g} mm) leave no type area on "
                   "a page {width:g} mm wide", sum=margins_mm["left"] + margins_mm["right"], width=width)
    if margins_mm["top"] + margins_mm["bottom"] >= height:
        check.fail(("page", "margins"), "`{key}` top + bottom ({sum:g} mm) leave no type area on "
                   "a page {height:g} mm high", sum=margins_mm["top"] + margins_mm["bottom"], height=height)
    grid = check.mapping(check.get(page, ("page", "grid")), ("page", "grid"))
    grid_chars = check.whole(grid, ("page", "grid", "chars"), 1, 200)
    fonts = _font_roles(check.mapping(check.get(data, ("fonts",)), ("fonts",)), check)
    return Theme(
        path=str(check.path),
        page_mm=(width, height),
        margins_mm=margins_mm,
        grid_lines=check.whole(grid, ("page", "grid", "lines"), 1, 200),
        grid_chars=grid_chars,
        header_gap_mm=check.number(page, ("page", "header_gap"), 0, 6),
        footer_gap_mm=check.number(page, ("page", "footer_gap"), 0, 7),
        footer_inset_chars=check.number(page, ("page", "footer_inset"), 0, 1),
        fonts=fonts,
        fallback=_fallback(data, fonts, check),
        latin=_latin(data, fonts, check),
        page_number_form=_page_number_form(page, check),
        page_number_position=check.choice(page, ("page", "page_number_position"),
                                          PAGE_NUMBER_POSITIONS, "sides"),
        roles=_text_roles(check.mapping(check.get(data, ("roles",)), ("roles",)), fonts,
                          grid_chars, check),
    )


def _page_number_form(page: dict, check: _Checker) -> str:
    form = page.get("page_number", PAGE_NUMBER_FORM)
    if not isinstance(form, str) or form.count("{n}") != 1 or "\n" in form:
        check.fail(("page", "page_number"), '`{key}` must be text holding {n} once, such as '
                   '"— {n} —", "- {n} -" or "第{n}页", not {form!r}', n="{n}", form=form)
    return form


def _font_roles(data: dict, check: _Checker) -> dict[str, FontRole]:
    fonts = {}
    for name, spec in data.items():
        keys = ("fonts", name)
        spec = check.mapping(spec, keys)
        docx = check.get(spec, keys + ("docx",))
        fonts[name] = FontRole(name, check.text_list(spec, keys + ("files",)), str(docx),
                               str(spec.get("docx_alt", docx)))
    if not fonts:
        check.fail(("fonts",), "`{key}` names no font role")
    return fonts


def _fallback(data: dict, fonts: dict, check: _Checker) -> tuple[str, ...]:
    order = data.get("fallback", list(fonts))
    if not isinstance(order, list):
        check.fail(("fallback",), "`{key}` must be a list of font roles")
    for name in order:
        if name not in fonts:
            check.fail(("fallback",), "`{key}` names {name!r}, which is not under `fonts`", name=name)
    return tuple(order)


def _latin(data: dict, fonts: dict, check: _Checker) -> str | None:
    """`latin`: the font role that sets digits and Latin letters (house style: Times New
    Roman), or null for each text's own face (the default)."""
    name = data.get("latin")
    if name is not None and name not in fonts:
        check.fail(("latin",), "`{key}` must be null or a font role under `fonts` ({roles}), "
                   "not {name!r}", roles=", ".join(fonts), name=name)
    return name


def _text_roles(data: dict, fonts: dict, grid_chars: int, check: _Checker) -> dict[str, TextRole]:
    missing = [name for name in REQUIRED_ROLES if name not in data]
    if missing:
        check.fail(("roles",), "`{key}` has no {missing} (the templates and writers set text in "
                   "every one of: {required})", missing=", ".join(missing), required=", ".join(REQUIRED_ROLES))
    roles = {}
    for name, spec in data.items():
        keys = ("roles", name)
        spec = check.mapping(spec, keys)
        roles[name] = TextRole(
            name, check.choice(spec, keys + ("font",), list(fonts)),
            check.number(spec, keys + ("size",), 0, above=True),
            check.choice(spec, keys + ("align",), ALIGNMENTS, "justify"),
            check.choice(spec, keys + ("bold",), (True, False), False),
            check.whole(spec, keys + ("indent",), 0, grid_chars - 1, 0))
    for name, (like, differs) in OPTIONAL_ROLES.items():
        if name not in roles:
            base = roles[like]
            roles[name] = replace(base, name=name, **{key: value(base) if callable(value) else value
                                                      for key, value in differs.items()})
    return roles


def _key_lines(text: str) -> dict[tuple, int]:
    """(key, subkey, …) -> 1-based line of every mapping key in the YAML."""
    lines: dict[tuple, int] = {}

    def walk(node, keys: tuple) -> None:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                path = keys + (key_node.value,)
                lines[path] = key_node.start_mark.line + 1
                walk(value_node, path)
    walk(yaml.compose(text, Loader=yaml.SafeLoader), ())
    return lines
