"""Four heading levels end to end (GB/T 9704 7.3.3: 一、 黑体, （一） 楷体, 1. and （1） 仿宋):
a content file with all four built as PDF, DOCX and OFD, each read back by another reader,
and the DOCX brought back to the same content file."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pdfplumber
import pytest
from lxml import etree
from pypdf import PdfReader

from handout.docx_in import ingest_docx
from handout.metrics import page_metrics
from handout.theme import load_theme
from tests.conftest import ROOT, build_into
from tests.writers.test_docx_libreoffice import libreoffice_pdfs, lo_uno
from tests.writers.docxcheck import audit_errors
from tests.writers.test_ofd import NS, SCHEMAS, parts, schema_for

GOLDEN = Path(__file__).parent / "golden" / "four-levels.md"
LEVEL_3 = ["1.深化理论学习", "2.强化实践锻炼"]
LEVEL_4 = ["（1）抓好集中学习", "（2）抓好个人自学"]
NESTED = [(1, "一、关于总体要求"), (2, "（一）提高政治站位"), (3, "1.深化理论学习"),
          (4, "（1）抓好集中学习"), (4, "（2）抓好个人自学"), (3, "2.强化实践锻炼"),
          (2, "（二）压实工作责任"), (1, "二、关于重点任务")]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def build_four(tmp_path: Path, **settings) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(GOLDEN, content / "four.md")
    out = tmp_path / "out"
    build_into(out, formats=("pdf", "docx", "ofd"), content=content, **settings)
    return out


@pytest.fixture(scope="module")
def four(tmp_path_factory) -> Path:
    return build_four(tmp_path_factory.mktemp("four"), toc_depth=4)


def test_levels_3_and_4_are_set_in_fangsong_on_the_grid(four):
    m = page_metrics(load_theme(ROOT / "templates" / "theme.yaml"))
    with pdfplumber.open(four / "four.pdf") as pdf:
        page = pdf.pages[1]
        lines: dict[float, list] = {}
        for ch in page.chars:
            lines.setdefault(round(ch["matrix"][5], 2), []).append(ch)
        found = {}
        for baseline, chars in lines.items():
            chars.sort(key=lambda c: c["x0"])
            found["".join(c["text"] for c in chars)] = (baseline, chars)
    body_font = found["各级党组织书记要履行第一责任人职责。"][1][0]["fontname"]
    assert "Fangsong" in body_font
    for text in LEVEL_3 + LEVEL_4:
        baseline, chars = found[text]
        assert {c["fontname"] for c in chars} == {body_font}, text
        # on a grid line: the baseline of row n of 22, 16 pt
        rows = [n for n in range(m.lines) if abs(m.baseline(n, 16) - baseline) < 0.05]
        assert rows, (text, baseline)
        # indented two cells, as the body's first line
        assert chars[0]["x0"] == pytest.approx(m.left + 2 * m.char_pitch, abs=0.6), text
    # a full body line still holds 28 characters between the margins
    full = [chars for _b, chars in found.values() if len(chars) == m.chars]
    assert full and all(c[0]["x0"] == pytest.approx(m.left, abs=0.6) for c in full)
    assert all(c[-1]["x1"] == pytest.approx(m.right, abs=0.6) for c in full)
    # 一、 in 黑体, （一） in 楷体, as before
    assert "NotoSans" in found["一、关于总体要求"][1][0]["fontname"]
    assert "Kaiti" in found["（一）提高政治站位"][1][0]["fontname"]


def pdf_outline(path: Path) -> list[tuple[int, str]]:
    out = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title))
    walk(PdfReader(path).outline, 1)
    return out


def test_the_pdf_outline_nests_all_four_levels(four, tmp_path):
    assert pdf_outline(four / "four.pdf") == NESTED
    # the default contents list levels 1-2, the outline all four
    default = build_four(tmp_path)
    assert pdf_outline(default / "four.pdf") == NESTED
    with pdfplumber.open(default / "four.pdf") as pdf:
        toc_page = pdf.pages[0].extract_text()
    with pdfplumber.open(four / "four.pdf") as pdf:
        deep_toc_page = pdf.pages[0].extract_text()
    assert "深化理论学习" not in toc_page and "提高政治站位" in toc_page
    assert all(text[2:] in deep_toc_page for text in LEVEL_3 + LEVEL_4)


def test_the_docx_has_heading_3_and_4_styles_with_their_outline_levels(four):
    document = docx.Document(four / "four.docx")
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [(f"Heading {level}", text) for level, text in NESTED]
    for level in (3, 4):
        style = document.styles[f"Heading {level}"]
        outline = style.element.pPr.find(f"{W}outlineLvl")
        assert outline.get(f"{W}val") == str(level - 1)
        assert style.next_paragraph_style.name == "Body Text"


def test_a_docx_without_deeper_headings_has_no_heading_3_style(tmp_path):
    out = tmp_path / "out"
    build_into(out, formats=("docx",), files=[ROOT / "content" / "2022-kaiban.md"])
    names = {s.name for s in docx.Document(out / "2022-kaiban.docx").styles}
    assert "Heading 2" in names and "Heading 3" not in names and "toc 4" not in names


def rows_x_mm(pdf_path: Path, texts: list[str]) -> dict[str, float]:
    """x of each contents row's first character on page 1, in mm."""
    with pdfplumber.open(pdf_path) as pdf:
        lines: dict[float, list] = {}
        for ch in pdf.pages[0].chars:
            lines.setdefault(round(ch["top"]), []).append(ch)
    found = {}
    for chars in lines.values():
        chars.sort(key=lambda c: c["x0"])
        text = "".join(c["text"] for c in chars)
        for wanted in texts:
            if text.startswith(wanted):
                found[wanted] = chars[0]["x0"] * 25.4 / 72
    assert set(found) == set(texts), found
    return found


