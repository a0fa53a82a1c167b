"""Layout facts measured from the built PDFs of the committed speeches (pdfplumber, pypdf)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from handout.content import read_content
from handout.template import toc_entry
from handout.layout.linebreak import HANGING, NO_END, NO_START
from handout.metrics import page_metrics
from handout.theme import load_theme
from tests.conftest import ROOT, build_into, speech_files
from tests.pdfcheck import fonts_embedded, outline_titles, page_count, visual_lines
from tests.writers.docxcheck import LONG_URL

THEME = load_theme(ROOT / "templates" / "theme.yaml")
M = page_metrics(THEME)
PAGE_NUMBER = re.compile(r"^— (\d+) —$")


def body_lines(pdf: Path):
    """Visual lines inside the type area, in 16 pt, on the pages after the TOC page."""
    top = M.height - M.top
    bottom = M.height - M.bottom
    return [l for l in visual_lines(pdf)
            if l.page > 1 and top < l.baseline < bottom and abs(l.size - 16) < 0.1]


def test_three_speeches_are_built(built_pdfs):
    assert len(built_pdfs) == len(speech_files()) >= 3


def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_mark(built_pdfs):
    for pdf in built_pdfs.values():
        lines = [l for l in visual_lines(pdf) if not PAGE_NUMBER.match(l.text)]
        starts = [l.text for l in lines if l.text[0] in NO_START]
        ends = [l.text for l in lines if l.text[-1] in NO_END]
        assert starts == [] and ends == [], pdf.name


def test_full_body_lines_fill_the_28_character_grid(built_pdfs):
    """Every line that is not a paragraph's last ends on the type area's right edge. Lines of
    Chinese text hold 28 grid characters (the 2-character indent counts; a hanging 。，、
    past the edge does not); kinsoku makes a few hold 27 (one character pushed down; marks
    are never squeezed to pull one in)."""
    counts = Counter()
    for pdf in built_pdfs.values():
        for line in body_lines(pdf):
            # nothing sticks out but a hanging 。，、：；！？ (its box starts at the edge)
            hanging = line.text[-1] in HANGING and line.x1 > M.right + 1.0
            allowance = M.char_pitch if hanging else 0
            assert line.x1 - allowance < M.right + 1.0, line.text
            if line.x1 > M.right - 1.0 and all(ord(c) > 0x2000 for c in line.text):
                indent = round((line.x0 - M.left) / M.char_pitch)
                counts[len(line.text) - (1 if hanging else 0) + indent] += 1
    assert sum(counts.values()) > 300
    assert set(counts) <= {27, 28}, counts
    assert counts[28] / sum(counts.values()) > 0.95, counts


def test_lines_sit_on_a_22_line_grid(built_pdfs):
    for pdf in built_pdfs.values():
        per_page = Counter()
        for line in body_lines(pdf):
            index = (line.baseline - (M.height - M.baseline(0))) / M.line_pitch
            assert abs(index - round(index)) < 0.01, (pdf.name, line.text)
            assert 0 <= round(index) < 22
            per_page[line.page] += 1
        pages = sorted(per_page)
        assert all(per_page[p] <= 22 for p in pages)
        # every page but the last is full, unless a heading was moved on to keep it with its text
        short = [p for p in pages[:-1] if per_page[p] < 22]
        assert len(short) <= 2, per_page


def test_toc_page_numbers_are_the_pages_of_the_headings(built_pdfs):
    for stem, pdf in built_pdfs.items():
        content = read_content(ROOT / "content" / f"{stem}.md")
        headings = [b["text"] for b in content.body if b["kind"] == "heading"]
        lines = visual_lines(pdf)
        toc = [l for l in lines if l.page == 1 and re.search(r"\.{3,}\d+$", l.text)]
        assert len(toc) == len(headings), stem
        for row, heading in zip(toc, headings):
            number = int(re.search(r"(\d+)$", row.text).group(1))
            where = [l.page for l in lines if l.page > 1 and l.text.startswith(heading[:10])]
            assert where and where[0] == number, (heading, number, where)


def test_page_numbers_are_dashed_and_alternate_sides(built_pdfs):
    for pdf in built_pdfs.values():
        numbers = [l for l in visual_lines(pdf) if PAGE_NUMBER.match(l.text)]
        assert [int(PAGE_NUMBER.match(l.text).group(1)) for l in numbers] == \
            list(range(1, page_count(pdf) + 1))
        for line in numbers:
            n = int(PAGE_NUMBER.match(line.text).group(1))
            if n % 2:
                assert line.x1 == pytest.approx(M.right - M.footer_inset, abs=1.5)
            else:
                assert line.x0 == pytest.approx(M.left + M.footer_inset, abs=1.5)
            assert line.size == pytest.approx(14)
            assert line.baseline > M.height - M.bottom + 7 * 72 / 25.4


def test_all_fonts_are_embedded_subsets(built_pdfs):
    for pdf in built_pdfs.values():
        fonts = fonts_embedded(pdf)
        assert fonts and all(fonts.values()), fonts
        assert all(re.match(r"^/[A-Z]{6}\+", name) for name in fonts), fonts


def test_bookmarks_are_the_headings(built_pdfs):
    for stem, pdf in built_pdfs.items():
        content = read_content(ROOT / "content" / f"{stem}.md")
        assert outline_titles(pdf) == [toc_entry(b["text"]) for b in content.body if b["kind"] == "heading"]


def test_no_text_is_lost(built_pdfs):
    """Every character of the speech is in the PDF body, in order (headers excluded)."""
    for stem, pdf in built_pdfs.items():
        content = read_content(ROOT / "content" / f"{stem}.md")
        expected = "".join(b["text"] for b in content.body).replace(" ", "")
        got = "".join(l.text for l in body_lines(pdf)).replace(" ", "")
        assert got == expected, stem


def test_header_shows_the_title_from_page_2(built_pdfs):
    for stem, pdf in built_pdfs.items():
        title = read_content(ROOT / "content" / f"{stem}.md").meta["title"]
        lines = visual_lines(pdf)
        headers = {l.page for l in lines if l.text == title and l.size < 12}
        assert headers == set(range(2, page_count(pdf) + 1))


def test_two_builds_are_byte_identical(tmp_path, built_pdfs):
    build_into(tmp_path)
    for pdf in built_pdfs.values():
        assert (tmp_path / pdf.name).read_bytes() == pdf.read_bytes()


def test_a_315_character_url_stays_inside_the_type_area(tmp_path):
    url = LONG_URL
    assert len(url) >= 315
    content = tmp_path / "content"
    content.mkdir()
    (content / "s.md").write_text(f"---\ntitle: 网址\n---\n\n文件见{url}，请下载。\n", encoding="utf-8")
    build_into(tmp_path / "out", content=content)
    lines = [l for l in visual_lines(tmp_path / "out" / "s.pdf") if l.size == 16]   # title 22 pt, numbers 14 pt
    assert "".join(l.text for l in lines) == f"文件见{url}，请下载。"
    assert len(lines) > 5 and all(M.left - 0.5 <= l.x0 and l.x1 <= M.right + 0.5 for l in lines)


def test_a_speech_without_headings_has_no_contents_page(tmp_path):
    """Nothing to list, no 目录: the speech follows its title block on page 1, which has no
    running header; the header starts on page 2."""
    content = tmp_path / "content"
    content.mkdir()
    body = "\n\n".join(f"第{n}段。" + "我们要把学习贯彻工作抓紧抓实抓好。" * 6 for n in range(1, 30))
    (content / "plain.md").write_text(f"---\ntitle: 在座谈会上的讲话\n---\n\n同志们：\n\n{body}\n",
                                      encoding="utf-8")
    build_into(tmp_path / "out", content=content)
    pdf = tmp_path / "out" / "plain.pdf"
    lines = visual_lines(pdf)
    first = [l.text for l in lines if l.page == 1]
    assert not any("目" in t and "录" in t for t in first)
    assert first[0] == "在座谈会上的讲话" and "同志们：" in first and "第1段。" in "".join(first)
    assert page_count(pdf) >= 2
    tops = {p: min(l.baseline for l in lines if l.page == p) for p in (1, 2)}
    header_on = {p: any(l.text == "在座谈会上的讲话" and l.baseline == tops[p] and l.size < 16
                        for l in lines if l.page == p) for p in (1, 2)}
    assert header_on == {1: False, 2: True}
