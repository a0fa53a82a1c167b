"""The body of a content file: the few marks this format has; everything else is text.

The whole markup (README, "Content format"):
- a line starting with `# `, `## `, `### ` or `#### ` is a heading of level 1 to 4 (the four
  levels of GB/T 9704 7.3.3: 一、 （一） 1. （1）; `##### ` and deeper are refused);
- a blank line ends a paragraph; the lines of one paragraph are joined (a space between two
  Latin letters or digits, nothing between Chinese);
- `**lead**` is a bold run-in lead where it reads as one: its opening `**` starts the
  paragraph or follows a punctuation mark or a space, and the lead ends in a punctuation mark
  (`**一是方法。**要…`, `…，**二是…。”**`). Any other asterisk is text (`7*24`, `张**同志`).
- two escapes, so that every text has a content file (`markdown_of` writes one; ingest and
  the DOCX round trip use it): a backslash before `**` makes those asterisks text
  (`\\**好。\\**` prints `**好。**`); a backslash at a paragraph's start before `#` or
  another backslash is not printed (`\\# 同志们：` prints `# 同志们：`, `\\\\x` prints `\\x`).
Nothing else is markup: no lists, quotes, links, notes, HTML or entities. A speech's `1.`,
`[1]:`, `_强调_`, `===`, `<![CDATA[`, `&amp;` and any other `\\` print as written.
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
# A backslash that starts a paragraph and is followed by one of these is the start's escape.
START_ESCAPE = re.compile(r"\\(?=[#\\])")
# A backslash before `**`: those asterisks are text.
BOLD_ESCAPE = re.compile(r"\\(?=\*\*)")
# The shortest `**…**` whose inside neither starts nor ends with a space or an asterisk, and
# neither of whose `**` is escaped; whether it is a lead is decided by the characters around
# it (is_lead).
BOLD = re.compile(r"(?<!\\)\*\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*\*")
# Where an escape goes before asterisks that are text: the start of a run of two or more.
ASTERISKS = re.compile(r"(?<!\*)(?=\*\*)")


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
                raise UserError("heading level {level} (`{marks}`): a speech has four levels, "
                                "`#` (一、) to `####` (（1）)", path, number, level=level, marks="#" * level)
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
    return runs(text[1:] if START_ESCAPE.match(text) else text)


def runs(text: str) -> list[dict]:
    """`text` as [{text, bold}] runs: the bold leads without their `**`, the rest as written
    but for the backslashes that escape a `**`."""
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
        out.append({"text": BOLD_ESCAPE.sub("", text), "bold": bold})


def markdown_of(runs_wanted: list[dict], heading: bool = False) -> str | None:
    """The content-file text of a paragraph (or of a heading, after its `#`) with these runs:
    bold ones as `**lead**`, escaped where the text would read otherwise (as written when it
    needs no escape, so an ordinary speech's file is unchanged). None when a bold run cannot be
    a lead (it must end in a punctuation mark and follow one, or start the paragraph)."""
    wanted = merged_runs(runs_wanted)
    for escaped in (str, _escape_asterisks):
        text = "".join(f"**{escaped(r['text'])}**" if r["bold"] else escaped(r["text"]) for r in wanted)
        if not heading and (HEADING.match(text) or START_ESCAPE.match(text)):
            text = "\\" + text
        if merged_runs(runs(text) if heading else paragraph_runs(text)) == wanted:
            return text
    return None


def _escape_asterisks(text: str) -> str:
    return ASTERISKS.sub(lambda _match: "\\", text)


def merged_runs(runs: list[dict]) -> list[dict]:
    """Runs without empty ones, neighbours of one emphasis merged."""
    out: list[dict] = []
    for run in runs:
        if not run["text"]:
            continue
        if out and out[-1]["bold"] == run["bold"]:
            out[-1] = {"text": out[-1]["text"] + run["text"], "bold": run["bold"]}
        else:
            out.append(dict(run))
    return out
