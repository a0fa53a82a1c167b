"""The PDF writer: draws a Layout with reportlab's canvas.

Layout decided every glyph's cell; this module only draws: text runs with the right
character spacing, a stroked fake bold where the font has no bold face, narrow quotes
aligned inside their cells, the running header and rule, the page number, TOC leaders
and links, and the outline (bookmarks).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from ..fonts import FontSet
from ..layout.pages import Layout, Page, PlacedLine, TocRow
from ..metrics import PageMetrics
from ..model import Document
from ..theme import Theme

FAKE_BOLD_STROKE = 0.035      # stroke width in em for a fake bold
HEADER_TEXT_RAISE = 4.0       # pt between the header rule and the header baseline
RULE_WIDTH = 0.5              # pt
LEADER = "."


class PdfWriter:
    name = "pdf"
    suffix = ".pdf"

    def __init__(self, theme: Theme, fonts: FontSet, metrics: PageMetrics):
        self.theme, self.fonts, self.m = theme, fonts, metrics

    def render(self, doc: Document, layout: Layout) -> bytes:
        """The PDF as bytes (the caller writes it atomically)."""
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=(self.m.width, self.m.height), invariant=1,
                        pageCompression=1, lang="zh-CN",
                        initialFontName=self.fonts.pdf_name(self.theme.role("body").font))
        _set_info(canvas, doc)
        outline_level = -1
        for page in layout.pages:
            outline_level = self._draw_page(canvas, page, outline_level)
            canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    def _draw_page(self, canvas: Canvas, page: Page, outline_level: int) -> int:
        for block, top in page.anchors:
            canvas.bookmarkPage(block.anchor, fit="XYZ", left=0, top=top)
            # reportlab refuses an outline that skips a level, so clamp to one deeper
            outline_level = min(block.toc - 1, outline_level + 1)
            canvas.addOutlineEntry(block.toc_text or block.text, block.anchor, level=outline_level)
        for placed in page.lines:
            self._draw_line(canvas, placed)
        for row in page.toc_rows:
            self._draw_toc_number(canvas, row)
        if page.header:
            self._draw_header(canvas, page.header)
        if page.numbered:
            self._draw_page_number(canvas, page.number)
        return outline_level

    # -- text -------------------------------------------------------------------------
    def _draw_line(self, canvas: Canvas, placed: PlacedLine) -> None:
        for font, size, bold, x, spacing, text in _runs(placed):
            if bold:
                # Render mode and line width are graphics state: save/restore keeps them
                # from leaking into the next run.
                canvas.saveState()
                canvas.setLineWidth(size * FAKE_BOLD_STROKE)
            name = self.fonts.pdf_name(font)
            for piece_x, piece in _subset_pieces(canvas, name, size, x, spacing, text):
                text_object = canvas.beginText(piece_x, placed.y)
                text_object.setFont(name, size)
                text_object.setCharSpace(spacing)
                if bold:
                    text_object.setTextRenderMode(2)      # fill + stroke: a fake bold
                text_object.textOut(piece)
                canvas.drawText(text_object)
            if bold:
                canvas.restoreState()

    def _plain_text(self, canvas: Canvas, role: str, size: float, x: float, y: float,
                    text: str) -> None:
        """Text with no character spacing. Tc is PDF text state that survives BT/ET, so it
        is set explicitly here; drawString would inherit the last run's spacing."""
        text_object = canvas.beginText(x, y)
        text_object.setFont(self.fonts.pdf_name(role), size)
        text_object.setCharSpace(0)
        text_object.textOut(text)
        canvas.drawText(text_object)

    def _draw_header(self, canvas: Canvas, text: str) -> None:
        role = self.theme.role("header")
        rule_y = self.m.top + self.m.header_gap
        width = self.fonts.advance(role.font, text, role.size)
        self._plain_text(canvas, role.font, role.size, (self.m.left + self.m.right - width) / 2,
                         rule_y + HEADER_TEXT_RAISE, text)
        canvas.setLineWidth(RULE_WIDTH)
        canvas.line(self.m.left, rule_y, self.m.right, rule_y)

    def _draw_page_number(self, canvas: Canvas, number: int) -> None:
        """'— n —', 4号, odd pages right and even pages left, one character in (GB/T 9704 7.5)."""
        role = self.theme.role("footer")
        text = f"— {number} —"
        dash_top = self.fonts.glyph_top(role.font, "—") * role.size
        y = self.m.bottom - self.m.footer_gap - dash_top
        if number % 2:
            x = self.m.right - self.m.footer_inset - self.fonts.advance(role.font, text, role.size)
        else:
            x = self.m.left + self.m.footer_inset
        self._plain_text(canvas, role.font, role.size, x, y, text)

    def _draw_toc_number(self, canvas: Canvas, row: TocRow) -> None:
        """Dot leaders from the entry's end to its page number, and a link on the row."""
        last = row.lines[-1]
        body = self.theme.role("body").font        # numbers and leaders in one face on every row
        size = last.role.size
        number = str(row.page)
        number_x = self.m.right - self.fonts.advance(body, number, size)
        self._plain_text(canvas, body, size, number_x, last.y, number)
        text_end = last.x + (last.line.xs[-1] + last.line.widths[-1] if last.line.units else 0)
        step = self.m.char_pitch / 2
        # leaders on a fixed half-cell grid, so the dots of all rows line up
        x = (int((text_end - self.m.left) / step) + 1) * step + self.m.left
        dots = []
        while x + step <= number_x - size / 4:
            dots.append(x)
            x += step
        if dots:
            text_object = canvas.beginText(dots[0], last.y)
            text_object.setFont(self.fonts.pdf_name(body), size)
            text_object.setCharSpace(step - self.fonts.advance(body, LEADER, size))
            text_object.textOut(LEADER * len(dots))
            canvas.drawText(text_object)
        top = row.lines[0].y + size
        canvas.linkAbsolute("", row.entry.anchor, Rect=(self.m.left, last.y - size * 0.3,
                                                        self.m.right, top), Border="[0 0 0]")


