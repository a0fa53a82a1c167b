"""The 汇编 booklet PDF (templates/booklet.xml.j2), read back with pdfplumber: cover, TOC
whose numbers are the pages of the speeches and their headings, page numbers that run on
through the booklet, and the running header of the speech each page belongs to."""

from __future__ import annotations

import re

import pytest
import yaml

from handout.content import read_content
from handout.template import toc_entry
from handout.metrics import page_metrics
from handout.theme import load_theme
from tests.conftest import ROOT, build_into, speech_files, two_one_page_speeches
from tests.pdfcheck import page_count, visual_lines

M = page_metrics(load_theme(ROOT / "templates" / "theme.yaml"))
PAGE_NUMBER = re.compile(r"^— (\d+) —$")
TOC_ROW = re.compile(r"^(.*?)\.{3,}(\d+)$")
COLLECTION = yaml.safe_load((ROOT / "content" / "_collection.yaml").read_text(encoding="utf-8"))


def speeches_in_order():
    contents = {p.stem: read_content(p) for p in speech_files()}
    return [contents[stem] for stem in COLLECTION["order"]]


def pages_of(booklet_pdf):
    """page -> its visual lines, and the header / body / footer split of each page."""
    lines = visual_lines(booklet_pdf)
    pages = {n: [l for l in lines if l.page == n] for n in range(1, page_count(booklet_pdf) + 1)}
    top, bottom = M.height - M.top, M.height - M.bottom
    header = {n: [l.text for l in ls if l.baseline < top - 2] for n, ls in pages.items()}
    body = {n: [l for l in ls if top - 2 <= l.baseline <= bottom + 2] for n, ls in pages.items()}
    footer = {n: [l.text for l in ls if l.baseline > bottom + 2] for n, ls in pages.items()}
    return body, header, footer


def first_pages(body):
    """title (22 pt line) -> the page it starts on"""
    starts = {}
    for n, lines in body.items():
        for line in lines:
            if abs(line.size - 22) < 0.1:
                starts.setdefault(line.text, n)
    return starts


def test_the_cover_has_the_collection_title_and_no_number(booklet_pdf):
    body, header, footer = pages_of(booklet_pdf)
    assert COLLECTION["title"] in [l.text for l in body[1]]
    assert header[1] == [] and footer[1] == []


def test_the_cover_title_stands_five_lines_down(booklet_pdf):
    """The cover's <space lines="5" keep="yes"/>: kept at the page top (a plain space there
    is dropped), so the title is on grid line 6, not on the first."""
    body, _, _ = pages_of(booklet_pdf)
    [title] = [l for l in body[1] if l.text == COLLECTION["title"]]
    assert title.baseline == pytest.approx(M.height - M.baseline(5, 22), abs=0.05)


def test_toc_numbers_are_the_pages_where_speeches_and_headings_start(booklet_pdf):
    body, _, _ = pages_of(booklet_pdf)
    rows = [TOC_ROW.match(l.text) for l in body[2] if TOC_ROW.match(l.text)]
    speeches = speeches_in_order()
    level_one = [toc_entry(b["text"]) for s in speeches for b in s.body
                 if b["kind"] == "heading" and b["level"] == 1]
    assert len(rows) == len(speeches) + len(level_one)
    starts = first_pages(body)
    for speech in speeches:
        title = speech.meta["title"]
        row = next(r for r in rows if r.group(1).startswith(title))
        assert int(row.group(2)) == starts[title], title
    for row in rows:
        text, number = row.group(1).rstrip(". "), int(row.group(2))
        if text in level_one:
            where = [n for n, lines in body.items() if n > 2
                     and any(l.text.startswith(text[:10]) for l in lines)]
            assert where and number in where, (text, number, where)


def test_page_numbers_run_on_and_blank_versos_carry_none(booklet_pdf):
    body, _, footer = pages_of(booklet_pdf)
    count = page_count(booklet_pdf)
    last_text = max(n for n in range(1, count + 1) if body[n])
    assert count % 4 == 0 and count - last_text < 4      # padded for the print shop
    for n in range(2, count + 1):
        if not body[n]:                                  # a blank verso before an odd start,
            assert footer[n] == [] and (n % 2 == 0 or n > last_text)     # or padding

        else:
            assert footer[n] and PAGE_NUMBER.match(footer[n][0]).group(1) == str(n)
    starts = first_pages(body)
    assert all(page % 2 == 1 for page in starts.values() if page > 1)    # odd_pages: true


def test_the_running_header_is_the_current_speech_title_but_not_on_its_first_page(booklet_pdf):
    body, header, _ = pages_of(booklet_pdf)
    starts = sorted((page, title) for title, page in first_pages(body).items() if page > 1)
    assert [title for _, title in starts] == [s.meta["title"] for s in speeches_in_order()]
    for n in range(2, page_count(booklet_pdf) + 1):
        current = [title for page, title in starts if page <= n]
        if not current or not body[n] or starts[len(current) - 1][0] == n:
            assert header[n] == [], n                     # TOC, blank verso, speech's first page
        else:
            assert header[n] == [current[-1]], n


def test_a_speech_ending_on_an_odd_page_leaves_a_blank_unnumbered_verso(tmp_path):
    """Two one-page speeches with odd_pages: true: cover 1, TOC 2, speech 3, blank 4, speech 5,
    and blank 6-8, padding to two folded sheets."""
    content = two_one_page_speeches(tmp_path)
    build_into(tmp_path / "out", content=content)
    pdf = tmp_path / "out" / "book.pdf"
    body, header, footer = pages_of(pdf)
    assert page_count(pdf) == 8
    for blank in (4, 6, 7, 8):
        assert body[blank] == [] and header[blank] == [] and footer[blank] == []
    assert first_pages(body) == {"汇编": 1, "在第1次会议上的讲话": 3, "在第2次会议上的讲话": 5}
    assert [PAGE_NUMBER.match(footer[n][0]).group(1) for n in (2, 3, 5)] == ["2", "3", "5"]
