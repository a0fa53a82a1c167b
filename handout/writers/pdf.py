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
from .furniture import LEADER, RULE_WIDTH, Furniture, Placed
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


_ZLIB_NG_FLATE = _ZlibNgFlate()


def _install_zlib_ng() -> None:
    """reportlab's filter is a module global: replaced when a PDF writer is made, so that
    importing this module changes no other user of reportlab."""
    pdfdoc.PDFZCompress = _ZLIB_NG_FLATE

KEEP_LINES_BYTES = 8 * 2**20  # lines' operators kept for the next document: a booklet of some ten speeches


class PdfWriter:
    name = "pdf"
    suffix = ".pdf"

    def __init__(self, theme: Theme, fonts: FontSet, metrics: PageMetrics):
        self.theme, self.fonts, self.m = theme, fonts, metrics
        self.furniture = Furniture(theme, fonts, metrics)
        self.kept_lines = Memo(KEEP_LINES_BYTES, line_cost)     # for these fonts only
        _install_zlib_ng()

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
    def _plain_text(self, canvas: Canvas, placed: Placed) -> None:
        """Text with no character spacing, each character in the role's font or the first
        fallback that has it (as body text). Tc is PDF text state that survives BT/ET, so it
        is set explicitly here; drawString would inherit the last run's spacing."""
        text_object = canvas.beginText(placed.x, placed.y)
        text_object.setCharSpace(0)
        for font, piece in self.fonts.runs(placed.role, placed.text):
            text_object.setFont(self.fonts.pdf_name(font), placed.size)
            text_object.textOut(piece)
        canvas.drawText(text_object)

    def _draw_header(self, canvas: Canvas, text: str) -> None:
        placed, rule_y = self.furniture.header(text)
        self._plain_text(canvas, placed)
        canvas.setLineWidth(RULE_WIDTH)
        canvas.line(self.m.left, rule_y, self.m.right, rule_y)

    def _draw_page_number(self, canvas: Canvas, number: int) -> None:
        self._plain_text(canvas, self.furniture.page_number(number))

    def _draw_toc_number(self, canvas: Canvas, row: TocRow) -> None:
        """Dot leaders from the entry's end to its page number, and a link on the row."""
        toc = self.furniture.toc_row(row)
        self._plain_text(canvas, toc.number)
        body, size = toc.number.role, toc.number.size
        if toc.dots:
            step = self.m.char_pitch / 2
            text_object = canvas.beginText(toc.dots[0], toc.number.y)
            text_object.setFont(self.fonts.pdf_name(body), size)
            text_object.setCharSpace(step - self.fonts.advance(body, LEADER, size))
            text_object.textOut(LEADER * len(toc.dots))
            canvas.drawText(text_object)
        canvas.linkAbsolute("", row.entry.anchor, Rect=toc.link, Border="[0 0 0]")


def _set_info(canvas: Canvas, doc: Document) -> None:
    meta = doc.meta
    canvas.setTitle(doc.title)
    canvas.setAuthor(str(meta.get("speaker") or ""))
    canvas.setSubject(str(meta.get("occasion") or ""))
    canvas.setCreator("handout (GB/T 9704 speech handouts)")
