"""A cleaned speech as a content file: YAML front matter + the Markdown subset content.py reads."""

from __future__ import annotations

import re

import yaml

from .page import Speech

# Characters that Markdown would read as markup inside a paragraph.
INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# A paragraph starting like a heading, quote, list item or thematic break.
BLOCK_MARK = re.compile(r"^([#>+=-])")
ORDERED_ITEM = re.compile(r"^(\d+)([.)])")


def speech_markdown(speech: Speech, source_name: str) -> str:
    meta = speech.meta
    front = {"title": meta.title, "speaker": meta.speaker, "date": speech.date,
             "occasion": meta.occasion, "order": speech.order,
             "source": f"{source_name}:{speech.lines[0]}-{speech.lines[1]}"}
    front = {k: v for k, v in front.items() if v is not None}
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
    blocks = [_block(p) for p in speech.paragraphs]
    return f"---\n{header}---\n\n" + "\n\n".join(blocks) + "\n"


def _block(paragraph) -> str:
    if paragraph.kind == "heading":
        # a trailing run of # would be read as the heading's closing sequence
        return "#" * paragraph.level + " " + re.sub(r"#$", r"\\#", escape(paragraph.text))
    out, last = [], 0
    for start, end in paragraph.leads:
        out += [escape(paragraph.text[last:start]), "**", escape(paragraph.text[start:end]), "**"]
        last = end
    out.append(escape(paragraph.text[last:]))
    return _protect_start("".join(out))


def _protect_start(text: str) -> str:
    """Escape what would make a paragraph a heading, quote or list item (1. 一…)."""
    return ORDERED_ITEM.sub(r"\1\\\2", BLOCK_MARK.sub(r"\\\1", text))


def escape(text: str) -> str:
    return INLINE_SPECIAL.sub(r"\\\1", text)
