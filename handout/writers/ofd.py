"""The OFD writer (GB/T 33190-2016): the Layout the PDF writer draws, as an OFD package.

The package: OFD.xml (document info), Doc_0/Document.xml (the A4 page area, the pages, the
outline of headings like the PDF's bookmarks), PublicRes.xml (the fonts, embedded as
TrueType subsets), DocumentRes.xml, and one Pages/Page_N/Content.xml per page
(ofd_page.py). A zip with fixed order and dates: same input and SOURCE_DATE_EPOCH, same bytes.
"""

from __future__ import annotations

import hashlib
import io
import time
import zipfile

from lxml import etree

from ..fonts import FontSet
from ..layout.pages import Layout
from ..metrics import PageMetrics
from ..model import Document
from ..settings import source_date_epoch
from ..theme import Theme
from .docx_package import deterministic_zip
from .furniture import Furniture
from .ofd_fonts import font_names, subset_font
from .ofd_page import MM, OFD_NS, FontTable, Ids, PageWriter, num, q

CREATOR = "handout (GB/T 9704 speech handouts)"


class OfdWriter:
    def __init__(self, theme: Theme, fonts: FontSet, metrics: PageMetrics):
        self.theme, self.fonts, self.m = theme, fonts, metrics
        self.furniture = Furniture(theme, fonts, metrics)

    def render(self, doc: Document, layout: Layout) -> bytes:
        """The OFD as bytes (the caller writes it atomically)."""
        ids = Ids(len(layout.pages) + 1)             # ids 1..N are the pages
        table = FontTable(ids)
        pages = PageWriter(self.fonts, self.furniture, ids, table)
        parts = {f"Doc_0/Pages/Page_{i}/Content.xml": pages.content(page)
                 for i, page in enumerate(layout.pages)}
        parts.update(self._fonts(table))
        parts["Doc_0/DocumentRes.xml"] = _xml(_element("Res", BaseLoc="Res"))
        parts["Doc_0/Document.xml"] = self._document(layout, ids.last)
        parts["OFD.xml"] = _ofd_info(doc)
        return _package(parts)

    def _fonts(self, table: FontTable) -> dict[str, bytes]:
        res = _element("Res", BaseLoc="Res")
        fonts = etree.SubElement(res, q("Fonts"))
        parts = {}
        for role, font_id in table.id_of.items():
            resolved = self.fonts.fonts[role]
            name = f"font_{font_id}.ttf"
            font_name, family = font_names(resolved.path)
            font = etree.SubElement(fonts, q("Font"), ID=str(font_id), FontName=font_name,
                                    FamilyName=family)
            etree.SubElement(font, q("FontFile")).text = name
            parts[f"Doc_0/Res/{name}"] = subset_font(resolved.path, table.characters[role])
        parts["Doc_0/PublicRes.xml"] = _xml(res)
        return parts

    def _document(self, layout: Layout, max_id: int) -> bytes:
        root = _element("Document")
        common = etree.SubElement(root, q("CommonData"))
        etree.SubElement(common, q("MaxUnitID")).text = str(max_id)
        area = etree.SubElement(common, q("PageArea"))
        etree.SubElement(area, q("PhysicalBox")).text = f"0 0 {num(self.m.width * MM)} {num(self.m.height * MM)}"
        etree.SubElement(common, q("PublicRes")).text = "PublicRes.xml"
        etree.SubElement(common, q("DocumentRes")).text = "DocumentRes.xml"
        listed = etree.SubElement(root, q("Pages"))
        for i in range(len(layout.pages)):
            etree.SubElement(listed, q("Page"), ID=str(i + 1), BaseLoc=f"Pages/Page_{i}/Content.xml")
        self._outlines(root, layout)
        return _xml(root)

    def _outlines(self, root, layout: Layout) -> None:
        """The headings as a tree, nested as the PDF's bookmarks are (a level never skipped)."""
        entries = [(i + 1, block, top) for i, page in enumerate(layout.pages) for block, top in page.anchors]
        if not entries:
            return
        stack = [etree.SubElement(root, q("Outlines"))]
        for page_id, block, top in entries:
            level = min(block.toc - 1, len(stack) - 1)
            del stack[level + 1:]
            elem = etree.SubElement(stack[-1], q("OutlineElem"), Title=block.toc_text or block.text)
            action = etree.SubElement(etree.SubElement(elem, q("Actions")), q("Action"), Event="CLICK")
            etree.SubElement(etree.SubElement(action, q("Goto")), q("Dest"), Type="XYZ", PageID=str(page_id),
                             Left="0", Top=num((self.m.height - top) * MM))
            stack.append(elem)


def _ofd_info(doc: Document) -> bytes:
    root = _element("OFD", Version="1.0", DocType="OFD")
    body = etree.SubElement(root, q("DocBody"))
    info = etree.SubElement(body, q("DocInfo"))
    meta = doc.meta
    values = [("DocID", _doc_id(doc)), ("Title", doc.title), ("Author", str(meta.get("speaker") or "")),
              ("Subject", str(meta.get("occasion") or "")),
              ("CreationDate", time.strftime("%Y-%m-%d", time.gmtime(source_date_epoch()))),
              ("Creator", CREATOR)]
    for tag, value in values:
        etree.SubElement(info, q(tag)).text = value
    etree.SubElement(body, q("DocRoot")).text = "Doc_0/Document.xml"
    return _xml(root)


def _doc_id(doc: Document) -> str:
    """A stable id of what the document is made from: the same speech keeps its DocID."""
    digest = hashlib.md5(doc.kind.encode())
    for origin in doc.origins:
        digest.update(f"{origin.slug}\0{origin.sha256}\0".encode())
    return digest.hexdigest()


def _element(tag: str, **attributes):
    return etree.Element(q(tag), attributes, nsmap={"ofd": OFD_NS})


def _xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _package(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return deterministic_zip(buffer.getvalue(), source_date_epoch())
