"""Read facts back from our DOCX files with lxml: parts, sections with their header and
footer paragraphs, the TOC field. Shared by the DOCX tests (as pdfcheck.py is by the PDF's)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from handout.metrics import page_metrics
from handout.theme import load_theme
from tests.conftest import ROOT, speech_files
from tests.pdfcheck import visual_lines

THEME = load_theme(ROOT / "templates" / "theme.yaml")
M = page_metrics(THEME)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
PAGE_NUMBER = re.compile(r"^— ?(\d+) ?—$")
TOC_ROW = re.compile(r"\.{3,}\s*(\d+)$")


LONG_URL = ("https://www.example.gov.cn/zwgk/" + "/".join(f"section{i:02d}_part-{i}" for i in range(15))
            + "/index.html?id=123456&page=7" + "x" * 40)
LONG_RUNS = (f"文件见{LONG_URL}，请下载。", f"代号为{'A' * 120}的文件。")


def long_runs_content(folder: Path) -> Path:
    """A content folder with one speech whose paragraphs hold Latin runs longer than a line:
    a 315-character URL and 120 A's (LONG_RUNS)."""
    content = folder / "content"
    content.mkdir()
    (content / "long.md").write_text("---\ntitle: 网址\n---\n\n" + "\n\n".join(LONG_RUNS) + "\n",
                                     encoding="utf-8")
    return content


def audit_errors(path: Path) -> list:
    """openxml-audit's (PyPI) findings on a DOCX: parts, relationships, schema, styles."""
    audit = shutil.which("openxml-audit")
    if audit is None:
        pytest.skip("openxml-audit is not installed (pip install -e '.[test]')")
    run = subprocess.run([audit, "--output", "json", "--max-errors", "0", str(path)],
                         capture_output=True, text=True, timeout=120)
    (report,) = json.loads(run.stdout)
    return [] if report["valid"] and report["error_count"] == 0 else report["errors"] or ["invalid"]


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def part(path: Path, name: str):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def speech_stems() -> list[str]:
    return [p.stem for p in speech_files()]


def section_parts(path: Path):
    """[(titlePg?, {(kind, type): paragraph})] for every section of the document."""
    with zipfile.ZipFile(path) as z:
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        document = etree.fromstring(z.read("word/document.xml"))
        out = []
        for sect in document.findall(".//w:sectPr", NS):
            found = {}
            for kind in ("header", "footer"):
                for ref in sect.findall(f"w:{kind}Reference", NS):
                    rid = ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
                    found[(kind, ref.get(w("type")))] = etree.fromstring(
                        z.read("word/" + targets[rid])).find("w:p", NS)
            out.append((sect.find("w:titlePg", NS) is not None, found))
    return out


def text(p) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


def style_of(p) -> str | None:
    style = p.find("w:pPr/w:pStyle", NS)
    return style.get(w("val")) if style is not None else None


def toc(path: Path):
    """(instruction, [(entry text, cached page, anchor)], bookmark names) from the DOCX."""
    body = part(path, "word/document.xml").find("w:body", NS)
    instructions = [t.text for t in body.iter(w("instrText"))]
    entries = []
    for link in body.iter(w("hyperlink")):
        texts = [t.text for t in link.iter(w("t"))]
        entry = "".join(t.text for t in link.find("w:r", NS).iter(w("t")))   # its first run
        entries.append((entry, int(texts[-1]), link.get(w("anchor"))))
    marks = {b.get(w("name")) for b in body.iter(w("bookmarkStart"))}
    return instructions, entries, marks


def pdf_toc_numbers(pdf: Path, page: int) -> list[int]:
    return [int(TOC_ROW.search(l.text).group(1)) for l in visual_lines(pdf)
            if l.page == page and TOC_ROW.search(l.text)]


def entry_levels(path: Path) -> list[tuple[str, int]]:
    body = part(path, "word/document.xml").find("w:body", NS)
    out = []
    for link in body.iter(w("hyperlink")):
        style = link.getparent().find("w:pPr/w:pStyle", NS).get(w("val"))
        out.append(("".join(t.text for t in link.find("w:r", NS).iter(w("t"))),
                    int(style.removeprefix("TOC"))))
    return out
