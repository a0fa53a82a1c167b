"""Blocks read from a DOCX -> the body text of a content file, the inverse of handout/body.py.

A block is what body.py gives: {kind: heading|para, level, runs: [{text, bold}]}. The body
format has no escapes (`#`/`##` heading lines, `**lead**` where it reads as a lead), so a block
is written as it is and read back with body.py to check: a bold run the format cannot hold
(it does not end in a punctuation mark, or does not follow one) is written plain and said
so; a paragraph that would read as a heading (`# …`) cannot be written at all.
"""

from __future__ import annotations

from pathlib import Path

from ..body import HEADING, runs
from ..errors import UserError
from .reader import merged_runs

LINE_ENDS = " \t"          # what body.py strips from a line (a full-width space is text)


def block_key(block: dict) -> tuple:
    """What makes two blocks the same text: kind, level, and runs of one emphasis."""
    return block["kind"], block["level"], tuple((r["text"], r["bold"]) for r in merged_runs(block["runs"]))


def block_markdown(block: dict, notes: list[str], docx: Path | None = None) -> str:
    plain = "".join(r["text"] for r in block["runs"])
    mark = "#" * block["level"] + " " if block["kind"] == "heading" else ""
    if not mark and HEADING.match(plain):
        raise UserError(f"the paragraph “{plain[:20]}…” starts with `#` and a space, which a "
                        "content file reads as a heading: make it a Heading in Word, or take "
                        "the `#` out", docx)
    marked = "".join(f"**{r['text']}**" if r["bold"] else r["text"] for r in block["runs"])
    if _reads_back(marked, block["runs"]):
        return mark + marked
    if any(r["bold"] for r in block["runs"]):
        notes.append(f"“{plain[:16]}…”: bold that is not a run-in lead (ending in a punctuation "
                     "mark) cannot be kept; it is plain in the content file")
    if not _reads_back(plain, [{"text": plain, "bold": False}]):
        # the format has no escapes: typed asterisks would come back as bold, not as typed
        raise UserError(f"the paragraph “{plain[:20]}…” has `**…**` typed in it, which a "
                        "content file reads as bold: take the asterisks out in Word (make "
                        "the words Bold instead, if that was meant)", docx)
    return mark + plain


def _reads_back(text: str, wanted: list[dict]) -> bool:
    return [(r["text"], r["bold"]) for r in merged_runs(runs(text))] == \
        [(r["text"], r["bold"]) for r in merged_runs(wanted)]


def tidy_runs(runs: list[dict]) -> list[dict]:
    """Runs as a content file can hold them: no space or tab at the paragraph's ends (body.py
    reads a line so stripped), no white space at a bold run's ends (`** x。**` is not a lead:
    the space goes outside it), neighbours merged."""
    pieces: list[dict] = []
    for run in runs:
        text, bold = run["text"], run["bold"]
        core = text.strip() if bold else text
        if bold and core:
            start = text.index(core)
            pieces += [{"text": text[:start], "bold": False}, {"text": core, "bold": True},
                       {"text": text[start + len(core):], "bold": False}]
        else:
            pieces.append({"text": text, "bold": False})
    out = merged_runs(pieces)
    if out:
        out[0] = {**out[0], "text": out[0]["text"].lstrip(LINE_ENDS)}
        out[-1] = {**out[-1], "text": out[-1]["text"].rstrip(LINE_ENDS)}
    return merged_runs(out)
