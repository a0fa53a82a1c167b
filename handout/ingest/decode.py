"""Reading a raw page: bytes -> text lines, whatever encoding a Chinese website saved it in.

Order of trust: a BOM (UTF-8, UTF-16), then strict UTF-8, then GB18030 (a superset of GBK and
GB2312, which is what "ANSI" means on a Chinese Windows). A file with NUL bytes or many
control characters is not a text page and is refused with a clear error.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import UserError
from ..files import read_input

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_page(path: Path) -> tuple[list[str], str]:
    """The page's lines (line endings removed, nothing else touched) and the encoding used."""
    data = read_input(path)
    text, encoding = _decode(data, path)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    _refuse_binary(lines, path)
    return lines, encoding


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "") + " with BOM"
            except UnicodeDecodeError as exc:
                raise _bad_bytes(data, exc, encoding, path) from None
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise UserError("binary file (NUL bytes), not a text page", path, line)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise _bad_bytes(data, exc, "UTF-8 or GB18030", path) from None


def _bad_bytes(data: bytes, exc: UnicodeDecodeError, encoding: str, path: Path) -> UserError:
    line = data.count(b"\n", 0, exc.start) + 1
    return UserError("not {encoding} text (byte 0x{byte:02x} at offset {offset}); save the page "
                     "as UTF-8 or GBK", path, line, encoding=encoding, byte=data[exc.start],
                     offset=exc.start)


def _refuse_binary(lines: list[str], path: Path) -> None:
    """Decoded fine but full of control characters: an image or archive, not a page."""
    for number, line in enumerate(lines, 1):
        found = CONTROL.findall(line)
        if len(found) > 2 or "\x00" in line:
            raise UserError("binary file (control characters), not a text page", path, number)
