"""Invisible characters: Unicode's default-ignorable code points (zero width space U+200B, soft
hyphen U+00AD, direction marks U+200E/U+200F, the byte order mark U+FEFF, …).

Web pages copied from WeChat and document sites carry them, and LibreOffice saves the
DOCX writer's line-break marks as U+200B. They draw as nothing and no font of ours has
them, so a content file holding one fails the build on a character nobody can see.
Ingest (pages and Word files) takes them out and reports them; the build names one that
is left as invisible, with its line and column.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .errors import UserError

# DerivedCoreProperties.txt, Default_Ignorable_Code_Point (Unicode 15.1).
DEFAULT_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")


def is_invisible(ch: str) -> bool:
    return DEFAULT_IGNORABLE.fullmatch(ch) is not None


def char_name(ch: str) -> str:
    """`U+200B ZERO WIDTH SPACE`."""
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def strip_invisible(text: str) -> tuple[str, dict[str, int]]:
    """`text` without its invisible characters, and how many of each were taken out."""
    found: dict[str, int] = {}
    for match in DEFAULT_IGNORABLE.finditer(text):
        found[match.group()] = found.get(match.group(), 0) + 1
    return (DEFAULT_IGNORABLE.sub("", text) if found else text), found


def describe_removed(found: dict[str, int]) -> str:
    """`3 × U+200B ZERO WIDTH SPACE, 1 × U+00AD SOFT HYPHEN`."""
    return ", ".join(f"{n} × {char_name(ch)}" for ch, n in sorted(found.items()))


def missing_character(ch: str, path: str | Path | None, line: int | None) -> UserError:
    """The build's error for a character no font has; an invisible one is named as such, with
    its column in the content file's line (read back from the file, since the block's text
    is no longer the line as written)."""
    if not is_invisible(ch):
        return UserError("character {ch!r} ({code}) is in none of the fonts", path, line, ch=ch,
                         code="U+%04X" % ord(ch))
    column = None
    if path is not None and line is not None:
        try:
            written = Path(path).read_text(encoding="utf-8").split("\n")[line - 1]
            column = written.index(ch) + 1 if ch in written else None
        except (OSError, UnicodeError, IndexError):
            pass
    if column:
        return UserError("an invisible character {name}, column {column}: delete it (it prints "
                         "as nothing and no font has it)", path, line, name=char_name(ch), column=column)
    return UserError("an invisible character {name}: delete it (it prints as nothing and no font "
                     "has it)", path, line, name=char_name(ch))
