"""A PDF with a text layer -> the lines of a raw page, one per paragraph, and a Layout.

The text comes with its place on the page (pdfplumber's characters), so what a line is is
known by where it is, not guessed from its words:

- a line repeated at the same height on most pages (running header or footer), and a page
  number in the top or bottom margin, are page furniture: kept out of the speech and named in
  the report (Layout.furniture);
- a paragraph starts where a line is indented (first-line indent), centred, set in another
  size, or follows a line that stops short of the right margin; any other line goes on from
  the one before (a PDF has a line break at every wrap, and a page break is one too);
- characters set a little higher or lower (a Latin word in a smaller size) belong to the line
  whose height they share.

A PDF without text (a scan) is refused in one line that says so.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError
from .filelines import TOC_ENTRY
from .readers import Layout
from ..i18n import Msg

MARGIN_SHARE = 0.13          # the top and bottom 13% of a page: where headers and page numbers sit
SAME_PLACE_PT = 6            # a running header is at the same height, give or take this much
PAGE_NUMBER = re.compile(r"^[\s\-—–－~·•]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d+\s*页)?"
                         r"[\s\-—–－~·•]*$|^[\s\-—–－]*[ivxlcIVXLC]{1,6}[\s\-—–－]*$")
ENDS = "。！？：；…”’）》」』.!?:;)"
UNBROKEN_WRAP = 4            # characters: how much shorter than full a wrapped line can be
CLOSERS = "，。；：、！？”’）》」』,.;:!?)"
PARAGRAPH_SPACE = 1.4      # more space than this many line pitches above a line: a new paragraph
UNMAPPED = re.compile(r"\(cid:\d+\)")     # pdfminer's stand-in for a glyph with no character
UNMAPPED_MAX = 20                           # one in this many characters: the text is unreadable
OPENERS = re.compile(r"^(?:[•·●○■□◆▪\-–]\s|[（(]?[0-9一二三四五六七八九十]{1,3}[)）、.．]|[①-⑳])")


@dataclass
class Line:
    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class PageBox:
    left: float                 # where the text block's lines start and end on this page
    right: float
    height: float
    lines: list[Line] = field(default_factory=list)


def read_pdf(path: Path):
    """(lines, how it was read, Layout) of a PDF's text."""
    pages = _pages(path)
    if not any(page.lines for page in pages):
        raise UserError("a scanned PDF (its pages are images, it has no text layer): ingest reads "
                        "text; run OCR on it first (for example ocrmypdf -l chi_sim) or ask for "
                        "the Word file", path)
    text = "".join(line.text for page in pages for line in page.lines)
    if len(UNMAPPED.findall(text)) * UNMAPPED_MAX > len(text):
        raise UserError("the PDF's fonts do not say which characters they draw (no ToUnicode map), "
                        "so its text cannot be read; ask for the Word file or export the PDF again", path)
    furniture = _furniture(pages)
    body_size = _common([round(line.size, 1) for page in pages for line in page.lines
                         if id(line) not in furniture]) or 12.0
    pitch = _pitch(pages, furniture)
    out, layout, previous, paragraph = [], Layout(), None, 0
    for page in pages:
        for line in page.lines:
            if id(line) in furniture:          # kept as a line of its own, for the report
                layout.furniture[len(out) + 1] = furniture[id(line)]
                out.append(line.text)
                continue
            if previous and _continues(previous, pages[previous.page - 1], line, page, body_size, pitch):
                out[paragraph] = _joined(out[paragraph], line.text)   # across a page number too
            else:
                paragraph = len(out)
                out.append(line.text)
                layout.aligned[len(out)] = _alignment(line, page)
                layout.looks[len(out)] = f"{line.size:.0f}pt"
            previous = line
    how = Msg("a PDF with a text layer ({count} page(s)), lines joined into paragraphs by their place",
              count=len(pages))
    return out, how, layout


def _pages(path: Path) -> list[PageBox]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import PdfminerException
    try:
        with pdfplumber.open(path) as pdf:
            return [_page(number, page) for number, page in enumerate(pdf.pages, 1)]
    except (PdfminerException, PDFSyntaxError, PSException, PDFEncryptionError, PDFPasswordIncorrect,
            ValueError, KeyError, TypeError) as exc:
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise UserError("the PDF is password-protected; save it without a password", path) from None
        why = "%s: %s" % (cause.__class__.__name__, cause)
        raise UserError("a damaged PDF (cannot be read: {cause})", path, cause=why) from None


def _page(number: int, page) -> PageBox:
    chars = [c for c in page.chars if c.get("upright", True) and c["text"].strip()
             or c["text"] == " "]
    lines = [_line(number, group) for group in _rows(chars)]
    lines = [line for line in lines if line.text.strip()]
    text = [ln for ln in lines if len(ln.text) >= 4] or lines
    return PageBox(min((ln.x0 for ln in text), default=0), max((ln.x1 for ln in text), default=0),
                   float(page.height), lines)


