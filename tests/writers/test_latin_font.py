"""House style: digits and Latin letters in Times New Roman (theme.yaml `latin: times`; the
shipped face is a subset of Liberation Serif, with its metrics). The PDF differs from the
default only in those characters' font, the grid holds, the DOCX names Times New Roman in
w:ascii/w:hAnsi and LibreOffice lays it out in the Latin face, the OFD validates; the
default is unchanged."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn
from lxml import etree

from handout.errors import UserError
from handout.metrics import PT_PER_MM, page_metrics
from handout.theme import load_theme
from tests.conftest import ROOT, build_into
from tests.writers.docxcheck import audit_errors
from tests.writers.test_docx_libreoffice import libreoffice_pdfs
from tests.writers.test_ofd import SCHEMAS, parts, schema_for

GOLDEN = Path(__file__).parent / "golden" / "latin.md"
SHIPPED_THEME = ROOT / "templates" / "theme.yaml"
LATIN = "HandoutLatinSerif-Regular"      # the PostScript name of the shipped Latin face


def project(tmp_path: Path, latin: str | None) -> dict:
    """A project with the Latin speech and the shipped theme, `latin:` set as given."""
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(GOLDEN, content / "latin.md")
    templates = tmp_path / "templates"
    templates.mkdir()
    theme, found = re.subn(r"^latin: null$", f"latin: {latin or 'null'}",
                           SHIPPED_THEME.read_text(encoding="utf-8"), flags=re.M)
    assert found == 1
    (templates / "theme.yaml").write_text(theme, encoding="utf-8")
    return {"content": content, "templates": templates}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(with the Latin face, default): the speech as PDF, DOCX and OFD."""
    outs = []
    for latin in ("times", None):
        tmp = tmp_path_factory.mktemp(latin or "default")
        build_into(tmp / "out", formats=("pdf", "docx", "ofd"), **project(tmp, latin))
        outs.append(tmp / "out")
    return tuple(outs)


def chars_of(pdf_path: Path) -> list[dict]:
    with pdfplumber.open(pdf_path) as pdf:
        return [dict(c, page=n, page_height=page.height)
                for n, page in enumerate(pdf.pages) for c in page.chars]


def face(char: dict) -> str:
    return char["fontname"].split("+")[-1]          # without the subset tag


def in_margin(char: dict) -> bool:
    """Running header or page number (they keep their own faces)."""
    return char["top"] < 37 * PT_PER_MM - 1 or char["top"] > char["page_height"] - 35 * PT_PER_MM


def test_the_pdf_differs_only_in_the_digits_and_latin_letters_font(built):
    latin, plain = (chars_of(out / "latin.pdf") for out in built)
    assert "".join(c["text"] for c in latin) == "".join(c["text"] for c in plain)
    ascii_chars = 0
    for new, old in zip(latin, plain):
        if new["text"].isascii() and not new["text"].isspace() and not in_margin(new):
            assert face(new) == LATIN, new["text"]
            assert LATIN not in face(old)
            ascii_chars += 1
        else:                   # every Chinese character, and the page numbers' digits
            assert face(new) == face(old), new["text"]
    assert ascii_chars > 150                    # 2022, GDP, 5.2%, www.example.gov.cn, …
    # the title's digits too, and the page number keeps GB/T 9704's 宋体 digits
    assert any(c["text"] == "2" and c["size"] > 20 and face(c) == LATIN for c in latin)
    assert {face(c) for c in latin if in_margin(c) and c["text"].isdigit()} \
        == {face(c) for c in plain if in_margin(c) and c["text"].isdigit()}


def test_the_grid_holds_with_the_latin_face(built):
    m = page_metrics(load_theme(SHIPPED_THEME))
    rows = [m.baseline(n, 16) for n in range(m.lines)]
    lines: dict[tuple[int, float], list] = {}
    for c in chars_of(built[0] / "latin.pdf"):
        if not in_margin(c) and c["size"] == 16:
            lines.setdefault((c["page"], round(c["matrix"][5], 2)), []).append(c)
    ordered = sorted(lines.items(), key=lambda item: (item[0][0], -item[0][1]))
    with_latin = 0
    for i, ((page, baseline), chars) in enumerate(ordered):
        chars.sort(key=lambda c: c["x0"])
        assert any(abs(baseline - row) < 0.05 for row in rows), (page, baseline)   # 22 rows
        assert chars[0]["x0"] >= m.left - 0.6 and chars[-1]["x1"] <= m.right + m.char_pitch + 0.6
        text = "".join(c["text"] for c in chars)
        if text.isascii() or not any(c["text"].isascii() for c in chars):
            if len(chars) == m.chars:                             # a full Chinese line: 28
                assert chars[-1]["x1"] == pytest.approx(m.right, abs=0.6), text
            continue
        following = ordered[i + 1][1] if i + 1 < len(ordered) else None
        continued = following and ordered[i + 1][0][0] == page and \
            min(c["x0"] for c in following) == pytest.approx(m.left, abs=0.6)
        if continued:
            # a line the paragraph goes on from is justified to the right margin (or a
            # closing mark hangs past it)
            end = chars[-1]["x1"] if chars[-1]["text"] not in "。，、；：！？" else chars[-2]["x1"]
            assert end == pytest.approx(m.right, abs=0.6), text
            with_latin += 1
    assert with_latin >= 3


