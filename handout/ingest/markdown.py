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
    with_leads = _protect_start(_with_bold(paragraph.text, paragraph.leads))
    if _reads_back_as(with_leads, paragraph.text):
        return with_leads
    # CommonMark's flanking rules cannot close ** between some marks and digits (…。”**1、):
    # then the lead is not bold, rather than showing asterisks.
    return _protect_start(escape(paragraph.text))


def _with_bold(text: str, leads) -> str:
    out, last = [], 0
    for start, end in leads:
        out += [escape(text[last:start]), "**", escape(text[start:end]), "**"]
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


def _reads_back_as(markdown: str, text: str) -> bool:
    from ..content import MARKDOWN
    inline = [t for t in MARKDOWN.parse(markdown) if t.type == "inline"]
    return len(inline) == 1 and "".join(c.content for c in inline[0].children
                                        if c.type == "text") == text


def _protect_start(text: str) -> str:
    """Escape what would make a paragraph a heading, quote or list item (1. 一…)."""
    return ORDERED_ITEM.sub(r"\1\\\2", BLOCK_MARK.sub(r"\\\1", text))


def escape(text: str) -> str:
    return INLINE_SPECIAL.sub(r"\\\1", text)
