"""Shared by the DOCX-ingest tests: a copy of the committed content built to DOCX, the
command line run in-process, python-docx edits, and Markdown edited the same way by hand."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx

from handout.cli import main
from tests.conftest import REVIEWED, build_into

BODY_STYLES = {"Body Text", "Heading 1", "Heading 2", "Salutation"}


def content_copy(tmp_path: Path) -> Path:
    """The reviewed speeches and collection, copied (content/ is the user's: its X may be filled)."""
    content = tmp_path / "content"
    content.mkdir()
    for path in (*REVIEWED.glob("*.md"), REVIEWED / "_collection.yaml"):
        shutil.copy(path, content / path.name)
    return content


def build_docx(content: Path, out: Path) -> Path:
    build_into(out, formats=("docx",), content=content)
    return out


def ingest(capsys, *args) -> tuple[int, str, str]:
    """`build.py ingest …` in this process: (exit status, stdout, stderr)."""
    status = main(["ingest", *map(str, args)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def assert_refused(capsys, path: Path, folder: Path, message: str) -> None:
    """`ingest path` exits 2 with the one line `path: error: message`; folder's files unchanged."""
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    status, _, stderr = ingest(capsys, path, "--content", folder)
    assert status == 2
    assert stderr.strip().splitlines() == [f"{path}: error: {message}"]
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def body_paragraphs(document) -> list:
    """The speech's paragraphs in a handout as python-docx sees them (title block and TOC left out)."""
    return [p for p in document.paragraphs if p.style.name in BODY_STYLES and p.text.strip()]


def replace_in(paragraph, old: str, new: str) -> None:
    """Replace text inside one run, as an editor's typing does; text the writer split over
    several runs of one emphasis is first put in one run."""
    for run in paragraph.runs:
        if old in run.text:
            run.text = run.text.replace(old, new, 1)
            return
    runs = paragraph.runs
    assert old in paragraph.text and len({r.bold for r in runs}) == 1, (old, paragraph.text[:20])
    runs[0].text = paragraph.text.replace(old, new, 1)
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


# The edits an office makes, on 2022-kaiban: (block, old, new) replacements (a sentence
# changed, an X filled, a heading renamed), a paragraph added after the third, one deleted.
REPLACEMENTS = [(1, "培训业务的活动", "学习业务的活动"), (3, "拿出X天时间", "拿出3天时间"),
                (2, "一、办班为什么", "一、为什么办这次培训班")]
ADDED_AFTER, ADDED = 3, "各单位要按时报送参训人员名单。"
DELETED = 11                       # the paragraph **二是不安心位子想换岗。**…


def expected_markdown(original: str) -> str:
    """The same edits made by hand on the content file's Markdown."""
    head, blocks = markdown_blocks(original)
    for index, old, new in REPLACEMENTS:
        assert old in blocks[index]
        blocks[index] = blocks[index].replace(old, new, 1)
    del blocks[DELETED]
    blocks.insert(ADDED_AFTER, ADDED)
    return join_blocks(head, blocks)


def markdown_blocks(text: str) -> tuple[str, list[str]]:
    """A canonical content file as (front matter part, body blocks)."""
    head, body = text.split("\n---\n\n", 1)
    return head + "\n---\n\n", body.rstrip("\n").split("\n\n")


def join_blocks(head: str, blocks: list[str]) -> str:
    return head + "\n\n".join(blocks) + "\n"


def edit_docx(path: Path, edits) -> None:
    document = docx.Document(str(path))
    edits(document)
    document.save(str(path))


def edited_copy(built, tmp_path: Path, edits, source: str = "2022-kaiban.docx",
                name: str = "k.docx") -> tuple[Path, Path]:
    """A fresh copy of content/ and a copy of one built DOCX with `edits` made in it."""
    _content, out = built
    folder = content_copy(tmp_path)
    path = tmp_path / name
    path.write_bytes((out / source).read_bytes())
    edit_docx(path, edits)
    return folder, path
