"""One OFD page's Content.xml, drawn from the same Layout as the PDF.

Every glyph sits where the PDF writer puts it (pdf_text.glyphs, furniture.py): a run of
glyphs in one font, size and weight is one TextObject whose TextCode starts at the first
glyph and steps by DeltaX. OFD measures in millimetres from the page's top left; the
layout in points from the bottom left.
"""

from __future__ import annotations

from lxml import etree

from ..fonts import FontSet
from ..layout.pages import Page
from .furniture import LEADER, RULE_WIDTH, Furniture, Placed
from .pdf_text import FAKE_BOLD_STROKE, glyphs

OFD_NS = "http://www.ofdspec.org/2016"
MM = 25.4 / 72                 # millimetres per point


def q(tag: str) -> str:
    return f"{{{OFD_NS}}}{tag}"


def num(value: float) -> str:
    """A length in mm, to the thousandth (a micrometre): short, and the same every build."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class Ids:
    """OFD's object ids: one counter for the whole document (ST_ID is document-unique)."""

    def __init__(self, start: int):
        self.last = start - 1

    def next(self) -> int:
        self.last += 1
        return self.last


class FontTable:
    """The font roles drawn so far, each with its resource id and the characters it draws."""

    def __init__(self, ids: Ids):
        self.ids = ids
        self.id_of: dict[str, int] = {}
        self.characters: dict[str, set[str]] = {}

    def use(self, role: str, ch: str) -> int:
        if role not in self.id_of:
            self.id_of[role] = self.ids.next()
            self.characters[role] = set()
        self.characters[role].add(ch)
        return self.id_of[role]


class PageWriter:
    def __init__(self, fonts: FontSet, furniture: Furniture, ids: Ids, table: FontTable):
        self.fonts, self.furniture, self.ids, self.table = fonts, furniture, ids, table
        self.height = furniture.m.height

    def content(self, page: Page) -> bytes:
        root = etree.Element(q("Page"), nsmap={"ofd": OFD_NS})
        layer = etree.SubElement(etree.SubElement(root, q("Content")), q("Layer"), ID=str(self.ids.next()))
        for placed in page.lines:
            self._glyph_runs(layer, glyphs(placed, self.fonts), placed.y)
        for row in page.toc_rows:
            toc = self.furniture.toc_row(row)
            self._placed(layer, toc.number)
            leaders = ((toc.number.role, toc.number.size, False, x, LEADER) for x in toc.dots)
            self._glyph_runs(layer, leaders, toc.number.y)
        if page.header:
            placed, rule_y = self.furniture.header(page.header)
            self._placed(layer, placed)
            self._rule(layer, rule_y)
        if page.numbered:
            self._placed(layer, self.furniture.page_number(page.number))
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    def _placed(self, layer, placed: Placed) -> None:
        """One-off text: each character at its natural advance, in the font that has it."""
        x, found = placed.x, []
        for font, piece in self.fonts.runs(placed.role, placed.text):
            for ch in piece:
                if not ch.isspace():
                    found.append((font, placed.size, False, x, ch))
                x += self.fonts.advance(font, ch, placed.size)
        self._glyph_runs(layer, found, placed.y)

    def _glyph_runs(self, layer, found, baseline: float) -> None:
        run, style = [], None
        for role, size, bold, x, ch in found:
            if (role, size, bold) != style and run:
                self._text_object(layer, style, run, baseline)
                run = []
            style = (role, size, bold)
            run.append((x, ch))
        if run:
            self._text_object(layer, style, run, baseline)

    def _text_object(self, layer, style, run: list[tuple[float, str]], baseline: float) -> None:
        role, size, bold = style
        font_id = None
        for _, ch in run:
            font_id = self.table.use(role, ch)
        size_mm = size * MM
        left = run[0][0] * MM
        top = (self.height - baseline - size) * MM          # a box one em above the baseline
        width = (run[-1][0] + size) * MM - left
        box = f"{num(left)} {num(top)} {num(width)} {num(size_mm * 1.3)}"
        attributes = {"ID": str(self.ids.next()), "Boundary": box, "Font": str(font_id), "Size": num(size_mm)}
        if bold:               # the PDF's fake bold: the outline filled and stroked
            attributes.update(Stroke="true", LineWidth=num(size_mm * FAKE_BOLD_STROKE))
        text = etree.SubElement(layer, q("TextObject"), attributes)
        steps = [num((b[0] - a[0]) * MM) for a, b in zip(run, run[1:])]
        code = etree.SubElement(text, q("TextCode"), X="0", Y=num(size_mm))
        if steps:
            code.set("DeltaX", " ".join(steps))
        code.text = "".join(ch for _, ch in run)

    def _rule(self, layer, rule_y: float) -> None:
        """The header rule: a stroked line in a box as high as the stroke (a reader may clip
        a path to its Boundary, and a box of no height shows nothing)."""
        m = self.furniture.m
        width, stroke = (m.right - m.left) * MM, RULE_WIDTH * MM
        top = (self.height - rule_y) * MM - stroke / 2
        path = etree.SubElement(layer, q("PathObject"), ID=str(self.ids.next()),
                                Boundary=f"{num(m.left * MM)} {num(top)} {num(width)} {num(stroke)}",
                                LineWidth=num(stroke))
        etree.SubElement(path, q("AbbreviatedData")).text = f"M 0 {num(stroke / 2)} L {num(width)} {num(stroke / 2)}"
