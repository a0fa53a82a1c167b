"""Blocks read from a DOCX -> the Markdown of a content file, the inverse of handout/content.py.

A block is what content.py gives for a body block: {kind: heading|para, level, runs}. The
Markdown written for it is the one content.py reads back as exactly that block (the form
`build.py ingest` writes: `# …`, `## …`, paragraphs with `**…**` leads, one blank line
between blocks); where a bold run cannot be written so that it reads back bold (CommonMark's
flanking rules between some marks and digits), it is written plain and said so.
"""

from __future__ import annotations

import re

from ..content import body_blocks
from ..ingest.markdown import _protect_start, escape
from .reader import merged_runs

# `&amp;`, `&#42;`: Markdown reads a character reference as the character it names
ENTITY = re.compile(r"&(?=#?\w+;)")


def block_key(block: dict) -> tuple:
    """What makes two blocks the same text: kind, level, and runs of one emphasis."""
    return block["kind"], block["level"], tuple((r["text"], r["bold"]) for r in block["runs"])


def block_markdown(block: dict, notes: list[str]) -> str:
    if block["kind"] == "heading":
        text = "#" * block["level"] + " " + re.sub(r"#$", r"\\#", _inline(block["runs"]))
    else:
        text = _protect_start(_inline(block["runs"]))
    if [block_key(b) for b in body_blocks(text)] == [block_key(block)]:
        return text
    plain = "".join(r["text"] for r in block["runs"])
    notes.append(f"“{plain[:16]}…”: a bold run could not be written so that it reads back "
                 "bold; it is plain in the content file")
    if block["kind"] == "heading":
        return "#" * block["level"] + " " + re.sub(r"#$", r"\\#", _escaped(plain))
    return _protect_start(_escaped(plain))


def tidy_runs(runs: list[dict]) -> list[dict]:
    """Runs as Markdown can hold them: no space at the paragraph's ends (Markdown drops it),
    none at a bold run's ends (`** x**` is not bold), neighbours of one emphasis merged."""
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
        out[0] = {**out[0], "text": out[0]["text"].lstrip()}
        out[-1] = {**out[-1], "text": out[-1]["text"].rstrip()}
    return merged_runs(out)


def _inline(runs: list[dict]) -> str:
    return "".join(f"**{_escaped(r['text'])}**" if r["bold"] else _escaped(r["text"]) for r in runs)


def _escaped(text: str) -> str:
    return ENTITY.sub(r"\\&", escape(text))
