"""The OFD writer, read back by independent readers: lxml against the standard's schemas
(GB/T 33190-2016, copied into ofd_schema/), easyofd (a Python OFD reader) against the PDF's
text read by pdfplumber, fontTools for the embedded font subsets."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

from fontTools.ttLib import TTFont
from lxml import etree
from pypdf import PdfReader

from handout import jobs
from handout.settings import DEFAULT_EPOCH, load_settings
from tests.conftest import ROOT
from tests.pdfcheck import outline_titles, visual_lines

SCHEMAS = Path(__file__).parent / "ofd_schema"
NS = {"ofd": "http://www.ofdspec.org/2016"}
MM = 25.4 / 72


def ofd_files(built: Path) -> list[Path]:
    files = sorted(built.glob("*.ofd"))
    assert len(files) == len(list(built.glob("*.pdf"))) >= 4      # three speeches and the booklet
    return files


def parts(path: Path) -> dict[str, bytes]:
    return parts_of(path.read_bytes())


def schema_for(name: str) -> str:
    if name == "OFD.xml":
        return "OFD.xsd"
    if name.endswith("/Document.xml"):
        return "Document.xsd"
    if name.endswith(("PublicRes.xml", "DocumentRes.xml")):
        return "Res.xsd"
    assert name.endswith("/Content.xml"), name
    return "Page.xsd"


def test_every_xml_part_validates_against_the_standards_schemas(built):
    schemas = {}
    for path in ofd_files(built):
        xml = {n: data for n, data in parts(path).items() if n.endswith(".xml")}
        assert {"OFD.xml", "Doc_0/Document.xml", "Doc_0/PublicRes.xml", "Doc_0/DocumentRes.xml"} <= set(xml)
        for name, data in xml.items():
            xsd = schema_for(name)
            schema = schemas.setdefault(xsd, etree.XMLSchema(etree.parse(str(SCHEMAS / xsd))))
            assert schema.validate(etree.fromstring(data)), f"{path.name}/{name}: {schema.error_log.last_error}"


def test_document_info_page_area_and_outline(built):
    package = parts(built / "2022-kaiban.ofd")
    info = etree.fromstring(package["OFD.xml"]).find("ofd:DocBody/ofd:DocInfo", NS)
    assert info.findtext("ofd:Title", namespaces=NS)
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH))
    assert info.findtext("ofd:CreationDate", namespaces=NS) == time.strftime("%Y-%m-%d", time.gmtime(epoch))
    document = etree.fromstring(package["Doc_0/Document.xml"])
    assert document.findtext("ofd:CommonData/ofd:PageArea/ofd:PhysicalBox", namespaces=NS) == "0 0 210 297"
    titles = [e.get("Title") for e in document.iter(f"{{{NS['ofd']}}}OutlineElem")]
    assert titles and titles == outline_titles(built / "2022-kaiban.pdf")


def easyofd_lines(path: Path) -> list[list[tuple[float, str]]]:
    """Per page, (baseline in pt from the top, text) of each visual line, as easyofd reads them."""
    from easyofd.ofd import OFD
    reader = OFD()
    reader.read(str(path), fmt="path")
    pages = reader.data[0]["page_info"]
    result = []
    for number in sorted(pages):
        rows: dict[float, list] = {}
        for obj in pages[number]["text_list"]:
            baseline = (obj["pos"][1] + float(obj["Y"])) / MM
            key = next((b for b in rows if abs(b - baseline) < 0.05), baseline)
            rows.setdefault(key, []).append((obj["pos"][0] + float(obj["X"] or 0), obj["text"]))
        result.append([(b, "".join(t for _, t in sorted(rows[b]))) for b in sorted(rows)])
    return result


def test_easyofd_reads_the_pdfs_text_line_by_line_page_by_page(built):
    for path in ofd_files(built):
        pdf = visual_lines(path.with_suffix(".pdf"))
        ofd = easyofd_lines(path)
        assert len(ofd) == len(PdfReader(path.with_suffix(".pdf")).pages), path.name
        for number, lines in enumerate(ofd, start=1):
            expected = [(line.baseline, line.text.replace(" ", "")) for line in pdf if line.page == number]
            assert [t for _, t in lines] == [t for _, t in expected], f"{path.name} page {number}"
            assert all(abs(a - b) < 0.1 for (a, _), (b, _) in zip(lines, expected)), f"{path.name} page {number}"


def test_the_fonts_are_embedded_subsets_holding_every_character_drawn(built):
    package = parts(built / "huibian.ofd")
    res = etree.fromstring(package["Doc_0/PublicRes.xml"])
    cmaps = {font.get("ID"): TTFont(io.BytesIO(package["Doc_0/Res/" + font.findtext("ofd:FontFile", namespaces=NS)]))
             .getBestCmap() for font in res.iter(f"{{{NS['ofd']}}}Font")}
    used: dict[str, set[str]] = {}
    for name, data in package.items():
        if name.endswith("/Content.xml"):
            for text in etree.fromstring(data).iter(f"{{{NS['ofd']}}}TextObject"):
                used.setdefault(text.get("Font"), set()).update(text.findtext("ofd:TextCode", namespaces=NS))
    assert used and set(used) == set(cmaps)
    for font_id, characters in used.items():
        assert {ord(ch) for ch in characters} <= set(cmaps[font_id]), font_id
        assert len(cmaps[font_id]) < len(characters) + 40         # a subset, not the whole font
    sizes = {name: len(data) for name, data in package.items() if name.endswith(".ttf")}
    assert sum(sizes.values()) < (ROOT / "fonts" / "ZhuqueFangsong-GB.ttf").stat().st_size


def render_once(epoch: str, monkeypatch) -> bytes:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    kit = jobs.prepare(load_settings(ROOT, {"formats": ("ofd",), "quiet": True}))
    from handout.plan import plan
    job = next(j for j in plan(kit.settings, [ROOT / "content" / "2022-kaiban.md"]))
    doc, layout, _ = jobs._arrange(job, kit)
    return kit.writers["ofd"].render(doc, layout)


def test_same_input_and_epoch_give_the_same_bytes_and_the_epoch_dates_it(monkeypatch):
    first, again = render_once("1700000000", monkeypatch), render_once("1700000000", monkeypatch)
    assert first == again
    later = render_once("1800000000", monkeypatch)
    date = etree.fromstring(parts_of(later)["OFD.xml"]).findtext(".//ofd:CreationDate", namespaces=NS)
    assert date == "2027-01-15" and later != first
    for info in zipfile.ZipFile(io.BytesIO(later)).infolist():
        assert info.date_time == (2027, 1, 15, 8, 0, 0)


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_ofd_is_built_on_request_only_and_recorded_in_the_manifest(tmp_path):
    import json
    import subprocess
    import sys
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "x.md").write_text("---\ntitle: 在会议上的讲话\n---\n\n同志们：\n\n今天开会。\n",
                                               encoding="utf-8")

    def build(*args):
        result = subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=tmp_path,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout
    build()
    out = tmp_path / "output"
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["x.docx", "x.pdf"]
    assert "x.ofd" in build("--only", "ofd")
    assert (out / "x.pdf").is_file() and zipfile.is_zipfile(out / "x.ofd")
    (tmp_path / "handout.toml").write_text('formats = ["pdf", "docx", "ofd"]\n', encoding="utf-8")
    assert "x.ofd" not in build()                   # current: recorded by the --only ofd build
    manifest = json.loads((out / ".manifest.json").read_text(encoding="utf-8"))
    assert {"x.pdf", "x.docx", "x.ofd"} <= set(manifest["outputs"])
