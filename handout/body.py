"""The body of a content file: the few marks this format has; everything else is text.

The whole markup (README, "Content format"):
- a line starting with `# ` or `## ` is a heading of level 1 or 2 (`### ` and deeper are
  refused: a speech has two heading levels);
- a blank line ends a paragraph; the lines of one paragraph are joined (a space between two
  Latin letters or digits, nothing between Chinese);
- `**lead**` is a bold run-in lead where it reads as one: its opening `**` starts the
  paragraph or follows a punctuation mark or a space, and the lead ends in a punctuation mark
  (`**一是方法。**要…`, `…，**二是…。”**`). Any other asterisk is text (`7*24`, `张**同志`).
Nothing else is markup: no escapes, lists, quotes, links, notes, HTML or entities. A
speech's `1.`, `[1]:`, `_强调_`, `===`, `<![CDATA[`, `&amp;` and `\\` print as written.
That is why this is not CommonMark: read as CommonMark, ordinary Chinese text lost its
numbers, brackets, asterisks and underscores.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .errors import UserError

HEADING = re.compile(r"(#+)[ \t]+(?=\S)")
# The shortest `**…**` whose inside neither starts nor ends with a space or an asterisk;
# whether it is a lead is decided by the characters around it (is_lead).
BOLD = re.compile(r"\*\*(?=[^\s*])(.+?)(?<=[^\s*])\*\*")


def parse_body(text: str, first_line: int, path: Path) -> list[dict]:
    """Blocks of the body `text`, whose first line is line `first_line` of the file.

    A block is {kind: heading|para, level, runs: [{text, bold}], text, line}."""
    blocks: list[dict] = []
    paragraph: list[str] = []
    start = first_line
    for number, raw in enumerate(text.split("\n"), start=first_line):
        line = raw.strip(" \t") if raw.strip() else ""
        heading = HEADING.match(line)
        if paragraph and (not line or heading):
            blocks.append(_block("para", 0, _join(paragraph), start))
            paragraph = []
        if heading:
            level = len(heading.group(1))
            if level > 2:
                raise UserError(f"heading level {level} (`{'#' * level}`): a speech has only "
                                "`#` (一、) and `##` ((一)/1、) headings", path, number)
            blocks.append(_block("heading", level, line[heading.end():], number))
        elif line:
            if not paragraph:
                start = number
            paragraph.append(line)
    if paragraph:
        blocks.append(_block("para", 0, _join(paragraph), start))
    return blocks


def _join(lines: list[str]) -> str:
    """The lines of a paragraph as one: a space between two Latin words, else nothing."""
    text = lines[0]
    for line in lines[1:]:
        text += (" " if _is_latin(text[-1]) and _is_latin(line[0]) else "") + line
    return text


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _block(kind: str, level: int, text: str, line: int) -> dict:
    found = runs(text)
    return {"kind": kind, "level": level, "runs": found,
            "text": "".join(run["text"] for run in found), "line": line}


def runs(text: str) -> list[dict]:
    """`text` as [{text, bold}] runs: the bold leads without their `**`, the rest as written."""
    out: list[dict] = []
    last = pos = 0
    while (match := BOLD.search(text, pos)) is not None:
        if is_lead(text, match):
            _append(out, text[last:match.start()], False)
            _append(out, match.group(1), True)
            last = pos = match.end()
        else:
            pos = match.start() + 1
    _append(out, text[last:], False)
    return out


def is_lead(text: str, match: re.Match) -> bool:
    before = text[match.start() - 1] if match.start() else " "
    return (before.isspace() or _is_punctuation(before)) and _is_punctuation(match.group(1)[-1])


def _is_punctuation(ch: str) -> bool:
    return ch != "*" and unicodedata.category(ch).startswith("P")


def _append(out: list[dict], text: str, bold: bool) -> None:
    if text:
        out.append({"text": text, "bold": bold})
