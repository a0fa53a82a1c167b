"""House style: the page number's form and position (theme.yaml `page.page_number`,
`page.page_number_position`), in the PDF, the OFD and LibreOffice's rendering of the DOCX; the
default stays GB/T 9704's "— n —" on the outer sides, and nothing else moves."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pdfplumber
import pytest

from handout.errors import UserError
from handout.metrics import PT_PER_MM
from handout.theme import load_theme
from tests.conftest import ROOT, build_into
from tests.writers.test_docx_libreoffice import libreoffice_pdfs

GOLDEN = Path(__file__).parent / "golden" / "four-levels.md"
CENTRE_MM = 28 + 156 / 2


def project(tmp_path: Path, page: dict) -> dict:
    """A project folder with the four-level speech and the shipped theme, but for `page`'s
    keys (under `page:`) set to the values given."""
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(GOLDEN, content / "four.md")
    templates = tmp_path / "templates"
    templates.mkdir()
    theme = (ROOT / "templates" / "theme.yaml").read_text(encoding="utf-8")
    for key, value in page.items():
        theme, found = re.subn(rf"^  {key}: .*$", f"  {key}: {value}", theme, count=1, flags=re.M)
        assert found, key
    (templates / "theme.yaml").write_text(theme, encoding="utf-8")
    return {"content": content, "templates": templates}


def footers(pdf_path: Path) -> list[tuple[str, float]]:
    """Each page's text below the type area and its centre in mm."""
    out = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            chars = [c for c in page.chars if c["top"] > page.height - 35 * PT_PER_MM]
            chars.sort(key=lambda c: c["x0"])
            text = "".join(c["text"] for c in chars).strip()
            centre = (chars[0]["x0"] + chars[-1]["x1"]) / 2 / PT_PER_MM if chars else 0
            out.append((text, centre))
    return out


def body_chars(pdf_path: Path) -> list:
    with pdfplumber.open(pdf_path) as pdf:
        # the font without its subset tag (the footer's new glyphs may join a subset)
        return [[(c["text"], round(c["x0"], 2), round(c["top"], 2), c["fontname"].split("+")[-1])
                 for c in page.chars
                 if c["top"] <= page.height - 35 * PT_PER_MM] for page in pdf.pages]


@pytest.fixture(scope="module")
def styled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("styled")
    build_into(tmp / "out", formats=("pdf", "docx", "ofd"),
               **project(tmp, {"page_number": '"第{n}页"', "page_number_position": "centre"}))
    plain = tmp_path_factory.mktemp("plain")
    build_into(plain / "out", formats=("pdf",), **project(plain, {}))
    return tmp / "out", plain / "out"


def test_the_form_and_the_centre_are_in_the_pdf_and_nothing_else_moves(styled):
    out, plain = styled
    assert footers(out / "four.pdf") == [(f"第{n}页", pytest.approx(CENTRE_MM, abs=0.3)) for n in (1, 2)]
    default = footers(plain / "four.pdf")
    assert [text for text, _ in default] == ["— 1 —", "— 2 —"]
    assert default[0][1] > CENTRE_MM + 40 and default[1][1] < CENTRE_MM - 40      # outer sides
    assert body_chars(out / "four.pdf") == body_chars(plain / "four.pdf")


def test_libreoffice_shows_the_same_form_centred_from_the_docx(styled, tmp_path):
    out, _ = styled
    lo = libreoffice_pdfs([out / "four.docx"], tmp_path / "lo") / "four.pdf"
    assert footers(lo) == [(f"第{n}页", pytest.approx(CENTRE_MM, abs=1.5)) for n in (1, 2)]


def test_the_ofd_draws_the_same_form(styled):
    import zipfile
    out, _ = styled
    with zipfile.ZipFile(out / "four.ofd") as ofd:
        pages = sorted(n for n in ofd.namelist() if re.search(r"Pages/Page_\d+/Content.xml$", n))
        texts = ["".join(re.findall(r"<ofd:TextCode[^>]*>([^<]*)<", ofd.read(n).decode())) for n in pages]
    assert all(f"第{n}页" in text for n, text in enumerate(texts, 1))


@pytest.mark.parametrize("key, value, words", [
    ("page_number", '"第页"', "`page.page_number` must be text holding {n} once"),
    ("page_number_position", "left", "`page.page_number_position` must be one of sides, centre"),
])
def test_a_wrong_value_is_refused_naming_the_key(tmp_path, key, value, words):
    theme = project(tmp_path, {key: value})["templates"] / "theme.yaml"
    with pytest.raises(UserError, match=re.escape(words)) as info:
        load_theme(theme)
    lines = theme.read_text(encoding="utf-8").splitlines()
    assert info.value.line == next(n for n, line in enumerate(lines, 1) if line.startswith(f"  {key}:"))
