"""Blocks read from a DOCX -> the body text of a content file, the inverse of handout/body.py.

A block is what body.py gives: {kind: heading|para, level, runs: [{text, bold}]}. It is
written by body.markdown_of (`#` to `####` heading lines, `**lead**` where it reads as a lead,
the format's escapes where text would read as markup): a bold run the format cannot hold (it
does not end in a punctuation mark, or does not follow one) is written plain and said so.
"""

from __future__ import annotations

from pathlib import Path

from ..body import markdown_of
from .reader import merged_runs
from ..i18n import _

LINE_ENDS = " \t"          # what body.py strips from a line (a full-width space is text)


def block_key(block: dict) -> tuple:
    """What makes two blocks the same text: kind, level, and runs of one emphasis."""
    return block["kind"], block["level"], tuple((r["text"], r["bold"]) for r in merged_runs(block["runs"]))


def block_markdown(block: dict, notes: list[str], docx: Path | None = None) -> str:
    text = "".join(r["text"] for r in block["runs"])
    heading = block["kind"] == "heading"
    mark = "#" * block["level"] + " " if heading else ""
    written = markdown_of(block["runs"], heading)
    if written is None:
        notes.append(_("“{text}…”: bold that is not a run-in lead (ending in a punctuation mark) "
                       "cannot be kept; it is plain in the content file").format(text=text[:16]))
        written = markdown_of([{"text": text, "bold": False}], heading)
    return mark + written


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
