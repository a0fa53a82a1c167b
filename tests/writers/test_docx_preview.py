"""Our DOCX in docx-preview (npm), the previewer web office (OA) systems embed to show an
attachment, in headless Chromium: every paragraph's text in order, headings set apart from
body text, the TOC's page numbers at the right margin behind a dot leader, the running header
and '— n —' page numbers.

docx-preview 0.4 computes tab stops only with its `experimental` option, and then only from
a paragraph's own w:tabs (not its style's): the DOCX writes the TOC rows' tab stop on each
row as well. Without that option (the default) a tab is an em space: the numbers follow
the entries. It shows a section as one sheet (no pagination), every PAGE field with the
number Word last wrote (the README says so)."""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path

import docx
import pytest

NODE = Path(__file__).parent / "docxpreview" / "node_modules"
SCRIPTS = [NODE / "jszip" / "dist" / "jszip.min.js", NODE / "docx-preview" / "dist" / "docx-preview.min.js"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium)"),
    pytest.mark.skipif(not all(s.is_file() for s in SCRIPTS),
                       reason="docx-preview not installed (make test: npm ci in tests/writers/docxpreview)"),
]

# what the tests read back from the rendered page (plain DOM facts, no docx-preview internals)
READ = """async ([b64, experimental]) => {
    const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
    const box = document.getElementById("c");
    box.innerHTML = "";
    await docx.renderAsync(bytes, box, null, {renderHeaders: true, renderFooters: true, experimental});
    await new Promise(done => setTimeout(done, 1000));    // it sets tab stops 0.5 s after rendering
    const font = e => { const s = e.querySelector("span") || e; const c = getComputedStyle(s);
                        return [c.fontFamily, c.fontWeight, c.fontSize].join("|"); };
    return [...box.querySelectorAll("section.docx")].map(section => {
        const article = section.querySelector("article");
        const right = article.getBoundingClientRect().right;    // the type area's right edge
        return {
            header: [...section.querySelectorAll("header p")].map(p => p.textContent),
            footer: [...section.querySelectorAll("footer p")].map(p => p.textContent),
            paragraphs: [...article.querySelectorAll(":scope > p")].map(p => ({
                cls: p.className, text: p.textContent, font: font(p),
                last: p.lastElementChild ? (p.querySelector("a > span:last-child") || p.lastElementChild)
                                            .getBoundingClientRect().right - right : null,
                leader: [...p.querySelectorAll("span")].some(s => getComputedStyle(s).textDecorationStyle === "dotted"),
            })),
        };
    });
}"""


@pytest.fixture(scope="module")
def preview():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1000, "height": 1400})
        page.set_content('<!doctype html><meta charset="utf-8"><body><div id="c"></div>')
        for script in SCRIPTS:
            page.add_script_tag(path=str(script))

        def read(path: Path, experimental: bool = True):
            return page.evaluate(READ, [base64.b64encode(path.read_bytes()).decode(), experimental])
        yield read
        browser.close()


def test_every_paragraph_in_order(built, stems, preview):
    """The texts of the body's paragraphs, as python-docx reads them, in docx-preview."""
    for stem in stems:
        shown = [p["text"] for s in preview(built / f"{stem}.docx") for p in s["paragraphs"] if p["text"].strip()]
        written = [p.text for p in docx.Document(str(built / f"{stem}.docx")).paragraphs if p.text.strip()]
        assert [t.replace("\t", "").replace("\u2003", "").replace("\xa0", "") for t in shown] == \
               [t.replace("\t", "").replace("\n", "") for t in written], stem


def test_headings_are_set_apart_from_body_text(built, speech_stems_, preview):
    for stem in speech_stems_:
        paragraphs = [p for s in preview(built / f"{stem}.docx") for p in s["paragraphs"]]
        body = {p["font"] for p in paragraphs if p["cls"] == "docx_bodytext"}
        levels = [{p["font"] for p in paragraphs if p["cls"] == level}
                  for level in ("docx_heading1", "docx_heading2")]
        assert levels[0], stem
        for fonts in filter(None, levels):
            assert not fonts & body, (stem, fonts, body)
        if all(levels):
            assert not levels[0] & levels[1], (stem, levels)


def test_toc_numbers_end_at_the_right_margin_behind_dots(built, stems, preview):
    for stem in stems:
        rows = [p for s in preview(built / f"{stem}.docx") for p in s["paragraphs"] if p["cls"].startswith("docx_toc")
                and p["cls"] != "docx_tocheading"]
        assert rows, stem
        for row in rows:
            assert re.search(r"\d+$", row["text"]) and row["leader"], (stem, row)
        # right-aligned on one tab stop near the margin: docx-preview sets the tab's width
        # in whole points and measures the number in its own way, and ends them 15 px
        # (11 pt) short of the margin; without the rows' own tab stops they follow the
        # entries, 250 px and more from it
        ends = [row["last"] for row in rows]
        assert max(ends) - min(ends) < 1.5 and -20 < min(ends) <= 1, (stem, ends)


def test_page_numbers_on_every_sheet_and_the_running_header(built, stems, speech_stems_, preview):
    """Every sheet (docx-preview shows a section as one) has '— n —' but a booklet's cover
    and the blank pages that pad it to a multiple of four; a speech's body has its running
    header. (In the booklet each speech's section has a
    different first page, without the header, and that is the one docx-preview shows.)"""
    for stem in stems:
        sections = [s for s in preview(built / f"{stem}.docx")
                    if any(p["text"].strip() for p in s["paragraphs"])]
        numbered = [s for s in sections if any(re.fullmatch(r"— \d+ —", f) for f in s["footer"])]
        assert len(numbered) >= len(sections) - 1, stem
    for stem in speech_stems_:
        title = next(p.text for p in docx.Document(str(built / f"{stem}.docx")).paragraphs
                     if p.style.name == "Title")
        body = [s for s in preview(built / f"{stem}.docx")
                if any(p["cls"] == "docx_bodytext" for p in s["paragraphs"])]
        assert body and all(s["header"] == [title] for s in body), stem


@pytest.fixture
def speech_stems_(stems):
    return [s for s in stems if s != "huibian"]
