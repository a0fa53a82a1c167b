"""DOCX styles from the theme: fonts, sizes, alignment and indents onto the named styles.

The reference document (templates/reference.docx) says which styles exist and how they
relate; theme.yaml says how each looks, for the PDF and the DOCX alike, and page metrics
(handout/metrics.py) give the cells and twips. Raw OOXML goes through ooxml.py.
"""

from __future__ import annotations

import math
import unicodedata

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from lxml import etree

from .. import ooxml
from ..metrics import TWIPS_PER_PT, PageMetrics, twips, twips_down
from ..theme import TextRole, Theme

# Theme roles -> the style names Word users know (toc n is Word's own name for "TOC n").
STYLE_OF_ROLE = {
    "body": "Body Text", "salutation": "Salutation", "heading-1": "Heading 1",
    "heading-2": "Heading 2", "heading-3": "Heading 3", "heading-4": "Heading 4", "note": "Note", "marking": "Marking", "title": "Title", "subtitle": "Subtitle", "byline": "Byline",
    "toc-title": "TOC Heading", "toc-1": "toc 1", "toc-2": "toc 2", "toc-3": "toc 3", "toc-4": "toc 4",
    "header": "Header", "footer": "Footer",
}
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
HEADER_LINE = 1.5                  # header/footer line height in em (exact, off the grid)
TOC_ROWS = ("toc-1", "toc-2", "toc-3", "toc-4")   # entries (toc-title is the centred 目录 above them)
# roles whose styles are off the character grid (make_reference.py says why)
OFF_GRID = ("title", "subtitle", "byline", "heading-1", "heading-2", "heading-3", "heading-4",
            "note", "marking", *TOC_ROWS)
# Styles only a document with deeper headings, a note or a marking needs: added to that
# document alone (the headings with the outline level Word's navigation pane and TOC read),
# so the DOCX of a speech without them stays what it was. Role -> outline level (0-based).
ADDED_WHEN_USED = {"heading-3": 2, "heading-4": 3, "note": None, "marking": None, "toc-4": None}


def apply_theme(document, theme: Theme, m: PageMetrics) -> None:
    """Fonts, sizes, alignment and indents of every role onto its named style."""
    styles = document.styles
    ooxml.strip_theme_fonts(styles.element)     # a user's reference may bring theme fonts back
    body = theme.role("body")
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    ooxml.r_fonts(defaults, theme.fonts[body.font].docx, _latin_face(body, theme))
    ooxml.sz(defaults, round(body.size * 2))
    ooxml.lang(defaults)
    _font_table(document, theme)
    _theme_part_fonts(document, theme)
    normal = styles["Normal"]
    _set_font(normal, body, theme)
    normal.paragraph_format.alignment = ALIGN["justify"]
    # LibreOffice gives a glyph wider than a grid cell two cells (14 characters a line):
    # scale the glyphs down to the pitch (98 %: 15.68 pt of a 15.79 pt cell at 16 pt).
    ooxml.w(normal.element.get_or_add_rPr(), glyph_scale(m))
    for name, role in theme.roles.items():
        if name in ADDED_WHEN_USED:
            continue
        style = _style(styles, STYLE_OF_ROLE.get(name, name))
        _set_font(style, role, theme)
        _set_paragraph(style, role, m, centred=theme.page_number_position == "centre")
    footer = theme.role("footer")
    even = _style(styles, "Footer Even", base="Footer")
    _set_font(even, footer, theme)
    centred = theme.page_number_position == "centre"
    _set_paragraph(even, footer, m, mirrored=True, centred=centred)


def add_used_styles(document, roles: set[str], theme: Theme, m: PageMetrics) -> None:
    """The ADDED_WHEN_USED styles of the roles a document sets text in, as the reference's
    Heading 1 and 2 are made (make_reference.py): next Body Text, kept with the next
    paragraph, its outline level, off the grid; a reference's own style of that name is
    kept and given the theme's look."""
    styles = document.styles
    for name in sorted(roles & ADDED_WHEN_USED.keys()):
        style_name = STYLE_OF_ROLE[name]
        try:
            style = styles[style_name]
        except KeyError:
            style = _style(styles, style_name)
            style.quick_style = True
            style.next_paragraph_style = styles["Body Text"]
            p_pr = style.element.get_or_add_pPr()
            if ADDED_WHEN_USED[name] is not None or name in TOC_ROWS:
                style.element.attrib.pop(qn("w:customStyle"), None)    # Word's built-in style
            if ADDED_WHEN_USED[name] is not None:
                style.paragraph_format.keep_with_next = True
                ooxml.outline_lvl(p_pr, ADDED_WHEN_USED[name])
            ooxml.snap_to_grid(p_pr, False)
        role = theme.role(name)
        _set_font(style, role, theme)
        _set_paragraph(style, role, m)


