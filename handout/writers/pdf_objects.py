"""PDF file syntax: numbered objects, streams, strings and names, the cross-reference table.

The one module that writes raw PDF (ISO 32000-1, chapter 7). The PDF writer says what the
objects are; this puts them into a file: objects numbered in the order they are reserved,
written in that order, then the xref table and the trailer. Nothing in it depends on the
clock or on memory addresses, so the same objects give the same bytes.

Why our own and not reportlab's PDFDocument: reportlab formats every object of every
document afresh through its object classes, which was half of a warm rebuild's PDF time in
`build.py watch` (bench/README.md). Here an object is bytes as soon as it is known, and the
expensive ones (font programs, compressed streams) are kept by their callers.
"""

from __future__ import annotations

import hashlib
import time

from reportlab.lib.rl_accel import fp_str

from .pdf_reuse import compressed

HEADER = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"       # a binary comment: the file is not text
# Deflate level of the pages' contents: most of a page is drawn again after an edit, and
# level 1 compresses it four times faster than the default for a few per cent more bytes
# (the fonts, nine tenths of the file, keep the default level: they are compressed once)
PAGE_LEVEL = 1


class PdfFile:
    """Objects by number (1, 2, …); `reserve` a number before its object is known (a page
    that links to a later one), `put` its body later."""

    def __init__(self):
        self.bodies: list[bytes | None] = []
        self.digests: list[bytes | None] = []     # a kept digest standing for a large body

    def reserve(self) -> int:
        self.bodies.append(None)
        self.digests.append(None)
        return len(self.bodies)

    def put(self, number: int, body: bytes | str, digest: bytes | None = None) -> int:
        self.bodies[number - 1] = body.encode("latin-1") if isinstance(body, str) else body
        self.digests[number - 1] = digest
        return number

    def add(self, body: bytes | str) -> int:
        return self.put(self.reserve(), body)

    def add_stream(self, data: bytes, extra: str = "", level: int = -1) -> int:
        """A stream object, Flate-compressed at `level` (-1: zlib's default)."""
        data, digest = compressed(data, level)
        head = f"<< /Length {len(data)}{extra} /Filter /FlateDecode >>\nstream\n".encode("latin-1")
        return self.put(self.reserve(), head + data + b"\nendstream",
                        digest and head + digest)

    def write(self, root: int, info: int) -> bytes:
        """The whole file: header, objects, xref table, trailer with a content-derived /ID."""
        out, offsets = [HEADER], []
        position = len(HEADER)
        for number, body in enumerate(self.bodies, 1):
            if body is None:
                raise ValueError(f"PDF object {number} reserved but never written")
            chunk = b"%d 0 obj\n%s\nendobj\n" % (number, body)
            offsets.append(position)
            out.append(chunk)
            position += len(chunk)
        digest = hashlib.md5(b"".join(d or b for b, d in zip(self.bodies, self.digests))).hexdigest()
        xref = [b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)]
        xref += [b"%010d 00000 n \n" % offset for offset in offsets]
        trailer = (f"trailer\n<< /Size {len(offsets) + 1} /Root {root} 0 R /Info {info} 0 R "
                   f"/ID [<{digest}> <{digest}>] >>\nstartxref\n{position}\n%%EOF\n")
        return b"".join(out + xref) + trailer.encode("latin-1")


def ref(number: int) -> str:
    return f"{number} 0 R"


def text_string(text: str) -> str:
    """A text string (document information, outline titles): UTF-16BE with its byte order
    mark, in hex, so any character and no escaping."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def name(value: str) -> str:
    """A PDF name: characters outside the regular printable ASCII set written as #xx."""
    out = []
    for byte in value.encode("utf-8"):
        ch = chr(byte)
        out.append(ch if 0x21 <= byte <= 0x7E and ch not in "#()<>[]{}/%" else f"#{byte:02X}")
    return "/" + "".join(out)


def numbers(values) -> str:
    return "[" + " ".join(fp_str(v) for v in values) + "]"


def date(epoch: int) -> str:
    """A PDF date string in UTC (D:YYYYMMDDHHmmSS+00'00')."""
    return "(D:" + time.strftime("%Y%m%d%H%M%S", time.gmtime(epoch)) + "+00'00')"