@dataclass
class _Glyphs:
    """Glyph(s) of one unit at their drawing position."""
    key: tuple            # (font role, size, bold)
    x: float
    text: str
    advance: float        # as the font draws them
    spacing: float        # extra space after each glyph inside the unit


def _runs(placed: PlacedLine):
    """Group a line's glyphs into runs drawn with one font and one character spacing.

    Yields (font role, size, bold, x, char spacing, text): one PDF text operation per
    run instead of one per character keeps the file small.
    """
    run: list[_Glyphs] = []
    spacing = None
    for glyphs in _glyphs_of(placed):
        if run and _continues(run[-1], spacing, glyphs):
            spacing = glyphs.x - (run[-1].x + run[-1].advance)
            run.append(glyphs)
            continue
        if run:
            yield _emit(run, spacing)
        run, spacing = [glyphs], None
    if run:
        yield _emit(run, spacing)


def _subset_pieces(canvas: Canvas, name: str, size: float, x: float, spacing: float, text: str):
    """Split a run where reportlab switches font subsets (256 glyphs each), each piece with
    its own position. One text operation per piece: pdfminer (pdfplumber) drops the
    character spacing after the last glyph of each string, so a run spanning subsets would
    be read back up to a point off per switch, while viewers draw it right."""
    font = pdfmetrics.getFont(name)
    start = 0
    for _subset, data in font.splitString(text, canvas._doc):
        piece = text[start:start + len(data)]
        yield x, piece
        x += pdfmetrics.stringWidth(piece, name, size) + spacing * len(piece)
        start += len(piece)


def _glyphs_of(placed: PlacedLine):
    line = placed.line
    for unit, cell_x, width in zip(line.units, line.xs, line.widths):
        if unit.kind == "space":
            continue
        key = (unit.font, unit.size, unit.bold)
        if len(unit.text) > 1:         # a Latin word, or —— / …… filling two cells
            inner = 0.0 if unit.kind == "latin" else (width - unit.glyph) / len(unit.text)
            yield _Glyphs(key, placed.x + cell_x, unit.text, unit.glyph, inner)
        else:
            yield _Glyphs(key, placed.x + cell_x + _glyph_offset(unit, width), unit.text,
                          unit.glyph, 0.0)


def _glyph_offset(unit, width: float) -> float:
    """Where a glyph sits in its cell: opening marks hug the right side (they belong to
    what follows), closing marks the left, everything else is centred."""
    if unit.kind == "open":
        return width - unit.glyph
    if unit.kind in ("close", "latin"):
        return 0.0
    return (width - unit.glyph) / 2


def _continues(last: _Glyphs, spacing: float | None, nxt: _Glyphs) -> bool:
    if nxt.key != last.key or len(nxt.text) > 1 or len(last.text) > 1:
        return False
    gap = nxt.x - (last.x + last.advance)
    return spacing is None or abs(gap - spacing) < 0.005


def _emit(run: list[_Glyphs], spacing: float | None):
    first = run[0]
    if len(run) == 1:
        spacing = first.spacing
    return (*first.key, first.x, spacing or 0.0, "".join(g.text for g in run))


def _set_info(canvas: Canvas, doc: Document) -> None:
    meta = doc.meta
    canvas.setTitle(doc.title)
    canvas.setAuthor(str(meta.get("speaker") or ""))
    canvas.setSubject(str(meta.get("occasion") or ""))
    canvas.setCreator("handout (GB/T 9704 speech handouts)")
