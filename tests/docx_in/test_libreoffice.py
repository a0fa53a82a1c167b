"""The same edits made in LibreOffice (through UNO: open, edit, save as DOCX) come back the
same way as python-docx's: LibreOffice renames the style ids (TextBody, Contents1,
ComplimentaryClose), re-splits runs and writes its own properties on save."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.docx_in.helpers import (ADDED, DELETED, REPLACEMENTS, build_docx, content_copy,
                                   expected_markdown, ingest, markdown_blocks)

SYSTEM_PYTHON = Path("/usr/bin/python3")
SCRIPT = Path(__file__).with_name("lo_edit.py")


def uno_python() -> Path | None:
    if not shutil.which("soffice") or not SYSTEM_PYTHON.is_file():
        return None
    probe = subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True)
    return SYSTEM_PYTHON if probe.returncode == 0 else None


pytestmark = pytest.mark.skipif(uno_python() is None, reason="needs LibreOffice (soffice) and "
                                "/usr/bin/python3 with its uno module (Debian: python3-uno)")


def libreoffice_edit(source: Path, target: Path, edits: list[dict], tmp_path: Path) -> None:
    (tmp_path / "edits.json").write_text(json.dumps(edits, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([str(SYSTEM_PYTHON), str(SCRIPT), str(source), str(target),
                             str(tmp_path / "edits.json"), str(tmp_path / "lo-profile")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and target.is_file(), result.stderr


def office_edits(original: str) -> list[dict]:
    """The edits of helpers.py (those python-docx makes in test_handouts.py), as UNO calls."""
    _head, blocks = markdown_blocks(original)
    renamed = REPLACEMENTS[2][2]
    return ([{"op": "replace", "old": old, "new": new} for _i, old, new in REPLACEMENTS]
            + [{"op": "delete", "start": blocks[DELETED].removeprefix("**")[:10]},
               {"op": "insert_after", "after": renamed, "text": ADDED, "style_of": blocks[3][:8]}])


def test_libreoffice_edits_come_back_like_python_docx_edits(tmp_path, capsys):
    content = content_copy(tmp_path)
    out = build_docx(content, tmp_path / "out")
    original = (content / "2022-kaiban.md").read_text(encoding="utf-8")
    edited = tmp_path / "edited.docx"
    libreoffice_edit(out / "2022-kaiban.docx", edited, office_edits(original), tmp_path)
    with zipfile.ZipFile(edited) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    # what makes this a test of other programs' files: LibreOffice's own style ids
    assert 'w:val="TextBody"' in document and 'w:val="BodyText"' not in document
    status, _, stderr = ingest(capsys, edited, "--content", content)
    assert status == 0, stderr
    assert (content / "2022-kaiban.md").read_text(encoding="utf-8") == expected_markdown(original)
    report = (content / "_reports" / "edited.md").read_text(encoding="utf-8")
    assert "2022-kaiban.md: 5 change(s)" in report and "[-X-]{+3+}" in report


def test_a_booklet_saved_by_libreoffice_without_edits_gives_every_file_back(tmp_path, capsys):
    """LibreOffice splits a paragraph where its page style changes (after a speech's first
    page); the reader joins it again."""
    content = content_copy(tmp_path)
    out = build_docx(content, tmp_path / "out")
    saved = tmp_path / "saved.docx"
    libreoffice_edit(out / "huibian.docx", saved, [], tmp_path)
    empty = tmp_path / "empty"
    assert ingest(capsys, saved, "--content", empty)[0] == 0
    for speech in content.glob("*.md"):
        assert (empty / speech.name).read_bytes() == speech.read_bytes(), speech.name


def test_a_copy_edited_in_libreoffice_and_one_in_python_docx_merge_in_either_order(tmp_path, capsys):
    """The several-reviewers case with one copy saved by LibreOffice (its style ids, its runs):
    A's edit, B's two and the clerk's filled X all kept, the same bytes in either order."""
    from tests.docx_in.test_merge import A_EDIT, B_EDITS, CLERK, SPEECH, all_edits, clerk_fills, reviewer_copy
    content = content_copy(tmp_path)
    out = build_docx(content, tmp_path / "out")
    a = tmp_path / "a.docx"
    libreoffice_edit(out / "2022-kaiban.docx", a, [{"op": "replace", "old": A_EDIT[1], "new": A_EDIT[2]}], tmp_path)
    with zipfile.ZipFile(a) as archive:            # LibreOffice keeps the base it was sent
        assert 'name="handout.1.base.1"' in archive.read("docProps/custom.xml").decode("utf-8")
    b = reviewer_copy(out, tmp_path, "b.docx", B_EDITS, "张处长")
    original = (content / SPEECH).read_text(encoding="utf-8")
    results = []
    for first, second in ((a, b), (b, a)):
        folder = tmp_path / f"content-{first.stem}"
        shutil.copytree(content, folder)
        assert ingest(capsys, first, "--content", folder)[0] == 0
        clerk_fills(folder)
        status, _, stderr = ingest(capsys, second, "--content", folder)
        assert status == 0, stderr
        results.append((folder / SPEECH).read_bytes())
    assert results[0] == results[1]
    assert results[0].decode("utf-8") == all_edits(original, CLERK + [A_EDIT[1:]] + [e[1:] for e in B_EDITS])


def test_tracked_changes_of_two_authors_made_in_libreoffice_are_taken_per_author(tmp_path, capsys):
    """Two reviewers, one after the other, edit one copy in LibreOffice with Track Changes on;
    accepting one author's applies exactly that author's edits, the other's stay listed."""
    content = content_copy(tmp_path)
    out = build_docx(content, tmp_path / "out")
    first, both = tmp_path / "first.docx", tmp_path / "both.docx"
    libreoffice_edit(out / "2022-kaiban.docx", first,
                     [{"op": "author", "name": "王主任"}, {"op": "track"},
                      {"op": "replace", "old": "培训业务的活动", "new": "学习业务的活动"}], tmp_path)
    libreoffice_edit(first, both, [{"op": "author", "name": "张处长"}, {"op": "track"},
                                   {"op": "replace", "old": "能力比较过硬", "new": "能力总体过硬"}], tmp_path)
    original = (content / "2022-kaiban.md").read_text(encoding="utf-8")
    status, stdout, stderr = ingest(capsys, both, "--content", content, "--accept-changes=张处长")
    assert status == 0, stderr
    assert (content / "2022-kaiban.md").read_text(encoding="utf-8") == original.replace("能力比较过硬", "能力总体过硬")
    report = (content / "_reports" / "both.md").read_text(encoding="utf-8")
    listed = [line for line in report.splitlines() if line.startswith("- ") and " by " in line]
    assert any(line.startswith("- insertion by 王主任") and "not applied" in line for line in listed), listed
    assert any(line.startswith("- insertion by 张处长") and line.endswith("— applied") for line in listed), listed
    assert ingest(capsys, both, "--content", content, "--accept-changes")[0] == 0
    assert (content / "2022-kaiban.md").read_text(encoding="utf-8") == original.replace(
        "能力比较过硬", "能力总体过硬").replace("培训业务的活动", "学习业务的活动")
