"""A cleaned speech as a content file: YAML front matter + the body format of handout/body.py.

The text is written as it is, with `#` to `####` before headings and `**` around bold leads,
and the body format's escapes where text would read as markup (body.markdown_of).
"""

from __future__ import annotations

import yaml

from ..body import markdown_of
from .page import Speech


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
        return "#" * paragraph.level + " " + markdown_of([{"text": paragraph.text, "bold": False}], True)
    bold = markdown_of(_runs(paragraph.text, paragraph.leads))
    # a lead that the content format would not read as one (it must end in a punctuation
    # mark): then it is not bold, rather than showing asterisks
    return bold if bold is not None else markdown_of([{"text": paragraph.text, "bold": False}])


def _runs(text: str, leads) -> list[dict]:
    out, last = [], 0
    for start, end in leads:
        out += [{"text": text[last:start], "bold": False}, {"text": text[start:end], "bold": True}]
        last = end
    out.append({"text": text[last:], "bold": False})
    return out
