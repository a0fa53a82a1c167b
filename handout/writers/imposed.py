"""The booklet imposed for the print shop: A3 landscape sheets, two A4 pages a side, in
saddle-stitch (骑马订) order, for duplex printing flipped on the short edge.

Built from the booklet's own PDF pages (no second layout): each side is a blank sheet twice
as wide as a page, the two pages merged onto it side by side by pypdf, the right one moved
by a page's width. The booklet is padded to a multiple of four pages (booklet.xml.j2's
<pad>), so every sheet is full. Sheet k of n/4 (from 0): front n-2k | 2k+1, back 2k+2 | n-2k-1,
so that the sheets, printed, stacked, folded and stapled, read 1, 2, …, n.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter, Transformation

from ..fonts import FontSet
from ..layout.pages import Layout
from ..metrics import PageMetrics
from ..model import Document
from ..theme import Theme
from .pdf import PdfWriter as BookletPdf


class ImposedWriter:
    name = "imposed"
    suffix = "-imposed.pdf"

    def __init__(self, theme: Theme, fonts: FontSet, metrics: PageMetrics):
        self.pdf = BookletPdf(theme, fonts, metrics)

    def render(self, doc: Document, layout: Layout) -> bytes:
        return impose(self.pdf.render(doc, layout))


def saddle_sides(count: int) -> list[tuple[int, int]]:
    """(left, right) page numbers (from 1) of each side, in printing order; `count` pages,
    rounded up to whole sheets (a number past the end is a blank half)."""
    n = -(-count // 4) * 4
    sides = []
    for k in range(n // 4):
        sides += [(n - 2 * k, 2 * k + 1), (2 * k + 2, n - 2 * k - 1)]
    return sides


def impose(booklet_pdf: bytes) -> bytes:
    reader = PdfReader(io.BytesIO(booklet_pdf))
    pages = list(reader.pages)
    for page in pages:                  # links point into the booklet, not onto the sheets
        page.pop("/Annots", None)
    box = pages[0].mediabox
    width, height = float(box.width), float(box.height)
    writer = PdfWriter()
    for left, right in saddle_sides(len(pages)):
        sheet = writer.add_blank_page(2 * width, height)
        for number, shift in ((left, 0.0), (right, width)):
            if number <= len(pages):
                sheet.merge_transformed_page(pages[number - 1], Transformation().translate(shift, 0))
    info = reader.metadata or {}
    writer.add_metadata({key: str(value) for key, value in info.items()})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