def test_the_docx_names_times_new_roman_for_ascii_and_hansi(built):
    latin, plain = (docx.Document(str(out / "latin.docx")) for out in built)

    def fonts(document, style: str) -> dict:
        r_fonts = document.styles[style].element.rPr.find(qn("w:rFonts"))
        return {k: r_fonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia", "hint")}
    for style, chinese in (("Body Text", "仿宋_GB2312"), ("Heading 1", "黑体"),
                           ("Heading 2", "楷体_GB2312"), ("Title", "方正小标宋简体"),
                           ("toc 1", "黑体")):
        assert fonts(latin, style) == {"ascii": "Times New Roman", "hAnsi": "Times New Roman",
                                       "eastAsia": chinese, "hint": "eastAsia"}, style
        assert fonts(plain, style) == {"ascii": chinese, "hAnsi": chinese, "eastAsia": chinese,
                                       "hint": "eastAsia"}, style
    assert fonts(latin, "Footer")["ascii"] == fonts(plain, "Footer")["ascii"] == "宋体"
    assert latin.styles["Body Text"].font.name == "Times New Roman"        # python-docx's reading
    assert audit_errors(built[0] / "latin.docx") == []
    names = [f.get(qn("w:name")) for f in etree.fromstring(
        latin.part.part_related_by(docx.opc.constants.RELATIONSHIP_TYPE.FONT_TABLE).blob)]
    assert "Times New Roman" in names
    plain_table = plain.part.part_related_by(docx.opc.constants.RELATIONSHIP_TYPE.FONT_TABLE).blob
    assert b"Times New Roman" not in plain_table


def test_libreoffice_sets_the_docx_latin_letters_in_the_latin_face(built, tmp_path):
    lo = libreoffice_pdfs([built[0] / "latin.docx"], tmp_path / "lo") / "latin.pdf"
    listed = subprocess.run(["pdffonts", str(lo)], capture_output=True, text=True, check=True).stdout
    # ours, or the real Times New Roman, or an installed Liberation Serif (LibreOffice's own
    # substitute for it, the face ours is cut from)
    assert re.search(r"\+(HandoutLatinSerif|TimesNewRoman|LiberationSerif)", listed), listed
    chars = [c for c in chars_of(lo) if not in_margin(c) and not c["text"].isspace()]
    latin = {face(c) for c in chars if c["text"].isascii() and c["text"].isalnum()}
    chinese = {face(c) for c in chars if not c["text"].isascii()}
    assert latin and all(re.match(r"(HandoutLatinSerif|TimesNewRoman|LiberationSerif)", f)
                         for f in latin), latin
    assert not any("Latin" in f or "Times" in f for f in chinese), chinese


def test_the_ofd_validates_and_embeds_the_latin_face(built):
    package = parts(built[0] / "latin.ofd")
    for name, data in package.items():
        if name.endswith(".xml"):
            schema = etree.XMLSchema(etree.parse(str(SCHEMAS / schema_for(name))))
            assert schema.validate(etree.fromstring(data)), name
    res = package["Doc_0/PublicRes.xml"].decode()
    assert 'FamilyName="Handout Latin Serif"' in res
    assert "Latin" not in parts(built[1] / "latin.ofd")["Doc_0/PublicRes.xml"].decode()


def test_the_default_theme_does_not_look_for_the_latin_face():
    theme = load_theme(SHIPPED_THEME)
    assert theme.latin is None
    assert "times" in theme.fonts and "times" not in theme.font_roles_used()


def test_a_latin_naming_no_font_role_is_refused_with_its_line(tmp_path):
    theme = project(tmp_path, "arial")["templates"] / "theme.yaml"
    with pytest.raises(UserError, match=re.escape("`latin` must be null or a font role under `fonts`")) as info:
        load_theme(theme)
    lines = theme.read_text(encoding="utf-8").splitlines()
    assert info.value.line == lines.index("latin: arial") + 1
