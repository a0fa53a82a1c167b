"""House style: the marking (`marking:`, 内部资料 注意保存) where GB/T 9704 puts 密级 — top
left, on the first line of the type area, 3号黑体 — and the note under the title block
(`note:`, （根据录音整理）); measured in mm in our PDF and in LibreOffice's rendering of the
DOCX, and nothing else changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from handout.metrics import PT_PER_MM, page_metrics
from handout.theme import load_theme
from tests.conftest import ROOT, build_into
from tests.writers.test_docx_libreoffice import libreoffice_pdfs

GOLDEN = Path(__file__).parent / "golden" / "four-levels.md"
MARKING, NOTE = "内部资料 注意保存", "（根据录音整理）"
M = page_metrics(load_theme(ROOT / "templates" / "theme.yaml"))
# the top of a 16 pt em box on the type area's first grid line: 37 mm, and half of what the
# line pitch leaves over the em (the em box is centred in its grid cell, handout/metrics.py)
FIRST_LINE_TOP_MM = 37 + (M.line_pitch - 16) / 2 / PT_PER_MM


def build(tmp_path: Path, extra: str, formats=("pdf", "docx")) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    text = GOLDEN.read_text(encoding="utf-8").replace("---\n\n", extra + "---\n\n", 1)
    (content / "four.md").write_text(text, encoding="utf-8")
    build_into(tmp_path / "out", formats=formats, content=content)
    return tmp_path / "out"


@pytest.fixture(scope="module")
def marked(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("marked"), f"marking: {MARKING}\nnote: {NOTE}\n")


def words_mm(pdf_path: Path, text: str):
    """The first line holding `text` on page 1: (x0, x1, top, font) in mm from the top left."""
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        lines: dict[float, list] = {}
        for ch in page.chars:
            lines.setdefault(round(ch["top"]), []).append(ch)
        for chars in sorted(lines.values(), key=lambda cs: cs[0]["top"]):
            chars.sort(key=lambda c: c["x0"])
            if "".join(c["text"] for c in chars).replace(" ", "") == text.replace(" ", ""):
                return (chars[0]["x0"] / PT_PER_MM, chars[-1]["x1"] / PT_PER_MM,
                        min(c["top"] for c in chars) / PT_PER_MM, chars[0]["fontname"], chars[0]["size"])
    raise AssertionError(f"{text} not on page 1 of {pdf_path}")


def check_places(pdf_path: Path, tolerance: float) -> None:
    x0, _x1, top, font, size = words_mm(pdf_path, MARKING)
    assert x0 == pytest.approx(28, abs=tolerance)                 # the left margin
    assert top == pytest.approx(FIRST_LINE_TOP_MM, abs=tolerance)  # the type area's first line
    assert size == pytest.approx(16, abs=0.2)                     # 3号
    title_top = words_mm(pdf_path, "在全市组织工作会议上的讲话")[2]
    assert title_top > top + 5                                    # the title below it
    nx0, nx1, ntop, _font, _size = words_mm(pdf_path, NOTE)
    assert (nx0 + nx1) / 2 == pytest.approx(28 + 156 / 2, abs=1 + tolerance)   # centred
    speaker_top = words_mm(pdf_path, "市委书记")[2]
    assert ntop - speaker_top == pytest.approx(M.line_pitch / PT_PER_MM, abs=tolerance + 0.3)
    return font


def test_the_marking_and_the_note_are_where_the_standard_says_in_our_pdf(marked):
    font = check_places(marked / "four.pdf", 0.3)
    assert "NotoSans" in font                                     # 黑体 (the shipped stand-in)


def test_libreoffice_renders_them_in_the_same_places_from_the_docx(marked, tmp_path):
    lo = libreoffice_pdfs([marked / "four.docx"], tmp_path / "lo") / "four.pdf"
    check_places(lo, 1.5)


def test_they_change_only_the_title_page(marked, tmp_path):
    plain = build(tmp_path, "")
    ours, theirs = PdfReader(marked / "four.pdf"), PdfReader(plain / "four.pdf")
    assert len(ours.pages) == len(theirs.pages)
    for number in range(1, len(ours.pages)):
        assert ours.pages[number].get_contents().get_data() == theirs.pages[number].get_contents().get_data()
    with pdfplumber.open(plain / "four.pdf") as pdf:
        assert MARKING.split()[0] not in pdf.pages[0].extract_text()


def test_the_booklet_cover_carries_the_collections_marking(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("sources", "_reports"))
    collection = content / "_collection.yaml"
    collection.write_text(collection.read_text(encoding="utf-8") + f"marking: {MARKING}\n", encoding="utf-8")
    build_into(tmp_path / "out", formats=("pdf",), content=content)
    x0, _x1, top, _font, _size = words_mm(tmp_path / "out" / "huibian.pdf", MARKING)
    assert x0 == pytest.approx(28, abs=0.3) and top == pytest.approx(FIRST_LINE_TOP_MM, abs=0.3)