def _rows(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into lines: a character belongs to the line whose height band holds
    its middle (sorted by middle, a new line starts below the band so far)."""
    rows: list[list[dict]] = []
    bottom = None
    for char in sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2):
        middle = (char["top"] + char["bottom"]) / 2
        if rows and middle <= bottom:
            rows[-1].append(char)
            bottom = max(bottom, char["bottom"]) if char["text"].strip() else bottom
        else:
            rows.append([char])
            bottom = char["bottom"]
    return rows


def _line(page: int, chars: list[dict]) -> Line:
    chars = sorted(chars, key=lambda c: c["x0"])
    seen = [c for c in chars if c["text"].strip()] or chars
    size = max(round(c["size"], 1) for c in seen)     # not a smaller Latin word's size
    text, last = "", None
    for char in chars:
        if last is not None and char["x0"] - last["x1"] > 0.3 * size and not text.endswith(" ") \
                and last["text"].isascii() and char["text"].isascii():
            text += " "                   # between two Latin words; beside Chinese a gap is layout
        text += char["text"]
        last = char
    return Line(page, re.sub(r"\s+", " ", text).strip(), seen[0]["x0"], max(c["x1"] for c in seen),
                min(c["top"] for c in seen), max(c["bottom"] for c in seen), size)


def _furniture(pages: list[PageBox]) -> dict[int, str]:
    """id(line) -> why it is page furniture."""
    found: dict[int, str] = {}
    places: dict[str, list[Line]] = {}
    for page in pages:
        for line in page.lines:
            in_margin = line.top < page.height * MARGIN_SHARE or line.bottom > page.height * (1 - MARGIN_SHARE)
            if in_margin and PAGE_NUMBER.match(line.text):
                found[id(line)] = Msg("page number")
            places.setdefault(re.sub(r"\d+", "#", line.text.replace(" ", "")), []).append(line)
    enough = max(2, (len(pages) + 1) // 2)
    for text, lines in places.items():
        tops = Counter(round(line.top / SAME_PLACE_PT) for line in lines)
        pages_at_place = {line.page for line in lines
                          if any(abs(round(line.top / SAME_PLACE_PT) - t) <= 1 for t, n in tops.items()
                                 if n >= enough)}
        if len(pages_at_place) >= enough and len(pages) >= 2:
            for line in lines:
                if line.page in pages_at_place:
                    found.setdefault(id(line), Msg("running header or footer (the same line on "
                                                   "{count} pages)", count=len(pages_at_place)))
    return found


def _continues(before: Line, box: PageBox, line: Line, page: PageBox, body_size: float,
               pitch: float) -> bool:
    """Does this line go on from the line before it (`box`: that line's page)? `pitch`: the
    usual distance from one line to the next."""
    if line.text[0] in CLOSERS:
        return True                       # punctuation hung onto a line of its own
    indented = line.x0 > page.left + 0.6 * line.size
    # a paragraph's last line stops short; a line that ends mid-sentence only a few characters
    # short was wrapped early (a word or "X%的" that does not break)
    gap = (box.right - before.x1) / before.size
    short = gap > 1.2 and (before.text[-1] in ENDS or gap > UNBROKEN_WRAP)
    centred = _centred(before, box) or _centred(line, page)
    other_size = abs(line.size - before.size) > 0.5 or abs(line.size - body_size) > 1.5
    listed = TOC_ENTRY.search(before.text) or TOC_ENTRY.search(line.text)
    spaced = line.page == before.page and line.top - before.top > PARAGRAPH_SPACE * pitch
    return not (indented or short or centred or other_size or listed or spaced or OPENERS.match(line.text))


def _pitch(pages: list[PageBox], furniture) -> float:
    """The most common distance between two lines of one page (paragraphs set apart by space
    stand out from it)."""
    steps = [round(b.top - a.top) for page in pages
             for a, b in zip(page.lines, page.lines[1:]) if id(a) not in furniture and id(b) not in furniture]
    return _common([s for s in steps if s > 0]) or 1000.0


def _alignment(line: Line, page: PageBox) -> str:
    if _centred(line, page):
        return "center"
    flush_right = page.right - line.x1 < line.size and line.x0 - page.left > 4 * line.size
    return "right" if flush_right else "left"


def _centred(line: Line, page: PageBox) -> bool:
    left, right = line.x0 - page.left, page.right - line.x1
    return left > 2 * line.size and right > 2 * line.size and abs(left - right) < 1.5 * line.size


def _joined(before: str, after: str) -> str:
    """A wrapped line joined: nothing between Chinese, a space between two Latin words."""
    if before and after and before[-1].isascii() and before[-1].isalnum() and after[0].isascii() \
            and after[0].isalnum():
        return before + " " + after
    return before + after


def _common(values: list[float]) -> float | None:
    return Counter(values).most_common(1)[0][0] if values else None
