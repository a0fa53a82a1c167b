"""Our shortcuts through other libraries' internals change nothing but the time: a DOCX
built with python-docx's own part-name and relationship lookups is byte for byte ours, a
PDF compressed by reportlab's own zlib filter holds the same stream data as ours (zlib-ng).
pyproject.toml bounds the versions these shortcuts were made for."""

from __future__ import annotations

import io
import os
import subprocess
import sys

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


def test_the_zlib_ng_filter_is_installed_by_the_pdf_writer_not_by_importing_it():
    code = ("import reportlab.pdfbase.pdfdoc as pdfdoc, handout.writers.pdf\n"
            "from pathlib import Path\nfrom handout import jobs\nfrom handout.settings import load_settings\n"
            "print(type(pdfdoc.PDFZCompress).__name__)\n"
            f"jobs.Toolkit(load_settings(Path({str(ROOT)!r}), {{'formats': ('pdf',), 'quiet': True}}))\n"
            "print(type(pdfdoc.PDFZCompress).__name__)\n")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert shown.stdout.split() == ["PDFStreamFilterZCompress", "_ZlibNgFlate"]


def test_zlib_ng_compresses_the_same_stream_data_as_zlib(tmp_path, monkeypatch):
    from reportlab.pdfbase import pdfdoc
    kit = jobs.Toolkit(load_settings(ROOT, {"formats": ("pdf",), "quiet": True}))
    content = read_content(content_copy(tmp_path) / "2022-kaiban.md")
    doc = render_document(kit.env, kit.settings.template, {"meta": content.meta, "body": content.body},
                          str(content.path))
    layout = lay_out(doc, kit.theme, kit.fonts, kit.metrics)
    ours = kit.writers["pdf"].render(doc, layout)
    monkeypatch.setattr(pdfdoc, "PDFZCompress", pdfdoc.PDFStreamFilterZCompress())
    theirs = kit.writers["pdf"].render(doc, layout)
    assert ours != theirs
    assert streams(ours) == streams(theirs) and len(streams(ours)) > 3


def streams(pdf: bytes) -> list[bytes]:
    """Every stream's decompressed data, in object order."""
    reader = PdfReader(io.BytesIO(pdf))
    found = (reader.get_object(number) for number in range(1, reader.trailer["/Size"]))
    return [obj.get_data() for obj in found if isinstance(obj, StreamObject)]
