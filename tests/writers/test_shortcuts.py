"""Our shortcuts through other libraries' internals change nothing but the time: a DOCX
built with python-docx's own part-name and relationship lookups is byte for byte ours, a
PDF compressed by the standard zlib holds the same stream data as ours (zlib-ng).
pyproject.toml bounds the versions these shortcuts were made for."""

from __future__ import annotations

import io

from pypdf import PdfReader
from pypdf.generic import StreamObject

from handout import jobs
from handout.content import read_content
from handout.layout.pages import lay_out
from handout.settings import load_settings
from handout.template import render_document
from tests.conftest import REVIEWED, ROOT, build_into
from tests.docx_in.helpers import content_copy


def test_the_docx_is_the_same_without_our_part_lookups(tmp_path, monkeypatch):
    content = content_copy(tmp_path)
    build_into(tmp_path / "ours", formats=("docx",), content=content, jobs=1)
    monkeypatch.setattr("handout.writers.docx.linear_part_lookups", lambda document: None)
    build_into(tmp_path / "theirs", formats=("docx",), content=content, jobs=1)
    names = sorted(p.name for p in (tmp_path / "ours").glob("*.docx"))
    assert len(names) == len(list(REVIEWED.glob("*.md"))) + 1          # and the booklet
    for name in names:
        assert (tmp_path / "ours" / name).read_bytes() == (tmp_path / "theirs" / name).read_bytes(), name


def test_zlib_ng_compresses_the_same_stream_data_as_zlib(tmp_path, monkeypatch):
    import zlib
    from handout.memo import Memo
    from handout.writers import pdf_reuse
    kit = jobs.Toolkit(load_settings(ROOT, {"formats": ("pdf",), "quiet": True}))
    content = read_content(content_copy(tmp_path) / "2022-kaiban.md")
    doc = render_document(kit.env, kit.settings.template, {"meta": content.meta, "body": content.body},
                          str(content.path))
    layout = lay_out(doc, kit.theme, kit.fonts, kit.metrics)
    ours = kit.writers["pdf"].render(doc, layout)
    monkeypatch.setattr(pdf_reuse, "zlib_ng", zlib)               # the standard library's zlib
    monkeypatch.setattr(pdf_reuse, "_memo", Memo(pdf_reuse.KEEP_BYTES, pdf_reuse._memo.size_of))
    theirs = kit.writers["pdf"].render(doc, layout)
    assert ours != theirs
    assert streams(ours) == streams(theirs) and len(streams(ours)) > 3


def streams(pdf: bytes) -> list[bytes]:
    """Every stream's decompressed data, in object order."""
    reader = PdfReader(io.BytesIO(pdf))
    found = (reader.get_object(number) for number in range(1, reader.trailer["/Size"]))
    return [obj.get_data() for obj in found if isinstance(obj, StreamObject)]
