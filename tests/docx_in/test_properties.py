"""A handout's custom properties and package, as a hostile or careless file brings them (issue
#23 audit): counts beyond the properties present, slugs that are no content file's name,
properties removed by Word's Document Inspector, Strict Open XML, a zip directory that
understates a part. Each refused in one line with nothing written, or read as it should be."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path

import pytest

from tests.docx_in.helpers import assert_refused, build_docx, content_copy, ingest


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("properties")
    content = content_copy(root)
    return content, build_docx(content, root / "out")


def rewritten(source: Path, target: Path, change) -> Path:
    """A copy of the DOCX with change(name, data) -> data (None: left out) applied to each part."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info.filename, data)
    return target


def with_property(name: str, value: str):
    def change(part: str, data: bytes) -> bytes:
        if part != "docProps/custom.xml":
            return data
        return re.sub(rf'(name="handout\.{re.escape(name)}"[^>]*>\s*<vt:lpwstr>)[^<]*'.encode(),
                      lambda m: m.group(1) + value.encode(), data)
    return change


@pytest.mark.parametrize("name, value", [("speeches", "300000000"), ("1.front", "100000000000"),
                                         ("1.front", "1e11"), ("speeches", "-1")])
def test_a_count_beyond_the_properties_present_is_refused_at_once(built, tmp_path, capsys, name, value):
    content, out = built
    folder = content_copy(tmp_path)
    path = rewritten(out / "2022-kaiban.docx", tmp_path / "k.docx", with_property(name, value))
    assert_refused(capsys, path, folder, "damaged .docx (docProps/custom.xml cannot be read)")


@pytest.mark.parametrize("slug", ["_collection", "s1.md", ".hidden", "a\\b", "../x"])
def test_a_slug_that_is_no_content_file_name_is_refused(built, tmp_path, capsys, slug):
    content, out = built
    folder = content_copy(tmp_path)
    path = rewritten(out / "2022-kaiban.docx", tmp_path / "k.docx", with_property("1.slug", slug))
    assert_refused(capsys, path, folder, f"the DOCX names an unusable content file {slug!r} "
                   "(docProps/custom.xml)")


def test_a_handout_whose_properties_were_removed_is_not_a_second_content_file(built, tmp_path, capsys):
    content, out = built
    folder = content_copy(tmp_path)
    path = rewritten(out / "2022-kaiban.docx", tmp_path / "k.docx",
                     lambda part, data: None if part == "docProps/custom.xml" else data)
    assert_refused(capsys, path, folder, "this is the handout of 2022-kaiban.md (same title) with its "
                   "document properties removed (Word's Document Inspector removes them), so its "
                   "edits cannot be matched to that file: ingest a copy of the file as it was sent, "
                   "or use --force to make it a content file of its own")


STRICT = {b"http://schemas.openxmlformats.org/wordprocessingml/2006/main":
          b"http://purl.oclc.org/ooxml/wordprocessingml/main",
          b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
          b"http://purl.oclc.org/ooxml/officeDocument/relationships",
          b"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties":
          b"http://purl.oclc.org/ooxml/officeDocument/customProperties",
          b"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes":
          b"http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes"}


def test_strict_open_xml_reads_like_the_transitional_file(built, tmp_path, capsys):
    """Word's "Strict Open XML Document" names the elements in purl.oclc.org namespaces (and
    the relationship types likewise): an unedited handout saved so gives its file back."""
    content, out = built

    def strict(_part: str, data: bytes) -> bytes:
        for transitional, purl in STRICT.items():
            data = data.replace(transitional, purl)
        return data
    path = rewritten(out / "2022-kaiban.docx", tmp_path / "k.docx", strict)
    with zipfile.ZipFile(path) as archive:
        assert b"purl.oclc.org/ooxml/wordprocessingml/main" in archive.read("word/document.xml")
    empty = tmp_path / "empty"
    status, _, stderr = ingest(capsys, path, "--content", empty)
    assert status == 0, stderr
    assert (empty / "2022-kaiban.md").read_bytes() == (content / "2022-kaiban.md").read_bytes()


def test_a_part_bigger_than_its_zip_directory_says_is_refused_in_one_line(built, tmp_path, capsys):
    """document.xml padded to 80 MB (it compresses to little) with the zip directory saying
    1 KB: refused as one line, never read whole."""
    content, out = built
    padded = rewritten(out / "2022-kaiban.docx", tmp_path / "padded.docx",
                       lambda part, data: data.replace(b"<w:body>", b"<w:body>" + b" " * (80 * 2**20), 1)
                       if part == "word/document.xml" else data)
    data = bytearray(padded.read_bytes())
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):     # central, local header
        at = data.find(signature)
        while at >= 0:
            name_length = struct.unpack_from("<H", data, at + (28 if signature == b"PK\x01\x02" else 26))[0]
            start = at + (46 if signature == b"PK\x01\x02" else 30)
            if data[start:start + name_length] == b"word/document.xml":
                struct.pack_into("<I", data, at + offset, 1024)
            at = data.find(signature, at + 4)
    bomb = tmp_path / "k.docx"
    bomb.write_bytes(bytes(data))
    folder = content_copy(tmp_path)
    status, _, stderr = ingest(capsys, bomb, "--content", folder)
    assert status == 2 and len(stderr.strip().splitlines()) == 1, stderr
    assert stderr.startswith(f"{bomb}: error: damaged .docx") and "Traceback" not in stderr
