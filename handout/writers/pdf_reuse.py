"""What a resident process writes again and again: font subsets, their compressed bytes
and their glyph widths.

After an edit, `build.py watch` writes the speech's PDF again with, mostly, the same
characters: the same font subsets, made, compressed and their /Widths arrays formatted
afresh each time (most of a warm PDF's time once its lines are kept). All are pure
functions of their input, so the results are kept, a few megabytes at most, and the bytes
written are the same as without them.
"""

from __future__ import annotations

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from ..memo import Memo

KEEP_BYTES = 16 * 2**20      # input + output kept; the oldest go first
KEEP_FROM = 4096             # smaller streams (most page contents) are cheaper to redo than to keep

_memo = Memo(KEEP_BYTES)


def compressed(data: bytes, compress) -> bytes:
    """compress(data), kept for large streams (font subsets)."""
    if len(data) < KEEP_FROM:
        return compress(data)
    return _memo.get(data, lambda: compress(data), len(data))


_make_subset = TTFontFace.makeSubset


def _kept_subset(face: TTFontFace, subset) -> bytes:
    return _memo.get((face.filename, tuple(subset)), lambda: _make_subset(face, subset))


TTFontFace.makeSubset = _kept_subset


class _KeptArray(pdfdoc.PDFArray):
    """A font subset's /Widths: formatted once per distinct array of numbers."""

    def format(self, document, IND=b"\n "):
        key = ("widths", tuple(self.sequence))
        return _memo.get(key, lambda: pdfdoc.PDFArray.format(self, document, IND), 4 * len(key[1]))


_add_objects = TTFont.addObjects


def _kept_widths(font: TTFont, doc) -> None:
    names = [font.getSubsetInternalName(n, doc)[1:] for n in range(len(font.state[doc].subsets))] \
        if doc in font.state else []
    _add_objects(font, doc)
    fonts = doc.idToObject["BasicFonts"].dict
    for name in names:
        fonts[name].Widths = _KeptArray(fonts[name].Widths.sequence)


TTFont.addObjects = _kept_widths
