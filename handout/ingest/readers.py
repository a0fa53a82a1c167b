"""Which reader a raw page needs, by what the file is: a text page (decode.py), an HTML page
saved from the browser (its text, taken out with lxml's HTML parser), or something ingest must
refuse (a content file given by mistake). Readers for more kinds (Word files) plug in here."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import UserError
from .decode import read_page

HTML_START = re.compile(r"^\s*(?:<!DOCTYPE\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)
FRONT_MATTER = re.compile(r"^---\n(?:.*\n)*?title\s*:.*\n(?:.*\n)*?---\s*$", re.M)
BLOCKS = ("p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "td", "th", "section",
          "article", "header", "footer", "title", "blockquote", "pre", "dd", "dt", "table", "ul", "ol")
UNREAD = "//script|//style|//noscript|//template|//svg"


def read_source(path: Path) -> tuple[list[str], str]:
    """The page's text lines and how it was read."""
    lines, encoding = read_page(path)
    head = "\n".join(lines[:200])
    if path.suffix.lower() in (".html", ".htm") or HTML_START.match(head):
        return html_lines("\n".join(lines)), f"{encoding}, HTML (text taken out with lxml)"
    if lines and lines[0].strip() == "---" and FRONT_MATTER.match(head + "\n"):
        raise UserError("already a content file (front matter with a title), not a raw page: "
                        "put it in content/ as it is, or give ingest the page it came from", path, 1)
    return lines, encoding


def html_lines(text: str) -> list[str]:
    """The visible text of an HTML page, one line per block, entities decoded; scripts, styles
    and runs of blank lines left out."""
    import lxml.html
    doc = lxml.html.document_fromstring(text)
    for element in doc.xpath(UNREAD):
        element.drop_tree()
    for element in doc.iter(*BLOCKS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    lines, blank = [], False
    for line in doc.text_content().split("\n"):
        line = line.strip()
        if line or not blank:
            lines.append(line)
        blank = not line
    while lines and not lines[0]:
        lines.pop(0)
    return lines
