"""A PDF with a text layer comes in as its paragraphs: lines known by their place on the page
(wraps joined across lines and pages, paragraphs started by their indent), page numbers and
running headers kept out and named in the report; a scan is refused in one line."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from docx.shared import Pt
from PIL import Image, ImageDraw

from tests.conftest import REVIEWED, build_into
from tests.docx_in.helpers import ingest
from tests.docx_in.office import content_of, convert, field, ingested, line, new_document

SPEECHES = sorted(p for p in REVIEWED.glob("*.md"))


@pytest.fixture(scope="module")
def handout_pdfs(tmp_path_factory) -> Path:
    """Our own handouts as PDFs (hard-wrapped lines, — n — page numbers, the title as running
    header, a table of contents): what a clerk gets back from the print shop."""
    out = tmp_path_factory.mktemp("pdfs")
    build_into(out, formats=("pdf",), content=REVIEWED)
    return out


@pytest.mark.parametrize("speech", SPEECHES, ids=lambda p: p.stem)
def test_a_handout_pdf_comes_back_as_the_paragraphs_it_was_made_from(handout_pdfs, tmp_path, capsys, speech):
    meta, paragraphs, report = ingested(capsys, handout_pdfs / f"{speech.stem}.pdf", tmp_path)
    want_meta, want = content_of(speech)
    assert paragraphs == want                         # every wrap joined, every paragraph apart
    assert {k: meta[k] for k in ("title", "speaker", "date")} == \
        {k: want_meta[k] for k in ("title", "speaker", "date")}
    assert "(page number): — 2 —" in report
    assert f"(running header or footer (the same line on" in report


@pytest.fixture(scope="module")
def libreoffice_pdfs(tmp_path_factory) -> Path:
    """Our own handouts' DOCX as LibreOffice exports them to PDF (its line breaks, its spacing
    between Latin and Chinese, its page numbers)."""
    out = tmp_path_factory.mktemp("lo-pdfs")
    build_into(out, formats=("docx",), content=REVIEWED)
    for speech in SPEECHES:
        convert(out / f"{speech.stem}.docx", "pdf", out)
    return out


@pytest.mark.parametrize("speech", SPEECHES, ids=lambda p: p.stem)
def test_a_handout_exported_to_pdf_by_libreoffice_comes_back_as_its_paragraphs(libreoffice_pdfs, tmp_path,
                                                                             capsys, speech):
    meta, paragraphs, _ = ingested(capsys, libreoffice_pdfs / f"{speech.stem}.pdf", tmp_path)
    want_meta, want = content_of(speech)
    assert paragraphs == want
    assert meta["title"] == want_meta["title"]


def libreoffice_pdf(folder: Path) -> tuple[Path, list[str]]:
    """A speech typed in Word (first-line indents, long paragraphs, a running header and a
    page number field in the footer), exported to PDF by LibreOffice."""
    document = new_document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "内部资料　注意保存"
    field(section.footer.paragraphs[0], "PAGE")
    line(document, "在全县经济工作会议上的讲话", size=22, align="center")
    sentence = "要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，着力推动高质量发展，"
    body = ["同志们："]
    for n, head in enumerate(("一、认清形势", "二、突出重点", "三、狠抓落实"), 1):
        body.append(head)
        body.append(sentence * (10 + 2 * n) + "确保各项任务落到实处。")
        body.append("各级干部要勇于担当、善于作为。")
    body.append("谢谢大家！")
    for text in body:
        paragraph = line(document, text, size=16)
        paragraph.paragraph_format.first_line_indent = Pt(32)
    folder.mkdir(parents=True, exist_ok=True)
    document.save(str(folder / "jingji.docx"))
    return convert(folder / "jingji.docx", "pdf", folder), body


def test_a_libreoffice_pdf_keeps_paragraphs_and_drops_header_and_page_numbers(tmp_path, capsys):
    pdf, body = libreoffice_pdf(tmp_path / "made")
    meta, paragraphs, report = ingested(capsys, pdf, tmp_path / "content")
    assert meta["title"] == "在全县经济工作会议上的讲话"
    assert [p.lstrip("# ") for p in paragraphs] == body
    assert [p for p in paragraphs if p.startswith("#")] == ["# 一、认清形势", "# 二、突出重点", "# 三、狠抓落实"]
    assert "Title, speaker, date: the file's title lines." in report      # below the running header
    assert "(page number): 2" in report and "(page number): 3" in report
    assert report.count("(running header or footer (the same line on 3 pages)): 内部资料") == 3


def scan(path: Path) -> None:
    """An image-only PDF, as a scanner writes it."""
    image = Image.new("L", (595, 842), 255)
    ImageDraw.Draw(image).rectangle((80, 100, 515, 130), fill=0)
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    picture = pdfium.PdfImage.new(pdf)
    picture.set_bitmap(pdfium.PdfBitmap.from_pil(image))
    picture.set_matrix(pdfium.PdfMatrix().scale(595, 842))
    page.insert_obj(picture)
    page.gen_content()
    pdf.save(str(path))


@pytest.mark.parametrize("name, make, message", [
    ("scan.pdf", scan, "a scanned PDF (its pages are images, it has no text layer): ingest reads "
                       "text; run OCR on it first (for example ocrmypdf -l chi_sim) or ask for the Word file"),
    ("cut.pdf", lambda p: p.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog"),
     "a damaged PDF (cannot be read: "),
    ("scan.txt", scan, "a scanned PDF (its pages are images"),     # known by its bytes, not its name
])
def test_a_pdf_without_text_is_refused_in_one_line(tmp_path, capsys, name, make, message):
    path = tmp_path / name
    make(path)
    status, _, err = ingest(capsys, path, "--content", tmp_path / "content")
    assert status == 2
    [only] = err.strip().splitlines()
    assert only.startswith(f"{path}: error: {message}")
    assert not (tmp_path / "content").exists()
