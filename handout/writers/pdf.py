"""The PDF writer: draws a Layout with reportlab's canvas.

Layout decided every glyph's cell; this module only draws: text runs with the right
character spacing, a stroked fake bold where the font has no bold face, narrow quotes
aligned inside their cells, the running header and rule, the page number, TOC leaders
and links, and the outline (bookmarks).
"""

from __future__ import annotations

import io

from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from zlib_ng import zlib_ng

from ..fonts import FontSet
from ..layout.pages import Layout, Page, TocRow
from ..metrics import PageMetrics
from ..model import Document
from ..theme import Theme
from ..memo import Memo
from .pdf_reuse import compressed
from .pdf_text import LineDrawer, line_cost


class _ZlibNgFlate(pdfdoc.PDFStreamFilterZCompress):
    """reportlab's Flate filter, compressing with zlib-ng instead of the standard zlib.

    Nine tenths of a handout's bytes are embedded font subsets, and compressing them at
    zlib's default level was half the time of writing a PDF (22 ms a speech); zlib-ng at the
    same level writes the same kind of Deflate stream 2.3x faster and a little smaller.
    reportlab looks the filter up as pdfdoc.PDFZCompress whenever it compresses a stream."""

    def encode(self, text):
        return compressed(text.encode("utf8") if isinstance(text, str) else text, zlib_ng.compress)


pdfdoc.PDFZCompress = _ZlibNgFlate()

HEADER_TEXT_RAISE = 4.0       # pt between the header rule and the header baseline
RULE_WIDTH = 0.5              # pt
LEADER = "."
KEEP_LINES_BYTES = 8 * 2**20  # lines' operators kept for the next document: a booklet of some ten speeches


class PdfWriter:
    name = "pdf"
    suffix = ".pdf"

    def __init__(self, theme: Theme, fonts: FontSet, metrics: PageMetrics):
        self.theme, self.fonts, self.m = theme, fonts, metrics
        self.kept_lines = Memo(KEEP_LINES_BYTES, line_cost)     # for these fonts only

    def render(self, doc: Document, layout: Layout) -> bytes:
        """The PDF as bytes (the caller writes it atomically)."""
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=(self.m.width, self.m.height), invariant=1,
                        pageCompression=1, lang="zh-CN",
                        initialFontName=self.fonts.pdf_name(self.theme.role("body").font))
        _set_info(canvas, doc)
        outline_level = -1
        drawer = LineDrawer(canvas, self.fonts, self.kept_lines)
        drawer.assign_codes(layout.pages)
        for page in layout.pages:
            outline_level = self._draw_page(canvas, drawer, page, outline_level)
            canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    def _draw_page(self, canvas: Canvas, drawer: LineDrawer, page: Page, outline_level: int) -> int:
        for block, top in page.anchors:
            canvas.bookmarkPage(block.anchor, fit="XYZ", left=0, top=top)
            # reportlab refuses an outline that skips a level, so clamp to one deeper
            outline_level = min(block.toc - 1, outline_level + 1)
            canvas.addOutlineEntry(block.toc_text or block.text, block.anchor, level=outline_level)
        for placed in page.lines:
            drawer.draw(placed)
        for row in page.toc_rows:
            self._draw_toc_number(canvas, row)
        if page.header:
            self._draw_header(canvas, page.header)
        if page.numbered:
            self._draw_page_number(canvas, page.number)
        return outline_level

    # -- text -------------------------------------------------------------------------
    def _plain_text(self, canvas: Canvas, role: str, size: float, x: float, y: float,
                    text: str) -> None:
        """Text with no character spacing, each character in the role's font or the first
        fallback that has it (as body text). Tc is PDF text state that survives BT/ET, so it
        is set explicitly here; drawString would inherit the last run's spacing."""
        text_object = canvas.beginText(x, y)
        text_object.setCharSpace(0)
        for font, piece in self.fonts.runs(role, text):
            text_object.setFont(self.fonts.pdf_name(font), size)
            text_object.textOut(piece)
        canvas.drawText(text_object)

    def _width(self, role: str, size: float, text: str) -> float:
        return sum(self.fonts.advance(font, piece, size) for font, piece in self.fonts.runs(role, text))

    def _draw_header(self, canvas: Canvas, text: str) -> None:
        role = self.theme.role("header")
        rule_y = self.m.top + self.m.header_gap
        width = self._width(role.font, role.size, text)
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
            x = self.m.right - self.m.footer_inset - self._width(role.font, role.size, text)
        else:
            x = self.m.left + self.m.footer_inset
        self._plain_text(canvas, role.font, role.size, x, y, text)

    def _draw_toc_number(self, canvas: Canvas, row: TocRow) -> None:
        """Dot leaders from the entry's end to its page number, and a link on the row."""
        last = row.lines[-1]
        body = self.theme.role("body").font        # numbers and leaders in one face on every row
        size = last.role.size
        number = str(row.page)
        number_x = self.m.right - self._width(body, size, number)
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


def _set_info(canvas: Canvas, doc: Document) -> None:
    meta = doc.meta
    canvas.setTitle(doc.title)
    canvas.setAuthor(str(meta.get("speaker") or ""))
    canvas.setSubject(str(meta.get("occasion") or ""))
    canvas.setCreator("handout (GB/T 9704 speech handouts)")
