"""A PDF's pages as PNG images and text, for the served page (pypdfium2, PDFium's renderer).

Rendered on request and kept while the file is unchanged: a rebuilt PDF (a new file, by
atomic rename) has a new inode and modification time, so its pages are rendered afresh.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from pathlib import Path

SCALE = 1.25                 # 1 = 72 dpi; A4 becomes 744 x 1052 pixels, readable on a screen
KEEP = 64                    # rendered pages kept in memory

_lock = threading.Lock()     # PDFium is not thread-safe; the server answers in threads
_cache: OrderedDict = OrderedDict()


def _stamp(pdf: Path) -> tuple:
    stat = pdf.stat()
    return (str(pdf), stat.st_ino, stat.st_mtime_ns, stat.st_size)


def page_png(pdf: Path, index: int) -> bytes | None:
    """Page `index` (0-based) as PNG; None if the PDF has no such page."""
    key = (*_stamp(pdf), index)
    with _lock:
        if key not in _cache:
            _cache[key] = _render(pdf, index)
            while len(_cache) > KEEP:
                _cache.popitem(last=False)
        _cache.move_to_end(key)
        return _cache[key]


def page_texts(pdf: Path) -> list[str]:
    """The text of every page, as PDFium reads it (what a reader's search would find)."""
    import pypdfium2 as pdfium
    with _lock:
        document = pdfium.PdfDocument(str(pdf))
        try:
            texts = []
            for page in document:
                textpage = page.get_textpage()
                texts.append(textpage.get_text_range())
                textpage.close()
                page.close()
            return texts
        finally:
            document.close()


def _render(pdf: Path, index: int) -> bytes | None:
    import pypdfium2 as pdfium
    document = pdfium.PdfDocument(str(pdf))
    try:
        if not 0 <= index < len(document):
            return None
        page = document[index]
        image = page.render(scale=SCALE).to_pil()
        page.close()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()
    finally:
        document.close()
