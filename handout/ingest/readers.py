"""Which reader a raw page needs, by what the file is (its first bytes, then its name): a PDF
(pdf_reader.py), a Word or WPS file (handout/docx_in/), a text page (decode.py), an HTML page
saved from the browser (its text, taken out with lxml's HTML parser), or something ingest must
refuse (a content file given by mistake).

A file format that knows more than the lines' text says so in a Layout: which lines are
headings (Word's outline levels) and that each line is a paragraph as its author made it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError
from .decode import read_page
from ..i18n import Msg

HTML_START = re.compile(r"^\s*(?:<!DOCTYPE\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)
FRONT_MATTER = re.compile(r"^---\n(?:.*\n)*?title\s*:.*\n(?:.*\n)*?---\s*$", re.M)
BLOCKS = ("p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "td", "th", "section",
          "article", "header", "footer", "title", "blockquote", "pre", "dd", "dt", "table", "ul", "ol")
UNREAD = "//script|//style|//noscript|//template|//svg"


PDF_MAGIC = b"%PDF-"
WORD_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")     # a zip (.docx), OLE (.doc, .wps)


@dataclass
class Layout:
    headings: dict[int, int] = field(default_factory=dict)   # line number -> outline level 1-9
    apart: bool = True                                        # never join or split lines
    furniture: dict[int, str] = field(default_factory=dict)   # line number -> why it is dropped
    aligned: dict[int, str] = field(default_factory=dict)     # line number -> center | right
    looks: dict[int, str] = field(default_factory=dict)       # line number -> its style and size


def sniff(path: Path) -> str:
    """pdf | word | text, by the file's first bytes (a PDF may start after a little junk)."""
    try:
        with path.open("rb") as handle:
            start = handle.read(1024)
    except OSError:
        return "text"                     # read_page says why it cannot be read
    if PDF_MAGIC in start:
        return "pdf"
    return "word" if start.startswith(WORD_MAGIC) else "text"


def read_source(path: Path):
    """The page's text lines, how it was read, and for a PDF or Word file its Layout."""
    kind = sniff(path)
    if kind == "pdf":
        from .pdf_reader import read_pdf
        return read_pdf(path)
    if kind == "word":
        from ..docx_in import word_source
        return word_source(path)
    lines, encoding = read_page(path)
    head = "\n".join(lines[:200])
    if path.suffix.lower() in (".html", ".htm") or HTML_START.match(head):
        return html_lines("\n".join(lines)), Msg("{encoding}, HTML (text taken out with lxml)", encoding=encoding)
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
