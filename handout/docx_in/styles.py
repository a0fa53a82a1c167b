"""What a paragraph style means for a speech, whichever program saved the file.

Our writer names its styles as Word does (Body Text, Heading 1, toc 1, Salutation, …).
LibreOffice keeps the names but renames the ids on save (TextBody, Contents1,
ComplimentaryClose), WPS may show Chinese names (正文文本, 标题 1, 目录 1), and a file typed in
Word may use a style of its own based on one of these. So a style is recognised by its name,
then its id, then the style it is based on, and finally by its outline level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..ooxml import W

# normalised name or id (lower case, no spaces, dashes or underscores) -> (kind, level)
KIND_OF_STYLE = {
    "title": ("title", 0), "标题": ("title", 0),
    "subtitle": ("subtitle", 0), "副标题": ("subtitle", 0),
    "byline": ("byline", 0),
    "salutation": ("salutation", 0), "complimentaryclose": ("salutation", 0), "称呼": ("salutation", 0),
    "bodytext": ("body", 0), "textbody": ("body", 0), "正文文本": ("body", 0),
    "normal": ("body", 0), "standard": ("body", 0), "正文": ("body", 0), "default": ("body", 0),
    "tocheading": ("toc", 0), "contentsheading": ("toc", 0), "目录标题": ("toc", 0),
    "toc标题": ("toc", 0),
    "header": ("furniture", 0), "footer": ("furniture", 0), "footereven": ("furniture", 0),
    "页眉": ("furniture", 0), "页脚": ("furniture", 0),
    # the front matter's note (（根据录音整理）) and marking (内部资料): read back into it
    "note": ("note", 0), "marking": ("marking", 0),
}
TOC_ENTRY = re.compile(r"^(toc|contents|目录)\d$")
HEADING_STYLE = re.compile(r"^(?:heading|标题)([1-9])$")
MAX_LEVEL = 4                      # the body format's deepest heading (handout/body.py)
BOLD_CHARACTER_STYLES = {"strong", "strongemphasis", "要点"}
MAX_DEPTH = 20                     # basedOn chains longer than this are a damaged file


@dataclass(frozen=True)
class StyleMeaning:
    kind: str          # title | subtitle | byline | note | marking | heading | salutation | body
                       # | toc | furniture
    level: int = 0     # heading level (1-4)


def normalise(name: str) -> str:
    return re.sub(r"[\s_\-]", "", name).lower()


class Styles:
    """The paragraph and character styles of one file, and what each means."""

    def __init__(self, styles_root):
        self.by_id: dict[str, object] = {}
        self.default_paragraph = None
        if styles_root is None:
            return
        for style in styles_root.iter(f"{W}style"):
            sid = style.get(f"{W}styleId", "")
            self.by_id[sid] = style
            if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1", "true", "on"):
                self.default_paragraph = sid

    def paragraph(self, style_id: str | None) -> StyleMeaning:
        """The meaning of a paragraph style (None: the document's default style)."""
        sid = style_id or self.default_paragraph
        for style_key, style in self._chain(sid):
            meaning = _meaning_of(_name(style), style_key) if style is not None else _meaning_of("", style_key)
            if meaning:
                return meaning
            level = _outline_level(style)
            if level is not None and level < 9:
                return StyleMeaning("heading", min(level + 1, MAX_LEVEL))
        return StyleMeaning("body")

    def is_bold_character_style(self, style_id: str) -> bool:
        for style_key, style in self._chain(style_id):
            if {normalise(_name(style)), normalise(style_key)} & BOLD_CHARACTER_STYLES:
                return True
            r_pr = style.find(f"{W}rPr") if style is not None else None
            if r_pr is not None and is_on(r_pr.find(f"{W}b")):
                return True
        return False

    def _chain(self, style_id: str | None):
        """(id, style element or None) of the style and the styles it is based on."""
        seen = set()
        while style_id and style_id not in seen and len(seen) < MAX_DEPTH:
            seen.add(style_id)
            style = self.by_id.get(style_id)
            yield style_id, style
            based = style.find(f"{W}basedOn") if style is not None else None
            style_id = based.get(f"{W}val") if based is not None else None


def _name(style) -> str:
    name = style.find(f"{W}name") if style is not None else None
    return name.get(f"{W}val", "") if name is not None else ""


def _meaning_of(name: str, style_id: str) -> StyleMeaning | None:
    for key in (normalise(name), normalise(style_id)):
        if not key:
            continue
        if key in KIND_OF_STYLE:
            return StyleMeaning(*KIND_OF_STYLE[key])
        if TOC_ENTRY.match(key):
            return StyleMeaning("toc")
        heading = HEADING_STYLE.match(key)
        if heading:                                 # a speech has four heading levels
            return StyleMeaning("heading", min(int(heading.group(1)), MAX_LEVEL))
    return None


def _outline_level(style) -> int | None:
    p_pr = style.find(f"{W}pPr") if style is not None else None
    level = p_pr.find(f"{W}outlineLvl") if p_pr is not None else None
    value = level.get(f"{W}val") if level is not None else None
    return int(value) if value and value.isdigit() else None


def is_on(element) -> bool:
    """An on/off property (w:b, w:i, …) present and not switched off."""
    return element is not None and element.get(f"{W}val", "1") not in ("0", "false", "off")
