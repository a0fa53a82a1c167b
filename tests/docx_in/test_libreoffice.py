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


def test_a_handout_with_latin_line_breaks_saved_by_libreoffice_gives_its_file_back(tmp_path, capsys):
    """Where the PDF broke a line inside a Latin run, the DOCX writer puts a w:sym U+200B
    break mark; LibreOffice saves it as a character of the text. Read back, the content
    file is the same byte for byte, as it is through python-docx (was: U+200B in the text,
    which the next build refused)."""
    content = content_copy(tmp_path)
    speech = content / "2022-kaiban.md"
    long_run = "https://www.example.gov.cn/" + "abcdefghijklmnopqrstuvwxyz" * 5 + "/index.html"
    speech.write_text(speech.read_text(encoding="utf-8").rstrip("\n")
                      + f"\n\n详见{long_run}。\n", encoding="utf-8")
    out = build_docx(content, tmp_path / "out")
    with zipfile.ZipFile(out / "2022-kaiban.docx") as archive:
        assert 'w:char="200B"' in archive.read("word/document.xml").decode("utf-8")
    saved = tmp_path / "saved.docx"
    libreoffice_edit(out / "2022-kaiban.docx", saved, [], tmp_path)
    with zipfile.ZipFile(saved) as archive:
        assert "\u200b" in archive.read("word/document.xml").decode("utf-8")   # as text now
    empty = tmp_path / "empty"
    status, _, stderr = ingest(capsys, saved, "--content", empty)
    assert status == 0, stderr
    assert (empty / speech.name).read_bytes() == speech.read_bytes()
