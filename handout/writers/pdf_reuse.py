"""What a resident process writes again and again: font subsets and their compressed bytes.

After an edit, `build.py watch` writes the speech's PDF again with, mostly, the same
characters: the same font subsets, made and compressed afresh each time (a quarter of a
warm PDF's time). Both are pure functions of their input, so the results are kept, a few
megabytes at most, and the bytes written are the same as without them.
"""

from __future__ import annotations

from reportlab.pdfbase.ttfonts import TTFontFace

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
