"""A cleaned speech as a content file: YAML front matter + the body format of handout/body.py.

That format has no escapes: the text is written as it is, with `#`/`##` before headings and
`**` around bold leads.
"""

from __future__ import annotations

import yaml

from ..body import runs
from .page import Speech


def speech_markdown(speech: Speech, source_name: str) -> str:
    meta = speech.meta
    front = {"title": meta.title, "subtitle": meta.subtitle, "speaker": meta.speaker, "date": speech.date,
             "occasion": meta.occasion, "order": speech.order,
             "source": f"{source_name}:{speech.lines[0]}-{speech.lines[1]}"}
    front = {k: v for k, v in front.items() if v is not None}
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
    blocks = [_block(p) for p in speech.paragraphs]
    return f"---\n{header}---\n\n" + "\n\n".join(blocks) + "\n"


def _block(paragraph) -> str:
    if paragraph.kind == "heading":
        return "#" * paragraph.level + " " + paragraph.text
    with_leads = _with_bold(paragraph.text, paragraph.leads)
    if _reads_back_as(with_leads, paragraph):
        return with_leads
    # a lead that the content format would not read as one (it must end in a punctuation
    # mark): then it is not bold, rather than showing asterisks
    return paragraph.text


def _with_bold(text: str, leads) -> str:
    out, last = [], 0
    for start, end in leads:
        out += [text[last:start], "**", text[start:end], "**"]
        last = end
    out.append(text[last:])
    return "".join(out)


def _reads_back_as(markdown: str, paragraph) -> bool:
    found = runs(markdown)
    return ("".join(r["text"] for r in found) == paragraph.text
            and [r["text"] for r in found if r["bold"]]
            == [paragraph.text[start:end] for start, end in paragraph.leads])
