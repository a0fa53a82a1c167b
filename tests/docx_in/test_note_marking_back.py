"""The front matter's `note:` and `marking:` edited in Word come back into the content file
(styles Note and Marking); a DOCX nobody edited gives the file back byte for byte, in a
speech's DOCX and in the booklet's."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from handout.docx_in import ingest_docx
from handout.frontmatter import read_front_matter
from tests.conftest import REVIEWED
from tests.docx_in.helpers import build_docx, edit_docx, ingest

NOTE, MARKING = "（根据录音整理）", "内部资料 注意保存"
SPEECHES = ("2022-kaiban", "2022-gongzuo-huiyi")      # given a note and a marking


def with_note_and_marking(text: str) -> str:
    """A content file with `note:` and `marking:` added at the end of its front matter."""
    head, rest = text.split("\n---\n", 1)
    return f"{head}\nnote: {NOTE}\nmarking: {MARKING}\n---\n{rest}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("note-marking")
    content = root / "content"
    content.mkdir()
    for path in (*REVIEWED.glob("*.md"), REVIEWED / "_collection.yaml"):
        text = path.read_text(encoding="utf-8")
        if path.stem in SPEECHES:
            text = with_note_and_marking(text)
        (content / path.name).write_text(text, encoding="utf-8")
    return content, build_docx(content, root / "out")


def front(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return read_front_matter(text.split("\n---\n", 1)[0].removeprefix("---\n"), 2, path, [], False)


def styled(document, style: str) -> list:
    return [p for p in document.paragraphs if p.style.name == style]


def taken_back(built, tmp_path: Path, source: str, edit, capsys) -> tuple[Path, str]:
    """A copy of the content folder after `build.py ingest` of the DOCX `source` edited,
    and what the command printed."""
    content, out = built
    folder = tmp_path / "content"
    shutil.copytree(content, folder)
    path = tmp_path / source
    shutil.copy(out / source, path)
    edit_docx(path, edit)
    status, stdout, stderr = ingest(capsys, path, "--content", folder)
    assert status == 0, stderr
    return folder, stdout


def retype(paragraph, text: str) -> None:
    """What typing over a paragraph's text in Word leaves: one run with the new text."""
    for run in paragraph.runs[1:]:
        run._r.getparent().remove(run._r)
    paragraph.runs[0].text = text


@pytest.mark.parametrize("docx_name", ["2022-kaiban.docx", "huibian.docx"])
def test_an_unedited_docx_gives_each_file_back_byte_for_byte(built, tmp_path, docx_name):
    content, out = built
    document = docx.Document(out / docx_name)
    assert [p.text for p in styled(document, "Marking")][-len(SPEECHES):] == [MARKING] * 2 \
        if docx_name == "huibian.docx" else [MARKING]
    back = tmp_path / "back"
    back.mkdir()
    ingest_docx(out / docx_name, back)
    for stem in SPEECHES if docx_name == "huibian.docx" else ("2022-kaiban",):
        assert (back / f"{stem}.md").read_bytes() == (content / f"{stem}.md").read_bytes(), stem


def test_a_note_and_a_marking_edited_in_word_come_back(built, tmp_path, capsys):
    def edit(document):
        [note], [marking] = styled(document, "Note"), styled(document, "Marking")
        retype(note, "（根据录音整理，未经本人审阅）")
        retype(marking, "内部资料")
    folder, report = taken_back(built, tmp_path, "2022-kaiban.docx", edit, capsys)
    content = built[0]
    before, after = front(content / "2022-kaiban.md"), front(folder / "2022-kaiban.md")
    assert after["note"] == "（根据录音整理，未经本人审阅）" and after["marking"] == "内部资料"
    assert {k: v for k, v in after.items() if k not in ("note", "marking")} == \
        {k: v for k, v in before.items() if k not in ("note", "marking")}
    # the body is the file's own, untouched
    assert (folder / "2022-kaiban.md").read_text(encoding="utf-8").split("\n---\n", 1)[1] == \
        (content / "2022-kaiban.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert "note" in report and "marking" in report        # the report says what changed


def test_a_note_deleted_in_word_is_removed_from_the_front_matter(built, tmp_path, capsys):
    def edit(document):
        [note] = styled(document, "Note")
        note._p.getparent().remove(note._p)
    folder, _ = taken_back(built, tmp_path, "2022-kaiban.docx", edit, capsys)
    after = front(folder / "2022-kaiban.md")
    assert after.get("note") is None and after["marking"] == MARKING
    assert "note:" not in (folder / "2022-kaiban.md").read_text(encoding="utf-8")


def test_a_speechs_marking_edited_in_the_booklet_comes_back_to_that_speech(built, tmp_path, capsys):
    def edit(document):
        retype(styled(document, "Marking")[-1], "机密")       # the last speech that has one
    folder, _ = taken_back(built, tmp_path, "huibian.docx", edit, capsys)
    content = built[0]
    changed = [p.stem for p in sorted(content.glob("*.md"))
               if (folder / p.name).read_bytes() != p.read_bytes()]
    assert len(changed) == 1
    assert front(folder / f"{changed[0]}.md")["marking"] == "机密"
    assert changed[0] in SPEECHES
