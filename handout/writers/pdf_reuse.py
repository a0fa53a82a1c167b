"""What a resident process writes again and again: font subsets and their compressed bytes.

After an edit, `build.py watch` writes the speech's PDF again with, mostly, the same
characters: the same font subsets, made and compressed afresh each time (a quarter of a
warm PDF's time). Both are pure functions of their input, so the results are kept, a few
megabytes at most, and the bytes written are the same as without them.
"""

from __future__ import annotations

from collections import OrderedDict

from reportlab.pdfbase.ttfonts import TTFontFace

KEEP_BYTES = 16 * 2**20      # input + output kept; the oldest go first
KEEP_FROM = 4096             # smaller streams (most page contents) are cheaper to redo than to keep


class Memo:
    """A least-recently-used map of bytes results, bounded by their total size."""

    def __init__(self, limit: int = KEEP_BYTES):
        self.limit, self.size = limit, 0
        self.items: OrderedDict = OrderedDict()

    def get(self, key, make, size_of_key: int = 0) -> bytes:
        found = self.items.get(key)
        if found is not None:
            self.items.move_to_end(key)
            return found
        value = make()
        self.items[key] = value
        self.size += len(value) + size_of_key
        while self.size > self.limit and len(self.items) > 1:
            old_key, old = self.items.popitem(last=False)
            self.size -= len(old) + (len(old_key) if isinstance(old_key, bytes) else 0)
        return value


_memo = Memo()


def compressed(data: bytes, compress) -> bytes:
    """compress(data), kept for large streams (font subsets)."""
    if len(data) < KEEP_FROM:
        return compress(data)
    return _memo.get(data, lambda: compress(data), len(data))


_make_subset = TTFontFace.makeSubset


def _kept_subset(face: TTFontFace, subset) -> bytes:
    return _memo.get((face.filename, tuple(subset)), lambda: _make_subset(face, subset))


TTFontFace.makeSubset = _kept_subset
