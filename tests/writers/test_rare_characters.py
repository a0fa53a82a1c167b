"""Rare name characters (生僻字) print: a speech holding 䶮, 𠮷, 儽 and twenty more (URO and
Extensions A to F, none in the shipped GB 2312 fonts) builds; each is drawn from a face
installed on the machine that has it (fontconfig; CI installs fonts-hanazono and
fonts-babelstone-han), the warning names it with its line, and the PDF's embedded glyph is
that face's outline. LibreOffice shows them too (the faces it embeds have them). And the
coverage the fallback gives: all of U+4E00–U+9FFF and Extension A (GB 18030-2022's level 1
ideographs), and all of Extensions B–F (which hold the 通用规范汉字表's characters there)."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import pdfplumber
import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from handout.fonts import system_face
from tests.conftest import build_into
from tests.writers.test_docx_libreoffice import _body_lines, libreoffice_pdfs
from tests.writers.test_pdf_file import outline, to_unicode

# URO: 儽 龑 鿏; Ext A: 䶮 㙟 㐂 㛃 䲟; Ext B: 𠮷 𡒄 𪚥; C: 𪜀 𪝛; D: 𫝀 𫠝; E: 𫠠 𬀩 𬌗 𬇙
# 𬊈 𫖯 𬱖 𫘝 𬬻; F: 𬺰 𮯠
RARE = "䶮𠮷儽龑鿏㙟㐂㛃䲟𡒄𪚥𪜀𪝛𫝀𫠝𫠠𬀩𬌗𬇙𬊈𫖯𬱖𫘝𬬻𬺰𮯠"
LINES = ["今天表彰的先进个人中有刘䶮同志、吉𠮷祥同志和王儽同志。",
         "名单还有：李龑、张鿏、赵㙟、钱㐂、孙㛃、周䲟、吴𡒄、郑𪚥、冯𪜀、陈𪝛、褚𫝀、卫𫠝。",
         "以及：蒋𫠠、沈𬀩、韩𬌗、杨𬇙、朱𬊈、秦𫖯、尤𬱖、许𫘝、何𬬻、吕𬺰、施𮯠。"]


@pytest.fixture(scope="module")
def rare_build(tmp_path_factory):
    missing = [ch for ch in RARE if system_face(ch) is None]
    if missing:
        pytest.skip(f"no installed TrueType face has {''.join(missing)}: "
                    "apt-get install fonts-hanazono fonts-babelstone-han")
    root = tmp_path_factory.mktemp("rare")
    content = root / "content"
    content.mkdir()
    text = "---\ntitle: 表彰先进个人的讲话\n---\n\n同志们：\n\n" + "\n\n".join(LINES) + "\n"
    (content / "rare.md").write_text(text, encoding="utf-8")
    run = subprocess.run(["python", "build.py", "--force", "--content", str(content),
                          "--output", str(root / "out"), "--only", "pdf"],
                         capture_output=True, text=True, cwd=str(__import__("tests.conftest").conftest.ROOT))
    assert run.returncode == 0, run.stderr
    build_into(root / "docx", formats=("pdf", "docx"), content=content)
    return root, run.stderr


def test_every_rare_character_is_warned_with_its_line(rare_build):
    root, stderr = rare_build
    for ch in RARE:
        line = 7 + 2 * next(i for i, l in enumerate(LINES) if ch in l)
        assert re.search(rf"rare\.md:{line}: warning: '{ch}' \(U\+{ord(ch):04X}\) is not in the "
                         rf"fangsong font; set in system:", stderr), ch


def test_every_rare_character_is_drawn_with_the_outline_of_a_face_that_has_it(rare_build):
    root, _ = rare_build
    reader = PdfReader(root / "out" / "rare.pdf")
    drawn = {}
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        cid_font = font["/DescendantFonts"][0].get_object()
        subset = TTFont(io.BytesIO(cid_font["/FontDescriptor"]["/FontFile2"].get_data()))
        gid_map = cid_font["/CIDToGIDMap"].get_data()
        for cid, ch in to_unicode(font["/ToUnicode"].get_data()).items():
            if ch in RARE:
                glyph = subset.getGlyphOrder()[int.from_bytes(gid_map[2 * cid:2 * cid + 2], "big")]
                drawn[ch] = (str(font["/BaseFont"]).split("+", 1)[1], outline(subset, glyph))
    assert set(drawn) == set(RARE)
    for ch, (name, shape) in drawn.items():
        face = TTFont(system_face(ch))
        assert face["name"].getDebugName(6) == name, ch
        assert shape == outline(face, face.getBestCmap()[ord(ch)]), ch
        assert shape[0], ch                       # not an empty glyph


def test_libreoffice_shows_every_rare_character_in_a_face_that_has_it(rare_build):
    root, _ = rare_build
    lo = libreoffice_pdfs([root / "docx" / "rare.docx"], root / "lo") / "rare.pdf"
    with pdfplumber.open(lo) as pdf:
        chars = [c for page in pdf.pages for c in page.chars if c["text"] in RARE]
    assert {c["text"] for c in chars} == set(RARE)
    for c in chars:
        face = installed_face(c["fontname"].split("+")[-1])
        assert face is not None, c["fontname"]
        assert ord(c["text"]) in face.getBestCmap(), (c["text"], c["fontname"])
        # the faces the DOCX names (fonts/fonts.conf sends them to the free ones), not
        # whatever LibreOffice's own fallback picks (it took Noto Sans CJK JP, a 黑体)
        assert c["fontname"].split("+")[-1] in ("HanaMinA", "HanaMinB", "BabelStoneHan"), c
    # on the grid: the lines break as in our PDF
    assert _body_lines(lo) == _body_lines(root / "docx" / "rare.pdf")


def test_the_docx_names_simsun_extb_for_the_supplementary_plane(rare_build):
    """Word and WPS on Windows: SimSun-ExtB for Extensions B-F, 宋体 (SimSun) for the rest."""
    root, _ = rare_build
    with zipfile.ZipFile(root / "docx" / "rare.docx") as z:
        xml = z.read("word/document.xml").decode()
    runs = re.findall(r'<w:rFonts w:ascii="([^"]+)"[^>]*/></w:rPr><w:t>([^<]+)</w:t>', xml)
    faces = {ch: face for face, text in runs for ch in text}
    assert set(faces) == set(RARE)
    assert all(faces[ch] == ("SimSun-ExtB" if ord(ch) >= 0x20000 else "宋体") for ch in RARE), faces


def installed_face(postscript_name: str) -> TTFont | None:
    """The installed face LibreOffice embedded under this name (it may add a suffix to the
    face's PostScript name: NotoSansCJKjp-Regular-VKana), found through fontconfig."""
    parts = postscript_name.split("-")
    for n in range(len(parts), 0, -1):
        found = subprocess.run(["fc-list", "-f", "%{file}|%{index}\\n",
                                f":postscriptname={'-'.join(parts[:n])}"],
                               capture_output=True, text=True).stdout.split()
        if found:
            path, index = found[0].split("|")
            return TTFont(path, fontNumber=int(index), lazy=True)
    return None


@pytest.mark.parametrize("name, first, last", [
    ("URO", 0x4E00, 0x9FFF), ("Ext A", 0x3400, 0x4DBF), ("Ext B", 0x20000, 0x2A6DF),
    ("Ext C", 0x2A700, 0x2B739), ("Ext D", 0x2B740, 0x2B81D), ("Ext E", 0x2B820, 0x2CEA1),
    ("Ext F", 0x2CEB0, 0x2EBE0)])
def test_the_fallback_covers_every_ideograph_of_the_block(rare_build, name, first, last):
    """Every assigned ideograph of the block (Unicode 15) in the shipped fonts or an installed
    TrueType face, checked against the faces' cmaps (fc-list names them, fontTools reads them)."""
    listed = subprocess.run(["fc-list", ":fontformat=TrueType", "file"],
                            capture_output=True, text=True).stdout
    covered: set[int] = set()
    for path in {l.split(":")[0].strip() for l in listed.splitlines()}:
        if path.endswith(".ttf"):
            covered |= set(TTFont(path, lazy=True).getBestCmap())
    missing = [hex(u) for u in range(first, last + 1) if u not in covered]
    assert not missing, (name, len(missing), missing[:10])
