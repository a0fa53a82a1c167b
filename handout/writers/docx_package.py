"""The DOCX package around the document: part names, relationships, core properties, zip.

python-docx finds a free part name and a free relationship id, and checks for an existing
relationship, by scanning everything the package already has: quadratic in a booklet that
adds six header and footer parts per speech (300 speeches: 1,800 parts, 1.6 million
comparisons). `linear_part_lookups` keeps indexes instead, giving the same names and ids.
The zip is re-packed so that identical input gives identical bytes. The custom properties
(docProps/custom.xml) say which content files, as they were, the document was made from:
`build.py ingest FILE.docx` reads them back (handout/docx_in/).
"""

from __future__ import annotations

import base64
import hashlib
import io
import time
import zipfile
import zlib
from datetime import datetime, timezone

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from ..content import MAX_SPEECH_BYTES
from ..model import Document, Origin
from ..settings import DEFAULT_EPOCH

CORE_PROPERTY_MAX = 255
ZIP_EPOCH_MIN = 315532800          # 1980-01-01: a zip cannot store an earlier date


def linear_part_lookups(document) -> None:
    """Replace python-docx's scans for new part names and relationships by indexes."""
    _count_part_names(document.part.package)
    _index_relationships(document.part.rels)


def _count_part_names(package) -> None:
    """python-docx names a new header part by collecting every part name in the package
    (quadratic in a booklet with a header per speech); keep the set and count on."""
    used = {str(part.partname) for part in package.iter_parts()}
    last: dict[str, int] = {}

    def next_partname(template: str) -> PackURI:
        n = last.get(template, 1)
        while template % n in used:
            n += 1
        used.add(template % n)
        last[template] = n
        return PackURI(template % n)
    package.next_partname = next_partname


def _index_relationships(rels) -> None:
    """Relationships.get_or_add scans every relationship for a match, then tries rId1,
    rId2, … for a free id; keep a map of the relationships and count on (ids are never
    freed while a document is written, so the first free id only moves forward)."""
    known = {(rel.reltype, rel.target_part): rel for rel in rels.values() if not rel.is_external}
    free = [1]

    def get_or_add(reltype: str, target_part):
        rel = known.get((reltype, target_part))
        if rel is None:
            while f"rId{free[0]}" in rels:
                free[0] += 1
            rel = known[(reltype, target_part)] = rels.add_relationship(reltype, target_part,
                                                                        f"rId{free[0]}")
        return rel
    rels.get_or_add = get_or_add


def set_core_properties(document, doc: Document, epoch: int) -> None:
    when = datetime.fromtimestamp(epoch, timezone.utc).replace(tzinfo=None)
    props = document.core_properties
    props.title = _property(doc.title)
    props.author = _property(doc.meta.get("speaker"))
    props.subject = _property(doc.meta.get("occasion"))
    props.language = "zh-CN"
    props.created = props.modified = when
    props.last_modified_by = "handout"
    props.comments = props.keywords = props.category = ""
    props.revision = 1


def _property(value) -> str:
    """A core property holds at most 255 characters (python-docx refuses more, as Word's file
    properties do). Only this metadata is cut: the page prints the whole title."""
    return str(value or "")[:CORE_PROPERTY_MAX]


# -- custom properties: where the document came from ---------------------------------------------
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
USER_DEFINED = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"   # the fmtid of every user-defined property
PREFIX = "handout."
# Word edits a custom text property of at most 255 characters too, and may cut a longer one
# when it saves: a longer value (the front matter, the base) is kept in numbered pieces.
PIECE = CORE_PROPERTY_MAX


def set_custom_properties(document, doc: Document) -> None:
    """docProps/custom.xml: the document's kind and, per speech, its slug, the sha256 of its
    content file, the front matter as written and the file itself (the base a reviewer's copy
    is merged against, handout/docx_in/merge.py): zlib-compressed and base64'd, so that no
    program's idea of white space or line ends in a property's text can change it."""
    values = {"kind": doc.kind, "speeches": str(len(doc.origins))}
    for n, origin in enumerate(doc.origins, 1):
        values.update({f"{n}.slug": origin.slug, f"{n}.sha256": origin.sha256})
        _pieces(values, f"{n}.front", origin.front_matter)
        if origin.base is not None:
            _pieces(values, f"{n}.base", base64.b64encode(zlib.compress(origin.base, 9)).decode("ascii"))
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    for pid, (name, value) in enumerate(values.items(), 2):     # pid 0 and 1 are reserved
        prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property", fmtid=USER_DEFINED,
                                pid=str(pid), name=PREFIX + name)
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def read_custom_properties(blob: bytes) -> tuple[str, list[Origin]] | None:
    """The kind and origins set_custom_properties wrote, or None if the file has none of ours
    (a Word file typed by someone). Other programs may renumber or re-type the properties:
    they are found by name, and any text value is read."""
    values = {}
    for prop in etree.fromstring(blob).iter(f"{{{CUSTOM_NS}}}property"):
        name = prop.get("name", "")
        if name.startswith(PREFIX) and len(prop):
            values[name[len(PREFIX):]] = prop[0].text or ""
    if "kind" not in values:
        return None
    origins = []
    for n in range(1, int(values.get("speeches", "0") or 0) + 1):
        digest = values.get(f"{n}.sha256", "")
        origins.append(Origin(values.get(f"{n}.slug", ""), digest, _joined(values, f"{n}.front"),
                              _base(_joined(values, f"{n}.base"), digest)))
    return values["kind"], origins


def _pieces(values: dict, name: str, text: str) -> None:
    pieces = [text[i:i + PIECE] for i in range(0, len(text), PIECE)]
    values[name] = str(len(pieces))
    values.update({f"{name}.{i}": piece for i, piece in enumerate(pieces, 1)})


def _joined(values: dict, name: str) -> str:
    return "".join(values.get(f"{name}.{i}", "") for i in range(1, int(values.get(name, "0") or 0) + 1))


def _base(text: str, digest: str) -> bytes | None:
    """The content file's bytes, or None when absent (a DOCX made before bases were carried)
    or not those the sha256 names (a program cut a property)."""
    try:
        # bounded: a property cannot make us inflate more than a speech may hold
        data = zlib.decompressobj().decompress(base64.b64decode(text, validate=True),
                                               MAX_SPEECH_BYTES + 1) if text else None
    except (ValueError, zlib.error):
        return None
    return data if data is not None and hashlib.sha256(data).hexdigest() == digest else None


def deterministic_zip(blob: bytes, epoch: int = DEFAULT_EPOCH) -> bytes:
    """Re-pack a zip with fixed member order, dates and attributes.

    python-docx stamps every member with the current time; Word wants [Content_Types].xml
    first. Same parts in, same bytes out.
    """
    stamp = time.gmtime(max(epoch, ZIP_EPOCH_MIN))[:6]
    with zipfile.ZipFile(io.BytesIO(blob)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    order = sorted(members, key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in order:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, members[name])
    return out.getvalue()
