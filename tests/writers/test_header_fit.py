"""A running header too long for the type area (from about 43 characters at 5号) is set
smaller, down to 7.5 pt, and past that cut with …, with a warning naming the file: never
into the margins or off the paper. Read back from the PDF with pdfplumber. The DOCX header
is the PDF's (the same text, cut where the PDF cut it, at the same size: read with
python-docx), and LibreOffice (`--convert-to`, as its window lays it out) sets it on one
line inside the type area."""

from __future__ import annotations

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handout import jobs
from handout.build import build_all
from handout.settings import load_settings
from handout.writers.furniture import Furniture
from tests.conftest import ROOT
from tests.pdfcheck import visual_lines
from tests.writers.docxcheck import M
from tests.writers.test_docx_libreoffice import libreoffice_pdfs

BASE = "在全市组工干部培训班开班仪式暨全市组织系统业务能力提升专题培训动员部署会议上的讲话"


CASES = [(BASE[:30], None), (BASE[:41] + "稿全文及说明", "set at"),
         (BASE + "稿全文及其相关配套文件说明和补充材料汇总", "cut to fit")]


def build(tmp_path, title: str, formats=("pdf",)) -> list[str]:
    """A long speech titled `title` built into tmp_path/out; the build's messages."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "s.md").write_text(f"---\ntitle: {title}\n---\n\n同志们：\n\n" + "正文内容。" * 400 + "\n",
                                  encoding="utf-8")
    settings = load_settings(ROOT, {"output": tmp_path / "out", "formats": formats, "quiet": True,
                                    "content": content})
    messages = []
    results = build_all(settings, None, echo=messages.append)
    assert not [r.error for r in results if r.error]
    return messages


def pdf_header(pdf) -> object:
    """The running header of page 2 (the first page has none), as pdfplumber reads it."""
    headers = [l for l in visual_lines(pdf) if l.page == 2 and l.baseline < M.height - M.top - 2]
    assert len(headers) == 1, headers
    return headers[0]


@pytest.mark.parametrize("title, fate", CASES)
def test_the_running_header_stays_in_the_type_area(tmp_path, title, fate):
    messages = build(tmp_path, title)
    warned = [m for m in map(str, messages) if "running header" in m]
    if fate is None:
        assert not warned
    else:
        assert len(warned) == 1 and fate in warned[0] and f"s.md:2: warning:" in warned[0], warned
    header = pdf_header(tmp_path / "out" / "s.pdf")
    assert M.left - 0.5 <= header.x0 and header.x1 <= M.right + 0.5, (header.x0, header.x1)
    assert header.size >= 7.5 - 0.01
    text = header.text.replace(" ", "")
    assert text == title if fate != "cut to fit" else (text.endswith("…") and title.startswith(text[:-1]))


@pytest.mark.parametrize("title, fate", CASES)
def test_the_docx_header_is_the_pdfs_and_stays_on_one_line_in_libreoffice(tmp_path, title, fate):
    build(tmp_path, title, formats=("pdf", "docx"))
    ours = pdf_header(tmp_path / "out" / "s.pdf")
    document = docx.Document(str(tmp_path / "out" / "s.docx"))
    section = document.sections[-1]
    for part in (section.header, section.even_page_header):
        runs = [r for p in part.paragraphs for r in p.runs]
        assert "".join(r.text for r in runs) == ours.text.replace(" ", "")
        style_size = part.paragraphs[0].style.font.size.pt
        assert {(r.font.size.pt if r.font.size else style_size) for r in runs} == {round(ours.size, 2)}
    theirs = libreoffice_pdfs([tmp_path / "out" / "s.docx"], tmp_path / "lo") / "s.pdf"
    lines = [l for l in visual_lines(theirs) if l.page == 2 and l.baseline < M.height - M.top - 2]
    assert len(lines) == 1, [l.text for l in lines]             # one line, not wrapped
    assert lines[0].text.replace(" ", "") == ours.text.replace(" ", "")
    assert M.left - 0.5 <= lines[0].x0 and lines[0].x1 <= M.right + 0.5, (lines[0].x0, lines[0].x1)
    assert abs(lines[0].size - ours.size) < 0.05


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=BASE + "2022年Word版ABC（一）、。“”…", min_size=40, max_size=300))
def test_a_cut_header_is_the_longest_start_that_fits(title):
    """The header as every writer prints it (Furniture.fitted_header): the title if it fits at
    some size down to 7.5 pt, else the longest start of it that fits with … after it."""
    kit = jobs.prepare(load_settings(ROOT, {"formats": ("pdf",), "quiet": True}))
    furniture = Furniture(kit.theme, kit.fonts, kit.metrics)
    role = kit.theme.role("header")
    text, size = furniture.fitted_header(title)
    assert 7.5 <= size <= role.size and size * 2 == int(size * 2)
    assert furniture.width(role.font, size, text) <= kit.metrics.measure
    if text != title:
        assert size == 7.5 and text.endswith("…") and title.startswith(text[:-1])
        longer = title[:len(text)] + "…"
        assert len(text) - 1 == len(title) - 2 or furniture.width(role.font, size, longer) > kit.metrics.measure
