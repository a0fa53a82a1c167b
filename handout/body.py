"""The body of a content file: the few marks this format has; everything else is text.

The whole markup (README, "Content format"):
- a line starting with `# `, `## `, `### ` or `#### ` is a heading of level 1 to 4 (the four
  levels of GB/T 9704 7.3.3: 一、 （一） 1. （1）; `##### ` and deeper are refused);
- a blank line ends a paragraph; the lines of one paragraph are joined (a space between two
  Latin letters or digits, nothing between Chinese);
- `**lead**` is a bold run-in lead where it reads as one: its opening `**` starts the
  paragraph or follows a punctuation mark or a space, and the lead ends in a punctuation mark
  (`**一是方法。**要…`, `…，**二是…。”**`). Any other asterisk is text (`7*24`, `张**同志`).
- a backslash at a paragraph's start before `#`, `*` or another backslash is an escape: it is
  not printed, and the paragraph starts with that text as written (`\\# 同志们：` prints
  `# 同志们：`, `\\**好。**` prints the asterisks): so every text has a content file
  (escape_paragraph writes one; ingest and the DOCX round trip use it).
Nothing else is markup: no lists, quotes, links, notes, HTML or entities. A speech's `1.`,
`[1]:`, `_强调_`, `===`, `<![CDATA[`, `&amp;` and a `\\` anywhere else print as written.
That is why this is not CommonMark: read as CommonMark, ordinary Chinese text lost its
numbers, brackets, asterisks and underscores.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .errors import UserError

HEADING = re.compile(r"(#+)[ \t]+(?=\S)")
MAX_LEVEL = 4
# A backslash that starts a paragraph and is followed by one of these is the escape.
ESCAPE = re.compile(r"\\(?=[#*\\])")
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
            if level > MAX_LEVEL:
                raise UserError(f"heading level {level} (`{'#' * level}`): a speech has four "
                                "levels, `#` (一、) to `####` (（1）)", path, number)
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
    found = paragraph_runs(text) if kind == "para" else runs(text)
    return {"kind": kind, "level": level, "runs": found,
            "text": "".join(run["text"] for run in found), "line": line}


def paragraph_runs(text: str) -> list[dict]:
    """A paragraph's runs as its content-file text reads: the escape at its start taken off."""
    if ESCAPE.match(text):
        return runs(text[1:], lead_at_start=False)
    return runs(text)


def runs(text: str, lead_at_start: bool = True) -> list[dict]:
    """`text` as [{text, bold}] runs: the bold leads without their `**`, the rest as written.
    lead_at_start=False: `**` at the start is text (the paragraph was escaped)."""
    out: list[dict] = []
    last = pos = 0
    while (match := BOLD.search(text, pos)) is not None:
        if is_lead(text, match) and (lead_at_start or match.start()):
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


def needs_escape(text: str) -> bool:
    """Whether a paragraph starting with `text` would not print as written: it would read as
    a heading, begin with a bold lead, or lose a backslash to the escape."""
    return bool(HEADING.match(text)) or text.startswith("**") or ESCAPE.match(text) is not None


def escape_paragraph(markdown: str, starts_bold: bool = False) -> str:
    """A paragraph's content-file text (leads already in `**`), with the escape before it
    where its start would not read as written. A paragraph that starts with its bold lead
    (`starts_bold`) is already read as meant."""
    return "\\" + markdown if not starts_bold and needs_escape(markdown) else markdown
