"""Ingest refuses what the build would refuse and warns what it would warn: a character that
no face on the machine has (U+16A40, a Mro letter) in a page, a typed Word file or an edited
handout is one line `path: error: …` naming the paragraph and the character, exit 2, nothing
written; a rare name character that only a face installed on the machine has (䶮) is warned,
and the build of the content file written then gives that same warning, line and all."""

from __future__ import annotations

import docx
import pytest

from handout.fonts import system_face
from handout.build import build_all
from handout.settings import load_settings
from tests.conftest import ROOT
from tests.docx_in.helpers import body_paragraphs, build_docx, content_copy, ingest, replace_in
from tests.docx_in.test_typed_word_file import typed

NO_FONT = "\U00016A40"         # in no font on a Debian machine with the test's fonts
RARE = "䶮"                     # not in the shipped fonts; in BabelStone Han and Hanazono
PARAGRAPH = "安全生产事关人民群众生命财产安全，事关改革发展稳定大局。"

needs_rare_face = pytest.mark.skipif(system_face(RARE) is None,
                                     reason="no face on this machine has 䶮 (fonts-babelstone-han)")


def typed_with(path, old: str, new: str, paragraph_text: str = PARAGRAPH) -> None:
    typed(path)
    document = docx.Document(str(path))
    [paragraph] = [p for p in document.paragraphs if p.text == paragraph_text]
    replace_in(paragraph, old, new)
    document.save(str(path))


def raw_page(path, old: str, new: str) -> None:
    path.write_text("在全市安全生产工作会议上的讲话\n\n同志们：\n\n今天召开全市安全生产工作会议。\n\n"
                    + PARAGRAPH.replace(old, new) + "\n\n谢谢大家！\n", encoding="utf-8")


def files_of(folder) -> dict:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} if folder.exists() else {}


def assert_refused(capsys, path, content) -> None:
    before = files_of(content)
    status, _, stderr = ingest(capsys, path, "--content", content)
    assert status == 2
    [line] = stderr.strip().splitlines()
    assert line.startswith(f"{path}: error: character '{NO_FONT}' (U+16A40 "), line
    assert "is in none of the fonts" in line and "“安全生产事关人民群众生命…”" in line, line
    assert "Traceback" not in stderr
    assert files_of(content) == before


@pytest.mark.parametrize("make", [typed_with, raw_page], ids=["typed Word file", "raw page"])
def test_a_character_no_face_has_is_refused_at_ingest(tmp_path, capsys, make):
    path = tmp_path / ("s.docx" if make is typed_with else "s.txt")
    make(path, "改革", "改" + NO_FONT)
    assert_refused(capsys, path, tmp_path / "content")


def edited_handout(tmp_path, inserted: str):
    """The committed speeches built to DOCX, `inserted` typed into a paragraph of one in Word:
    (content folder, the DOCX, the paragraph's text as it was)."""
    content = content_copy(tmp_path)
    path = build_docx(content, tmp_path / "out") / "2022-kaiban.docx"
    document = docx.Document(str(path))
    paragraph = body_paragraphs(document)[3]
    was = paragraph.text
    replace_in(paragraph, was[:2], was[:2] + inserted)
    document.save(str(path))
    return content, path, was


def test_an_edited_handout_with_a_character_no_face_has_is_refused(tmp_path, capsys):
    content, path, paragraph = edited_handout(tmp_path, NO_FONT)
    before = files_of(content)
    status, _, stderr = ingest(capsys, path, "--content", content)
    assert status == 2
    [line] = stderr.strip().splitlines()
    assert line.startswith(f"{path}: error: character '{NO_FONT}'") and "“" + paragraph[:2] + NO_FONT + paragraph[2:8] in line, line
    assert files_of(content) == before


def heading_with(path, old: str, new: str) -> None:
    """The rare character in a heading: set in 黑体 there and in the contents (TOC) too."""
    typed_with(path, "充分认识", "充分认识" + new, "一、充分认识安全生产的重要性")


@needs_rare_face
@pytest.mark.parametrize("make", [typed_with, raw_page, heading_with],
                         ids=["typed Word file", "raw page", "heading"])
def test_a_rare_character_is_warned_at_ingest_as_the_build_warns(tmp_path, capsys, make):
    path = tmp_path / ("s.txt" if make is raw_page else "s.docx")
    make(path, "改革", "刘" + RARE)
    content = tmp_path / "content"
    status, stdout, stderr = ingest(capsys, path, "--content", content)
    assert status == 0, stderr
    warned = [line for line in (stdout + stderr).splitlines() if "warning:" in line]
    assert warned and all(f"'{RARE}' (U+4DAE) is not in the" in w for w in warned), warned
    if make is heading_with:
        assert any("is not in the heiti font" in w for w in warned), warned     # the heading's role
    [written] = content.glob("*.md")
    messages = []
    settings = load_settings(ROOT, {"output": tmp_path / "out", "formats": ("pdf",), "quiet": True,
                                    "content": content})
    assert not [r.error for r in build_all(settings, None, echo=messages.append) if r.error]
    built = [str(m) for m in messages if RARE in str(m)]
    assert warned == built                     # the same file, line, face and words
    assert written.read_text(encoding="utf-8").count(RARE) == 1


def test_only_printed_text_is_checked(tmp_path, capsys):
    """The page's file name goes into `source:`, which nothing prints: a character no face
    has there is no reason to refuse the page, and the build prints the speech."""
    path = tmp_path / f"讲话{NO_FONT}.txt"
    raw_page(path, "改革", "改革")
    content = tmp_path / "content"
    status, _, stderr = ingest(capsys, path, "--content", content)
    assert status == 0, stderr
    [written] = content.glob("*.md")
    assert NO_FONT in written.read_text(encoding="utf-8")          # in `source:`
    settings = load_settings(ROOT, {"output": tmp_path / "out", "formats": ("pdf",), "quiet": True,
                                    "content": content})
    assert not [r.error for r in build_all(settings, None, echo=lambda m: None) if r.error]


def test_a_broken_theme_does_not_stop_ingest(tmp_path, capsys, monkeypatch):
    """Ingest does not need the theme: with one the build cannot read, the page is still
    ingested (the build will name the theme's line)."""
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "theme.yaml").write_text("roles: [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "s.txt"
    raw_page(path, "改革", "改革")
    status, _, stderr = ingest(capsys, path, "--content", tmp_path / "content")
    assert status == 0, stderr
    assert len(list((tmp_path / "content").glob("*.md"))) == 1


@needs_rare_face
def test_an_edited_handout_with_a_rare_character_is_warned_and_written(tmp_path, capsys):
    content, path, _ = edited_handout(tmp_path, RARE)
    status, stdout, stderr = ingest(capsys, path, "--content", content)
    assert status == 0, stderr
    target = content / "2022-kaiban.md"
    written = target.read_text(encoding="utf-8").split("\n")
    [line] = [n for n, text in enumerate(written, 1) if RARE in text]
    assert f"{target}:{line}: warning: '{RARE}' (U+4DAE) is not in the fangsong font" in stdout + stderr
