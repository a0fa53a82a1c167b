"""The PDF writer: draws a Layout as PDF pages.

Layout decided every glyph's cell; this module only draws: the lines (pdf_text.py: text
runs placed glyph by glyph, a stroked fake bold where the font has no bold face), the
running header and rule, the page number, TOC leaders and links, the outline (bookmarks)
and the document information. The fonts are embedded by pdf_fonts.py and the file's
syntax is pdf_objects.py's.
"""

from __future__ import annotations

from reportlab.lib.rl_accel import fp_str

from ..fonts import FontSet
from ..layout.pages import Layout, Page, TocRow
from ..memo import Memo
from ..metrics import PageMetrics
from ..model import Block, Document
from ..settings import source_date_epoch
from ..theme import Theme
from .furniture import LEADER, RULE_WIDTH, Furniture, Placed, TocFurniture
from .pdf_fonts import PdfFonts
from .pdf_objects import PAGE_LEVEL, PdfFile, date, numbers, ref, text_string
from .pdf_text import LineDrawer, line_cost

KEEP_LINES_BYTES = 8 * 2**20  # lines' operators kept for the next document: a booklet of ten speeches
KEEP_PAGES_BYTES = 4 * 2**20  # whole pages (operators, glyph sets): some 120, a booklet and its speeches
CREATOR = "handout (GB/T 9704 speech handouts)"


class PdfWriter:
    name = "pdf"
    suffix = ".pdf"

    def __init__(self, theme: Theme, fonts: FontSet, metrics: PageMetrics):
        self.theme, self.fonts, self.m = theme, fonts, metrics
        self.furniture = Furniture(theme, fonts, metrics)
        self.pdf_fonts = PdfFonts(fonts)
        self.kept_lines = Memo(KEEP_LINES_BYTES, line_cost)     # for these fonts only
        self.kept_pages = Memo(KEEP_PAGES_BYTES, _page_cost)

    def render(self, doc: Document, layout: Layout) -> bytes:
        """The PDF as bytes (the caller writes it atomically)."""
        pdf = PdfFile()
        catalog, info, pages_root, resources = (pdf.reserve() for _ in range(4))
        page_refs = [pdf.reserve() for _ in layout.pages]
        targets = {block.anchor: f"[{ref(page_refs[i])} /XYZ 0 {fp_str(top)} null]"
                   for i, page in enumerate(layout.pages) for block, top in page.anchors}
        used: set = set()                    # the glyphs of every page
        for page, number in zip(layout.pages, page_refs):
            tocs = [(row, self.furniture.toc_row(row)) for row in page.toc_rows]
            operators, page_glyphs = self._page_content(page, tocs)
            used |= page_glyphs
            content = pdf.add_stream(operators, level=PAGE_LEVEL)
            annots = [pdf.add(_link(toc.link, targets[row.entry.anchor]))
                      for row, toc in tocs if row.entry.anchor in targets]
            pdf.put(number, _page(pages_root, resources, content, annots, self.m))
        pdf.put(resources, f"<< /Font {self.pdf_fonts.embed(pdf, used)} >>")
        pdf.put(pages_root, f"<< /Type /Pages /Kids [{' '.join(map(ref, page_refs))}] "
                            f"/Count {len(page_refs)} >>")
        outline = _outline(pdf, [(block, targets[block.anchor]) for page in layout.pages
                                 for block, _top in page.anchors])
        pdf.put(catalog, f"<< /Type /Catalog /Pages {ref(pages_root)}{outline} /Lang (zh-CN) >>")
        pdf.put(info, _info(doc))
        return pdf.write(catalog, info)

    def _page_content(self, page: Page, tocs: list[tuple[TocRow, TocFurniture]]
                      ) -> tuple[bytes, frozenset]:
        """The page's operators and the glyphs they draw. Kept whole in a resident process:
        after an edit the pages it did not change are the same bytes object, which the
        compressed-stream memo then finds at once."""
        key = (tuple((placed.x, placed.y, id(placed.line)) for placed in page.lines),
               tuple((toc.number, tuple(toc.dots)) for _row, toc in tocs),
               page.header, page.numbered and page.number)
        found = self.kept_pages.peek(key)
        if found is None:
            drawer = LineDrawer(self.fonts, self.pdf_fonts, self.kept_lines)
            operators = self._draw_page(drawer, page, tocs).encode("latin-1")
            # the Lines are held so that their ids in the key are not reused while kept
            found = ([placed.line for placed in page.lines], operators, frozenset(drawer.used))
            self.kept_pages.put(key, found)
        return found[1], found[2]

    def _draw_page(self, drawer: LineDrawer, page: Page,
                   tocs: list[tuple[TocRow, TocFurniture]]) -> str:
        ops = [drawer.draw(placed) for placed in page.lines]
        for _row, toc in tocs:
            ops += self._toc_number(drawer, toc)
        if page.header:
            placed, rule_y = self.furniture.header(page.header)
            ops.append(drawer.draw_plain(placed))
            ops.append(f"q {fp_str(RULE_WIDTH)} w {fp_str(self.m.left)} {fp_str(rule_y)} m "
                       f"{fp_str(self.m.right)} {fp_str(rule_y)} l S Q")
        if page.numbered:
            ops.append(drawer.draw_plain(self.furniture.page_number(page.number)))
        return "\n".join(ops)

    def _toc_number(self, drawer: LineDrawer, toc: TocFurniture) -> list[str]:
        """A TOC row's page number, and dot leaders from the entry's end to it."""
        ops = [drawer.draw_plain(toc.number)]
        if toc.dots:
            body, size = toc.number.role, toc.number.size
            step = self.m.char_pitch / 2
            dots = Placed(body, size, toc.dots[0], toc.number.y, LEADER * len(toc.dots))
            ops.append(drawer.draw_plain(dots, step - self.fonts.advance(body, LEADER, size)))
        return ops


