"""Opening a Word file for reading: the parts we need, or one clear error for what it is instead.

A .docx is a zip of XML parts. What arrives by mail is sometimes something else under that
name: an old binary .doc or a password-protected .docx (both OLE compound files), a zip cut
short, a file of some other kind. Each is refused with a line naming the file.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import UserError
from ..files import read_input

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream an encrypted OOXML file keeps in its OLE container (MS-OFFCRYPTO §2.3.4).
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = "/officeDocument"            # the main part's relationship type ends so
COMMENTS = "/comments"
NOTES = {"footnote": "/footnotes", "endnote": "/endnotes"}
STYLES = "/styles"
CUSTOM_PROPERTIES = "/custom-properties"
CORE_PROPERTIES = "/core-properties"
# a document.xml of more than this is not a speech (and would take long to read)
MAX_PART_BYTES = 64 * 1024 * 1024


@dataclass
class WordPackage:
    """The parsed parts a reader needs; all but the document may be absent."""
    path: Path
    document: etree._Element
    styles: etree._Element | None
    comments: etree._Element | None
    custom: bytes | None
    notes: dict = field(default_factory=dict)      # footnote | endnote -> its part
    core: bytes | None = None                       # docProps/core.xml (who saved it last)


def open_word(path: Path) -> WordPackage:
    data = read_input(path)
    if data.startswith(OLE_SIGNATURE):
        if ENCRYPTION_STREAM in data:
            raise UserError("the file is password-protected (encrypted); save it in Word "
                            "without a password and ingest it again", path)
        raise UserError("an old binary Word file (.doc) or another OLE file, not a .docx; "
                        "save it as .docx (Word document) first", path)
    if not data.startswith(b"PK"):
        raise UserError("not a Word file (.docx is a zip; this is not one)", path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _read_parts(archive, path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError) as exc:
        raise UserError(f"damaged .docx (the zip cannot be read: {exc})", path) from None


def _read_parts(archive: zipfile.ZipFile, path: Path) -> WordPackage:
    main = _target(archive, "_rels/.rels", "", OFFICE_DOCUMENT, path)
    if main is None:
        raise UserError("not a Word document (a zip without a main document part)", path)
    rels = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
    base = posixpath.dirname(main)

    def related(kind: str, rels_name: str = rels, folder: str = base):
        name = _target(archive, rels_name, folder, kind, path)
        return _member(archive, name, path) if name else None
    custom = related(CUSTOM_PROPERTIES, "_rels/.rels", "")
    core = related(CORE_PROPERTIES, "_rels/.rels", "")
    styles, comments = related(STYLES), related(COMMENTS)
    notes = {kind: related(suffix) for kind, suffix in NOTES.items()}
    return WordPackage(path, _xml(_member(archive, main, path), main, path),
                       _xml(styles, "styles", path) if styles else None,
                       _xml(comments, "comments", path) if comments else None, custom,
                       {kind: _xml(data, kind, path) for kind, data in notes.items() if data}, core)


def _target(archive: zipfile.ZipFile, rels_name: str, folder: str, kind: str, path: Path) -> str | None:
    """The part a relationship of `kind` (its type's last segment) points to, as a zip name."""
    if rels_name not in archive.namelist():
        return None
    for rel in _xml(_member(archive, rels_name, path), rels_name, path).iter(f"{{{REL_NS}}}Relationship"):
        if rel.get("Type", "").endswith(kind) and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            return name if name in archive.namelist() else None
    return None


def _member(archive: zipfile.ZipFile, name: str, path: Path) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise UserError(f"{name} is {info.file_size // 2**20} MB: too big for a speech", path)
    return archive.read(name)


def _xml(data: bytes, name: str, path: Path):
    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False, huge_tree=False))
    except etree.XMLSyntaxError as exc:
        raise UserError(f"damaged .docx ({name} is not well-formed XML: {exc.msg})", path) from None
