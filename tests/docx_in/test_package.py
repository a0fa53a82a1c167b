"""Files that are not a readable .docx: one line naming the file, exit status 2, nothing written."""

from __future__ import annotations

import zipfile

import docx
import pytest

from tests.docx_in.helpers import build_docx, content_copy, ingest


@pytest.fixture(scope="module")
def good_docx(tmp_path_factory):
    root = tmp_path_factory.mktemp("package")
    return build_docx(content_copy(root), root / "out") / "2022-kaiban.docx"


def encrypted(good_docx, path):
    """A password-protected .docx, encrypted as Word does (msoffcrypto-tool, ECMA-376 agile)."""
    from msoffcrypto.format.ooxml import OOXMLFile
    with good_docx.open("rb") as plain, path.open("wb") as out:
        OOXMLFile(plain).encrypt("secret", out)


def zip_of(path, members: dict):
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def with_member(good, path, name: str, data: bytes):
    """A copy of a good .docx with one part replaced."""
    with zipfile.ZipFile(good) as old:
        zip_of(path, {info.filename: data if info.filename == name else old.read(info)
                      for info in old.infolist()})


def empty_document(path):
    docx.Document().save(str(path))


CASES = {
    "text.docx": (lambda good, p: p.write_text("这不是Word文件。\n", encoding="utf-8"),
                  "not a Word file (.docx is a zip; this is not one)"),
    "cut.docx": (lambda good, p: p.write_bytes(good.read_bytes()[: good.stat().st_size // 2]),
                 "damaged .docx (the zip cannot be read: "),
    "locked.docx": (encrypted, "the file is password-protected (encrypted); save it in Word "
                               "without a password and ingest it again"),
    "old.doc": (lambda good, p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
                "an old binary Word file (.doc) that LibreOffice cannot read (damaged or not a document)"),
    "other.docx": (lambda good, p: zip_of(p, {"a.txt": "x"}),
                   "not a Word document (a zip without a main document part)"),
    "bad-xml.docx": (lambda good, p: zip_of(p, {
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                       'relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": "<w:document"}), "damaged .docx (word/document.xml is not well-formed XML"),
    "blank.docx": (lambda good, p: empty_document(p), "the document has no text"),
    "bad-props.docx": (lambda good, p: with_member(good, p, "docProps/custom.xml", b"<Properties"),
                       "damaged .docx (docProps/custom.xml cannot be read)"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_unreadable_word_file_is_one_line_and_exit_2(good_docx, tmp_path, capsys, name):
    make, message = CASES[name]
    path = tmp_path / name
    make(good_docx, path)
    content = tmp_path / "content"
    status, stdout, stderr = ingest(capsys, path, "--content", content)
    assert status == 2
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}: error: {message}"), lines
    assert "Traceback" not in stderr and not content.exists()


def test_a_word_file_is_recognised_by_its_bytes_whatever_its_name(good_docx, tmp_path, capsys):
    path = tmp_path / "speech.bin"
    path.write_bytes(good_docx.read_bytes())
    status, stdout, _ = ingest(capsys, path, "--content", tmp_path / "content")
    assert status == 0 and (tmp_path / "content" / "2022-kaiban.md").is_file()


def test_through_build_py_a_bad_word_file_exits_2_without_a_traceback(tmp_path):
    """The command a user types, as a separate process."""
    import subprocess
    import sys

    from tests.conftest import ROOT
    path = tmp_path / "x.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "ingest", str(path),
                             "--content", str(tmp_path / "content")], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{path}: error: damaged .docx") and "Traceback" not in result.stderr
    help_text = subprocess.run([sys.executable, str(ROOT / "build.py"), "ingest", "--help"],
                               capture_output=True, text=True).stdout
    assert "--accept-changes" in help_text and ".docx" in help_text
