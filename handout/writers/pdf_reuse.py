"""What a resident process compresses again and again: the font programs.

After an edit, `build.py watch` writes the speech's PDF again with, mostly, the same
characters, so the same font subsets (pdf_fonts.py keeps them) compressed afresh: most of
a warm PDF's time once its lines are kept. Compression is a pure function of its input,
so the result is kept, a few megabytes at most, and the bytes written are the same as
without it.
"""

from __future__ import annotations

import hashlib

from zlib_ng import zlib_ng

from ..memo import Memo

KEEP_BYTES = 16 * 2**20      # input + output kept; the oldest go first
KEEP_FROM = 4096             # smaller streams (most page contents) are cheaper to redo than to keep

_memo = Memo(KEEP_BYTES, lambda kept: len(kept[0]) + 16)


def compressed(data: bytes, level: int = -1) -> tuple[bytes, bytes | None]:
    """data Deflate-compressed (zlib-ng: the same format as zlib, faster) at `level` (-1:
    zlib's default), and for large streams (font programs, glyph maps, most pages), kept,
    the MD5 of the result (the file's /ID is made of its objects' digests: hashing the fonts
    again was a tenth of a warm PDF)."""
    if len(data) < KEEP_FROM:
        return zlib_ng.compress(data, level), None
    return _memo.get((data, level), lambda: _compress_and_digest(data, level), len(data))


def _compress_and_digest(data: bytes, level: int) -> tuple[bytes, bytes]:
    packed = zlib_ng.compress(data, level)
    return packed, hashlib.md5(packed).digest()
