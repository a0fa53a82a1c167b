"""The DOCX package around the document: part names, relationships, core properties, zip.

python-docx finds a free part name and a free relationship id, and checks for an existing
relationship, by scanning everything the package already has: quadratic in a booklet that
adds six header and footer parts per speech (300 speeches: 1,800 parts, 1.6 million
comparisons). `linear_part_lookups` keeps indexes instead, giving the same names and ids.
The zip is re-packed so that identical input gives identical bytes.
"""

from __future__ import annotations

import io
import time
import zipfile
from datetime import datetime, timezone

from docx.opc.packuri import PackURI

from ..model import Document
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