def test_level_4_contents_rows_have_their_own_indent(four, tmp_path):
    """Level 4 two characters further in than level 3 (theme role toc-4), in the PDF, the
    DOCX (style toc 4), LibreOffice's rendering of it and the OFD."""
    m = page_metrics(load_theme(ROOT / "templates" / "theme.yaml"))
    cell_mm = m.char_pitch * 25.4 / 72
    left_mm = m.left * 25.4 / 72
    pdf = rows_x_mm(four / "four.pdf", LEVEL_3 + LEVEL_4)
    for text in LEVEL_3:
        assert pdf[text] == pytest.approx(left_mm + 4 * cell_mm, abs=0.2), text
    for text in LEVEL_4:
        assert pdf[text] == pytest.approx(left_mm + 6 * cell_mm, abs=0.2), text
    document = docx.Document(four / "four.docx")
    rows = {p.text.split("\t")[0]: p.style.name for p in document.paragraphs
            if p.style.name.startswith("toc ")}
    assert [rows[text] for text in LEVEL_3 + LEVEL_4] == ["toc 3"] * 2 + ["toc 4"] * 2
    indent = {n: document.styles[f"toc {n}"].paragraph_format.left_indent.mm for n in (3, 4)}
    assert indent[4] - indent[3] == pytest.approx(2 * cell_mm, abs=0.1)
    toc_4 = document.styles["toc 4"].element
    assert toc_4.pPr.find(f"{W}outlineLvl") is None and toc_4.get(f"{W}customStyle") is None
    assert audit_errors(four / "four.docx") == []
    lo = rows_x_mm(libreoffice_pdfs([four / "four.docx"], tmp_path / "lo") / "four.pdf",
                   LEVEL_3 + LEVEL_4)
    for three, four_ in zip(LEVEL_3, LEVEL_4):
        assert lo[four_] - lo[three] == pytest.approx(2 * cell_mm, abs=0.5)
        assert lo[four_] == pytest.approx(pdf[four_], abs=1.0)
    page = parts(four / "four.ofd")["Doc_0/Pages/Page_0/Content.xml"]
    boxes = {code.text: float(code.getparent().get("Boundary").split()[0])
             for code in etree.fromstring(page).iter(f"{{{NS['ofd']}}}TextCode")}
    for three, four_ in zip(LEVEL_3, LEVEL_4):
        assert boxes[four_] - boxes[three] == pytest.approx(pdf[four_] - pdf[three], abs=0.05)


def test_libreoffice_lists_levels_3_and_4_when_it_updates_a_depth_4_contents(four, tmp_path):
    result = lo_uno("toc", str(four / "four.docx"), profile=tmp_path / "profile")
    [after] = result[str(four / "four.docx")]["after"]
    for _level, text in NESTED:
        assert text in after, text
    [before] = result[str(four / "four.docx")]["before"]
    assert before.replace("\n", "") == after.replace("\n", "")


def test_the_ofd_validates_and_its_outline_nests(four):
    package = parts(four / "four.ofd")
    for name, data in package.items():
        if name.endswith(".xml"):
            schema = etree.XMLSchema(etree.parse(str(SCHEMAS / schema_for(name))))
            assert schema.validate(etree.fromstring(data)), name
    document = etree.fromstring(package["Doc_0/Document.xml"])
    element = f"{{{NS['ofd']}}}OutlineElem"
    found = [(len([a for a in e.iterancestors(element)]) + 1, e.get("Title")) for e in document.iter(element)]
    assert found == NESTED


def test_the_docx_comes_back_as_the_same_content_file(four, tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    ingest_docx(four / "four.docx", content)
    assert (content / "four.md").read_bytes() == GOLDEN.read_bytes()