def _page_cost(kept: tuple) -> int:
    """About the bytes a kept page occupies: its operators and its set of glyphs."""
    _lines, operators, used = kept
    return len(operators) + 40 * len(used) + 300


def _page(parent: int, resources: int, content: int, annots: list[int], m: PageMetrics) -> str:
    links = f" /Annots [{' '.join(map(ref, annots))}]" if annots else ""
    return (f"<< /Type /Page /Parent {ref(parent)} /MediaBox {numbers((0, 0, m.width, m.height))} "
            f"/Resources {ref(resources)} /Contents {ref(content)}{links} >>")


def _link(rect, destination: str) -> str:
    return (f"<< /Type /Annot /Subtype /Link /Rect {numbers(rect)} /Border [0 0 0] "
            f"/Dest {destination} >>")


def _outline(pdf: PdfFile, entries: list[tuple[Block, str]]) -> str:
    """The bookmarks: one per listed block, nested by TOC level (a level deeper than the
    one before counts as one deeper), every level open. The catalog's /Outlines entry."""
    if not entries:
        return ""
    root = pdf.reserve()
    items = [{"number": pdf.reserve(), "block": b, "dest": d, "children": []} for b, d in entries]
    top: list[dict] = []
    stack: list[dict] = []
    for item in items:
        level = item["block"].toc
        while stack and stack[-1]["block"].toc >= level:
            stack.pop()
        (stack[-1]["children"] if stack else top).append(item)
        stack.append(item)
    _put_outline_level(pdf, top, root)
    pdf.put(root, f"<< /Type /Outlines /First {ref(top[0]['number'])} /Last {ref(top[-1]['number'])} "
                  f"/Count {len(items)} >>")
    return f" /Outlines {ref(root)}"


def _put_outline_level(pdf: PdfFile, siblings: list[dict], parent: int) -> int:
    """Write one level of the outline; returns how many items it holds, all levels down."""
    total = 0
    for i, item in enumerate(siblings):
        links = [f"/Parent {ref(parent)}"]
        if i:
            links.append(f"/Prev {ref(siblings[i - 1]['number'])}")
        if i + 1 < len(siblings):
            links.append(f"/Next {ref(siblings[i + 1]['number'])}")
        below = 0
        if item["children"]:
            below = _put_outline_level(pdf, item["children"], item["number"])
            links.append(f"/First {ref(item['children'][0]['number'])} "
                         f"/Last {ref(item['children'][-1]['number'])} /Count {below}")
        block = item["block"]
        pdf.put(item["number"], f"<< /Title {text_string(block.toc_text or block.text)} "
                                f"/Dest {item['dest']} {' '.join(links)} >>")
        total += 1 + below
    return total


def _info(doc: Document) -> str:
    meta, when = doc.meta, date(source_date_epoch())
    fields = {"Title": doc.title, "Author": str(meta.get("speaker") or ""),
              "Subject": str(meta.get("occasion") or ""), "Creator": CREATOR, "Producer": "handout"}
    entries = " ".join(f"/{key} {text_string(value)}" for key, value in fields.items() if value)
    return f"<< {entries} /CreationDate {when} /ModDate {when} >>"
