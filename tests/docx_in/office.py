"""Small Word files as an office's programs write them (python-docx and lxml), and LibreOffice
to turn them into .doc, .wps and PDF: the inputs of the tests of files an office receives."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Word's 公文 outline: 一、 （一） 1. （1）, then ① and 甲 (as Word and WPS save it)
LEVELS = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."),
          ("decimal", "（%4）"), ("decimalEnclosedCircle", "%5"), ("ideographTraditional", "%6、"))
BULLET_LIST = 2
OUTLINE_LIST = 1


def numbering_xml(heading_styles: dict[int, str] | None = None) -> str:
    """An abstract outline of six levels (each tied to a heading style when given) and a bullet
    list whose symbol is a Symbol-font private-use character, as Word writes it."""
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        + (f'<w:pStyle w:val="{heading_styles[i]}"/>' if heading_styles and i in heading_styles else "")
        + f'<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text) in enumerate(LEVELS))
    bullet = ('<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
              '<w:lvlText w:val="\uf0b7"/><w:lvlJc w:val="left"/>'
              '<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl>')
    return (f'<w:numbering xmlns:w="{W_NS}">'
            f'<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
            f'<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>{bullet}</w:abstractNum>'
            f'<w:num w:numId="{OUTLINE_LIST}"><w:abstractNumId w:val="0"/></w:num>'
            f'<w:num w:numId="{BULLET_LIST}"><w:abstractNumId w:val="1"/></w:num></w:numbering>')


def use_numbering(document, xml: str) -> None:
    document.part.numbering_part._element = parse_xml(xml)


def number(paragraph, num_id: int, level: int) -> None:
    """Give a paragraph automatic numbering (w:numPr), as Word does."""
    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/>'
                       f'<w:numId w:val="{num_id}"/></w:numPr>')
    p_pr.insert(1 if p_pr.find(qn("w:pStyle")) is not None else 0, num_pr)


def link_style_to_list(document, style_name: str, level: int) -> None:
    """A heading style that numbers its paragraphs (Word's 'Link level to style')."""
    p_pr = document.styles[style_name].element.get_or_add_pPr()
    p_pr.append(parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/>'
                          f'<w:numId w:val="{OUTLINE_LIST}"/></w:numPr>'))


def line(document, text: str = "", size: float | None = None, align: str | None = None, bold=False,
         style: str | None = None):
    paragraph = document.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(text)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
    if align:
        paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    return paragraph


def field(paragraph, instruction: str) -> None:
    """A simple field (PAGE) in a paragraph, as Word writes a page number in a footer."""
    paragraph._p.append(parse_xml(f'<w:fldSimple xmlns:w="{W_NS}" w:instr=" {instruction} ">'
                                  f'<w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def new_document():
    return docx.Document()


def soffice_or_skip() -> str:
    office = shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return office


def convert(source: Path, to: str, folder: Path) -> Path:
    """`soffice --headless --convert-to` with a profile of its own, as a clerk's LibreOffice would."""
    office = soffice_or_skip()
    folder.mkdir(parents=True, exist_ok=True)
    profile = (folder / "lo-profile").as_uri()
    subprocess.run([office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", to,
                    "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=300)
    out = folder / f"{source.stem}.{to.split(':')[0]}"
    assert out.is_file(), f"LibreOffice wrote no {out.name}"
    return out


def content_of(path: Path) -> tuple[dict, list[str]]:
    """A content file read back as plain text: its front matter lines (key: value) and its
    paragraphs (`#`/`##` kept, bold marks taken out)."""
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = {}
    for row in front.splitlines():
        key, _, value = row.partition(":")
        meta[key.strip()] = value.strip().strip("'\"")
    return meta, [p.strip().replace("**", "") for p in body.split("\n\n") if p.strip()]


def ingested(capsys, source: Path, content: Path) -> tuple[dict, list[str], str]:
    """`build.py ingest source` (it must succeed): the one content file it wrote, read back as
    content_of does, and its report."""
    from tests.docx_in.helpers import ingest
    status, _, err = ingest(capsys, source, "--content", content)
    assert status == 0, err
    [written] = content.glob("*.md")
    meta, paragraphs = content_of(written)
    return meta, paragraphs, (content / "_reports" / f"{source.stem}.md").read_text(encoding="utf-8")
