"""Opening a Word file for reading: the parts we need, or one clear error for what it is instead.

A .docx is a zip of XML parts. An old binary .doc or a WPS .wps (OLE compound files) is
converted to one by LibreOffice (convert.py). What arrives by mail is sometimes something else
under that name: a password-protected .docx (also OLE), a zip cut short, a file of some other
kind. Each is refused with a line naming the file.
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
NUMBERING = "/numbering"
CUSTOM_PROPERTIES = "/custom-properties"
CORE_PROPERTIES = "/core-properties"
# Strict Open XML (ISO/IEC 29500 Strict, "Word Document (Strict)") names the same elements in
# other namespaces: read as the transitional ones. (Its few value differences, such as
# percentages, are in formatting we do not read.)
STRICT = {b"http://purl.oclc.org/ooxml/wordprocessingml/main":
          b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
          b"http://purl.oclc.org/ooxml/officeDocument/relationships":
          b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
          b"http://purl.oclc.org/ooxml/officeDocument/customProperties":
          b"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
          b"http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes":
          b"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"}
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
    numbering: etree._Element | None = None         # automatic numbering's definitions


def open_word(path: Path) -> WordPackage:
    data = read_input(path, "word")
    if data.startswith(OLE_SIGNATURE):
        if ENCRYPTION_STREAM in data:
            raise UserError("the file is password-protected (encrypted); save it in Word "
                            "without a password and ingest it again", path)
        from .convert import docx_bytes
        data = docx_bytes(path, data)           # a .doc or .wps: LibreOffice makes it a .docx
    if not data.startswith(b"PK"):
        raise UserError("not a Word file (.docx is a zip; this is not one)", path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _read_parts(archive, path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError) as exc:
        raise UserError("damaged .docx (the zip cannot be read: {why})", path, why=exc) from None


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
    styles, comments, numbering = related(STYLES), related(COMMENTS), related(NUMBERING)
    notes = {kind: related(suffix) for kind, suffix in NOTES.items()}
    return WordPackage(path, _xml(_member(archive, main, path), main, path),
                       _xml(styles, "styles", path) if styles else None,
                       _xml(comments, "comments", path) if comments else None, custom,
                       {kind: _xml(data, kind, path) for kind, data in notes.items() if data}, core,
                       _xml(numbering, "numbering", path) if numbering else None)


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
    """A part's bytes, namespaces of Strict Open XML made transitional. Read up to the limit
    whatever the zip directory says: a part whose directory entry understates its size
    (a zip bomb) is refused as it inflates past it, not after."""
    info = archive.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise UserError("{name} is {size} MB: too big for a speech", path, name=name,
                        size=info.file_size // 2**20)
    with archive.open(info) as part:
        data = part.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise UserError("{name} inflates to more than {limit} MB (its zip directory says less): "
                        "too big for a speech", path, name=name, limit=MAX_PART_BYTES // 2**20)
    for strict, transitional in STRICT.items():
        data = data.replace(strict, transitional)
    return data


def _xml(data: bytes, name: str, path: Path):
    try:
        # Entities declared in the part's own DTD are text (a w:t with one would lose what
        # follows it); external ones are refused, and libxml2 refuses exponential expansion.
        return etree.fromstring(data, etree.XMLParser(resolve_entities="internal", huge_tree=False,
                                                      no_network=True))
    except etree.XMLSyntaxError as exc:
        raise UserError("damaged .docx ({name} is not well-formed XML: {why})", path, name=name,
                        why=exc.msg) from None