def _font_table(document, theme: Theme) -> None:
    """word/fontTable.xml: every font the theme names, with its fallback as w:altName."""
    part = document.part.part_related_by(RT.FONT_TABLE)
    root = etree.fromstring(part.blob)
    for child in list(root):
        root.remove(child)
    for name in theme.font_roles_used():
        role = theme.fonts[name]
        root.append(ooxml.font(role.docx, role.docx_alt))
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _theme_part_fonts(document, theme: Theme) -> None:
    """word/theme/theme1.xml: headings in the level-1 heading's font, body text in the body's."""
    part = document.part.part_related_by(RT.THEME)
    part._blob = ooxml.theme_fonts(part.blob, theme.fonts[theme.role("heading-1").font].docx,
                                   theme.fonts[theme.role("body").font].docx,
                                   _latin_face(theme.role("body"), theme))


def _style(styles, name: str, base: str = "Normal"):
    """The named style, created (based on `base`) when a theme role has no style yet."""
    try:
        return styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        return style


def _latin_face(role: TextRole, theme: Theme) -> str | None:
    """The face a role's digits and Latin letters are named in (house style), or None."""
    latin = theme.latin_of(role)
    return theme.fonts[latin].docx if latin else None


def _set_font(style, role: TextRole, theme: Theme) -> None:
    r_pr = style.element.get_or_add_rPr()
    ooxml.r_fonts(r_pr, theme.fonts[role.font].docx, _latin_face(role, theme))
    style.font.size = Pt(role.size)
    ooxml.sz_cs(r_pr, round(role.size * 2))
    style.font.bold = True if role.bold else None
    ooxml.lang(r_pr)


def _set_paragraph(style, role: TextRole, m: PageMetrics, mirrored: bool = False,
                   centred: bool = False) -> None:
    fmt = style.paragraph_format
    p_pr = style.element.get_or_add_pPr()
    # One character, as the DOCX grid counts it, in whole twips rounded down: LibreOffice
    # snaps an indent up to whole grid cells, so two characters plus one twip become three.
    cell = twips_down(m.grid_cell(role.size)) / TWIPS_PER_PT
    if role.name in ("header", "footer"):
        _set_margin_paragraph(fmt, role, m, mirrored, centred)
        return
    fmt.alignment = ALIGN[role.align]
    if role.name in TOC_ROWS:
        # TOC rows: the whole entry is indented; the number sits on a right tab with dots
        # at the margin. No right indent to keep the number's room: with compatibilityMode
        # 15, LibreOffice drops a tab that lies beyond the right indent, number and all.
        ooxml.ind(p_pr, left_chars=role.indent * 100, left=twips(role.indent * cell),
                  right_chars=0, right=0)
        fmt.tab_stops.clear_all()
        fmt.tab_stops.add_tab_stop(Twips(m.grid_measure_twips), WD_TAB_ALIGNMENT.RIGHT,
                                   WD_TAB_LEADER.DOTS)
    else:
        ooxml.ind(p_pr, first_line_chars=role.indent * 100, first_line=twips(role.indent * cell))
    if role.name in OFF_GRID:
        # off the grid (see make_reference.py): one grid pitch per line as in the PDF, and
        # the scaled glyphs spaced out to the DOCX grid's character pitch (no wider: a full
        # line must fit its type area of whole cells, metrics.grid_measure_twips)
        fmt.line_spacing = Twips(m.line_pitch_twips)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        ooxml.char_spacing(style.element.get_or_add_rPr(),
                           twips_down(m.grid_cell(role.size) - role.size * glyph_scale(m) / 100))


def _set_margin_paragraph(fmt, role: TextRole, m: PageMetrics, mirrored: bool, centred: bool) -> None:
    """Header and footers: exact line height; footers one character in from the type area."""
    fmt.line_spacing = Pt(role.size * HEADER_LINE)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.first_line_indent = 0
    if role.name == "header":
        fmt.alignment = ALIGN[role.align]
        return
    inset = Twips(twips(m.footer_inset))
    if centred:
        fmt.alignment, fmt.left_indent, fmt.right_indent = ALIGN["center"], 0, 0
        return
    fmt.alignment = ALIGN["left"] if mirrored else ALIGN["right"]
    fmt.left_indent, fmt.right_indent = (inset, 0) if mirrored else (0, inset)


def rare_face(fonts, theme: Theme):
    """(role, character) -> the face a run of a CJK ideograph names where the role's font lacks
    it, or None. Word and WPS fall back from these on Windows: SimSun-ExtB has the
    Supplementary Ideographic Plane (Extensions B-F), SimSun (宋体) the rest of GB 18030
    (URO, Extension A); fonts/fonts.conf sends both to the free full-coverage faces."""
    def face(role: str, ch: str) -> str | None:
        if not unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH"):
            return None
        if fonts.covers(theme.role(role).font, ch):
            return None
        return "SimSun-ExtB" if ord(ch) >= 0x20000 else "宋体"
    return face


def glyph_scale(m: PageMetrics) -> int:
    """Horizontal glyph scale in percent (w:w of Normal): body glyphs no wider than a cell."""
    return min(100, math.floor(100 * m.char_pitch / m.body_size))
