"""A project overrides one file at a time: its own theme.yaml, template, macros,
reference.docx or font, and the shipped ones for the rest. Built with build.py in a project
folder of its own; facts read back with pdfplumber and python-docx."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pdfplumber
from fontTools.ttLib import TTFont

from handout.build import build_all
from handout.searchpath import find, files_in, search_path
from handout.settings import load_settings
from tests.conftest import ROOT

SHIPPED = ROOT / "templates"
SPEECH = "---\ntitle: 在会议上的讲话\nspeaker: 市委书记\n---\n\n同志们：\n\n# 一、抓学习\n\n今天开会。\n"


def project(tmp_path: Path) -> Path:
    """A project folder with one speech (a heading: a contents page) and a booklet."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "s1.md").write_text(SPEECH, encoding="utf-8")
    (content / "_collection.yaml").write_text("title: 汇编\nslug: book\n", encoding="utf-8")
    return tmp_path


def own(root: Path, folder: str, name: str, text: str | bytes) -> Path:
    """A file of the project's own templates/ or fonts/ folder."""
    path = root / folder / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def shipped_with(name: str, old: str, new: str) -> str:
    text = (SHIPPED / name).read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new)


def build(root: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--jobs", "1", *args],
                            cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result


def chars(pdf: Path, page: int = 0) -> list[dict]:
    with pdfplumber.open(pdf) as doc:
        return list(doc.pages[page].chars)


def text(pdf: Path) -> str:
    with pdfplumber.open(pdf) as doc:
        return "".join(page.extract_text() or "" for page in doc.pages)


def sizes_of(pdf: Path, wanted: str) -> set[float]:
    return {round(c["size"], 1) for c in chars(pdf) if c["text"] in wanted}


def fonts_of(pdf: Path, wanted: str, page: int = 0) -> set[str]:
    """The PostScript names (subset prefix off) of the fonts drawing `wanted`'s characters."""
    return {c["fontname"].split("+")[-1] for c in chars(pdf, page) if c["text"] in wanted}


def postscript_name(font: Path) -> str:
    return TTFont(font, lazy=True)["name"].getDebugName(6)


# -- the search path itself ----------------------------------------------------------------
def test_a_file_is_found_in_the_first_folder_that_holds_it(tmp_path):
    mine, shipped = tmp_path / "mine", tmp_path / "shipped"
    for folder, names in ((mine, ["a.j2", "sub/c.j2"]), (shipped, ["a.j2", "b.j2", "sub/c.j2", "d.txt"])):
        for name in names:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(name)
    dirs = search_path(mine, shipped)
    assert (find(dirs, "a.j2"), find(dirs, "b.j2"), find(dirs, "x.j2")) == (mine / "a.j2", shipped / "b.j2", None)
    assert files_in(dirs, "**/*.j2") == [mine / "a.j2", shipped / "b.j2", mine / "sub" / "c.j2"]
    assert files_in((tmp_path / "absent", shipped), "*.txt") == [shipped / "d.txt"]
    assert search_path(shipped, shipped) == (shipped,)


# -- one file overridden, the rest shipped --------------------------------------------------
def test_a_project_theme_alone_changes_a_size_and_keeps_the_shipped_templates(tmp_path):
    root = project(tmp_path)
    own(root, "templates", "theme.yaml",
        shipped_with("theme.yaml", "title:      {font: xiaobiaosong, size: 22", "title:      {font: xiaobiaosong, size: 26"))
    build(root)
    pdf = root / "output" / "s1.pdf"
    assert sizes_of(pdf, "在会议上的讲话") == {26.0}           # the project's theme
    assert sizes_of(pdf, "市委书记") == {16.0}                 # … the rest of it as shipped
    assert "目 录\n一、抓学习" in text(pdf)                     # the shipped template's contents
    styles = {s.name for s in docx.Document(root / "output" / "s1.docx").styles}
    assert {s.name for s in docx.Document(SHIPPED / "reference.docx").styles} <= styles
    assert docx.Document(root / "output" / "s1.docx").styles["Title"].font.size.pt == 26


def test_a_changed_macro_changes_the_speech_and_the_booklet(tmp_path):
    root = project(tmp_path)
    own(root, "templates", "_macros.xml.j2",
        shipped_with("_macros.xml.j2", ">{{ meta.title }}</title>", ">【{{ meta.title }}】</title>"))
    build(root, "--only", "pdf")
    assert "【在会议上的讲话】" in text(root / "output" / "s1.pdf")
    assert "【在会议上的讲话】" in text(root / "output" / "book.pdf")
    assert sizes_of(root / "output" / "s1.pdf", "会议讲话") == {22.0}   # the shipped theme


def test_one_project_font_takes_over_its_role_and_the_others_stay_shipped(tmp_path):
    root = project(tmp_path)
    build(root, "--only", "pdf", "--output", "shipped")
    # the shipped 黑体 (Noto Sans) under the first 仿宋 name: the body is now set in it
    heiti = ROOT / "fonts" / "NotoSansSC-Medium-GB.ttf"
    own(root, "fonts", "仿宋_GB2312.ttf", heiti.read_bytes())
    build(root, "--only", "pdf")
    pdf, shipped = root / "output" / "s1.pdf", root / "shipped" / "s1.pdf"
    assert fonts_of(pdf, "今天开会", page=1) == {postscript_name(heiti)}
    assert fonts_of(shipped, "今天开会", page=1) == {postscript_name(ROOT / "fonts" / "ZhuqueFangsong-GB.ttf")}
    for role_text, page in (("在会议上的讲话", 0), ("市委书记", 0), ("一、抓学习", 1)):   # 小标宋, 楷体, 黑体
        assert fonts_of(pdf, role_text, page) == fonts_of(shipped, role_text, page)


def test_a_project_reference_docx_alone_styles_the_docx(tmp_path):
    root = project(tmp_path)
    reference = docx.Document(SHIPPED / "reference.docx")
    reference.styles.add_style("Project Note", 1)           # WD_STYLE_TYPE.PARAGRAPH
    (root / "templates").mkdir()
    reference.save(root / "templates" / "reference.docx")
    build(root, "--only", "docx")
    assert "Project Note" in {s.name for s in docx.Document(root / "output" / "s1.docx").styles}


# -- what counts as changed --------------------------------------------------------------------
def rebuilt(root: Path) -> list[str]:
    settings = load_settings(root, {"formats": ("pdf",), "jobs": 1, "quiet": True})
    results = build_all(settings, None, echo=lambda line: None)
    assert not [r.error for r in results if r.error]
    return sorted(path.name for r in results for path, _pages, _size in r.outputs)


def test_adding_editing_and_removing_an_override_rebuilds(tmp_path):
    root = project(tmp_path)
    assert rebuilt(root) == ["book.pdf", "s1.pdf"]
    assert rebuilt(root) == []
    macros = own(root, "templates", "_macros.xml.j2", (SHIPPED / "_macros.xml.j2").read_text(encoding="utf-8"))
    assert rebuilt(root) == []                                # the same bytes: nothing changes
    macros.write_text(shipped_with("_macros.xml.j2", "——", "—"), encoding="utf-8")
    assert rebuilt(root) == ["book.pdf", "s1.pdf"]
    theme = own(root, "templates", "theme.yaml", shipped_with("theme.yaml", "size: 22", "size: 24"))
    assert rebuilt(root) == ["book.pdf", "s1.pdf"]
    theme.write_text(shipped_with("theme.yaml", "size: 22", "size: 25"), encoding="utf-8")
    assert rebuilt(root) == ["book.pdf", "s1.pdf"]
    own(root, "fonts", "黑体.ttf", (ROOT / "fonts" / "NotoSansSC-Medium-GB.ttf").read_bytes())
    assert rebuilt(root) == ["book.pdf", "s1.pdf"]
    macros.unlink()
    assert rebuilt(root) == ["book.pdf", "s1.pdf"]
    assert rebuilt(root) == []
