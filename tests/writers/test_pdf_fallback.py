"""No box anywhere: every text role, the running header and the page numbers included, draws
a character its font lacks in a fallback font. Checked on the PDF: each drawn character's
embedded font (pdfplumber) must have it in its cmap (fontTools on the font files)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import yaml
from fontTools.ttLib import TTFont

from handout.build import build_all
from handout.settings import load_settings
from tests.conftest import ROOT, build_into
from tests.pdfcheck import visual_lines

RARE = "Ⅱ①℃※"          # not in the shipped 仿宋 (Zhuque Fangsong)


def font_cmaps() -> dict[str, set[int]]:
    """PostScript name -> the code points of every font file that ships."""
    cmaps = {}
    for path in (ROOT / "fonts").glob("*.ttf"):
        font = TTFont(path, lazy=True)
        cmaps[font["name"].getDebugName(6)] = set(font.getBestCmap())
    return cmaps


def project_drawing_every_role(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """A theme whose every role is set in 仿宋, and a template drawing every role."""
    theme = yaml.safe_load((ROOT / "templates" / "theme.yaml").read_text(encoding="utf-8"))
    for spec in theme["roles"].values():
        spec["font"] = "fangsong"
    roles = [r for r in theme["roles"] if r not in ("title", "header", "footer", "toc-title")]
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "theme.yaml").write_text(yaml.safe_dump(theme, allow_unicode=True), encoding="utf-8")
    paras = "\n".join(f'<para role="{r}" src="5">{r}：{{{{ meta.title }}}}</para>' for r in roles)
    (templates / "handout.xml.j2").write_text(f"""<document>
  <section header="none"><title>{{{{ meta.title }}}}</title><toc title="目录{RARE}" depth="3"/></section>
  <section header="{{{{ meta.title }}}}">
    <heading level="1" toc="1" src="5">一级{RARE}</heading>
    <heading level="2" toc="2" src="5">二级{RARE}</heading>
    <heading level="2" toc="3" src="5">三级{RARE}</heading>
    {paras}
    <pagebreak/><para>第二页</para>
  </section>
</document>""", encoding="utf-8")
    content = tmp_path / "content"
    content.mkdir()
    (content / "s.md").write_text(f"---\ntitle: 标题{RARE}\n---\n\n正文\n", encoding="utf-8")
    return content, templates, roles


def test_every_role_falls_back_and_no_glyph_is_missing(tmp_path):
    content, templates, roles = project_drawing_every_role(tmp_path)
    build_into(tmp_path / "out", content=content, templates=templates)
    lines = visual_lines(tmp_path / "out" / "s.pdf")
    texts = [line.text for line in lines]
    for role in roles + ["目录", "一级", "二级", "三级"]:
        assert any(t.startswith(role) and t.endswith(RARE) for t in texts), role
    headers = [line for line in lines if line.page > 1 and line.size == 10.5]
    assert len(headers) == 2 and all(h.text == f"标题{RARE}" for h in headers)

    cmaps = font_cmaps()
    drawn = 0
    with pdfplumber.open(tmp_path / "out" / "s.pdf") as pdf:
        for page in pdf.pages:
            for ch in page.chars:
                font = ch["fontname"].split("+")[-1]
                assert ord(ch["text"]) in cmaps[font], (page.page_number, ch["text"], font)
                drawn += ch["text"] in RARE
    assert drawn >= 4 * (len(roles) + 4 + 3 + 2)    # body roles, TOC, headings, headers


def test_a_header_character_no_font_has_is_refused_naming_the_file(tmp_path):
    content, templates, _ = project_drawing_every_role(tmp_path)
    handout = templates / "handout.xml.j2"
    handout.write_text(handout.read_text(encoding="utf-8").replace(
        'header="{{ meta.title }}"', 'header="{{ meta.title }}\U00016a40"'), encoding="utf-8")
    settings = load_settings(ROOT, {"output": tmp_path / "out", "formats": ("pdf",), "quiet": True,
                                    "content": content, "templates": templates})
    errors = [r.error for r in build_all(settings, None, echo=lambda message: None)]
    assert errors == [f"{content / 's.md'}: error: character '\U00016a40' (U+16A40) is in none of the fonts"]
    assert not (tmp_path / "out" / "s.pdf").exists()
