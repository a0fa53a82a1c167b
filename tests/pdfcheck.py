"""Read layout facts back from a PDF: visual lines by baseline, fonts, footers, outline.

Lines are rebuilt from character boxes grouped by baseline (not from pdftotext's reading
order, which splits a line where squeezed punctuation steps backwards).
"""

from __future__ import annotations

from dataclasses import dataclass

import pdfplumber
from pypdf import PdfReader


@dataclass
class VisualLine:
    page: int          # 1-based
    baseline: float    # from the page top, pt
    x0: float
    x1: float
    text: str
    fonts: set
    size: float


def visual_lines(path) -> list[VisualLine]:
    lines = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            rows: dict[float, list] = {}
            for ch in page.chars:
                # group by baseline (the text matrix's y), not by glyph box: fonts differ
                rows.setdefault(round(page.height - ch["matrix"][5], 1), []).append(ch)
            for baseline in sorted(rows):
                chars = _left_to_right(rows[baseline])
                lines.append(VisualLine(
                    number, baseline, chars[0]["x0"], chars[-1]["x1"],
                    "".join(c["text"] for c in chars),
                    {c["fontname"].split("+")[-1] for c in chars},
                    max(c["size"] for c in chars)))
    return lines


def _left_to_right(chars: list) -> list:
    """Characters by x; those starting within 1 pt of each other in the order they were drawn.

    A squeezed pair such as 。“ shares one cell: the full-width opening quote's box starts
    left of the full stop whose cell it overlaps, though it is drawn (and read) after it."""
    by_x = sorted(range(len(chars)), key=lambda i: chars[i]["x0"])
    out, group = [], []
    for i in by_x:
        if group and chars[i]["x0"] - chars[group[0]]["x0"] >= 1.0:
            out.extend(chars[j] for j in sorted(group))
            group = []
        group.append(i)
    out.extend(chars[j] for j in sorted(group))
    return out


def page_count(path) -> int:
    return len(PdfReader(path).pages)


def outline_titles(path) -> list[str]:
    reader = PdfReader(path)
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)
    walk(reader.outline)
    return titles


def fonts_embedded(path) -> dict[str, bool]:
    """Every font resource -> whether its program is embedded in the file."""
    reader = PdfReader(path)
    found = {}
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descriptor = _descriptor(font)
            name = str(font.get("/BaseFont"))
            found[name] = bool(descriptor) and any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


def _descriptor(font):
    if "/FontDescriptor" in font:
        return font["/FontDescriptor"].get_object()
    for child in font.get("/DescendantFonts", []):
        child = child.get_object()
        if "/FontDescriptor" in child:
            return child["/FontDescriptor"].get_object()
    return None
