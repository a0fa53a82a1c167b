"""The OFD as ofd.js (an independent renderer, npm) draws it in headless Chromium, against
our PDF as poppler draws it at the same size: the text lines fall on the same rows.

ofd.js 0.2.6 draws text in the system's fonts by FamilyName (it does not load embedded
fonts), so glyph shapes differ from the PDF's; where each glyph and line sits is the OFD's.
"""

from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

OFDJS = Path(__file__).parent / "ofdjs" / "node_modules" / "ofd.js" / "lib" / "ofd.umd.min.js"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium)"),
    pytest.mark.skipif(not OFDJS.is_file(), reason="ofd.js not installed (make test: npm ci in tests/writers/ofdjs)"),
    pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="no pdftoppm (apt-get install poppler-utils)"),
]
WIDTH = 600                   # px asked of ofd.js; poppler renders at the size ofd.js gave
INK = 200                     # grey below which a pixel is ink: the 0.5 pt rule, antialiased, is light

RENDER = """([b64, index, width]) => new Promise((done, failed) => {
    const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
    ofd.parseOfdDocument({ofd: new File([bytes], "x.ofd"), success(res) {
        const pages = ofd.renderOfd(width, res[0]);
        const page = pages[index];
        page.id = "page";
        page.style.margin = "0";
        document.body.appendChild(page);
        done(pages.length);
    }, fail: e => failed(String(e))});
})"""


def ofdjs_page(path: Path, index: int, out: Path) -> int:
    """Page `index` of the OFD as ofd.js draws it, screenshot to `out`; the page count."""
    from playwright.sync_api import sync_playwright
    html = out.with_suffix(".html")
    html.write_text(f'<!doctype html><meta charset="utf-8"><script src="{OFDJS.as_uri()}"></script>'
                    '<style>body{margin:0;background:#fff}</style>', encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": WIDTH + 40, "height": 1000})
            page.goto(html.as_uri())
            count = page.evaluate(RENDER, [base64.b64encode(path.read_bytes()).decode(), index, WIDTH])
            page.wait_for_timeout(300)
            page.locator("#page").screenshot(path=str(out))
        finally:
            browser.close()
    return count


def poppler_page(pdf: Path, number: int, size: tuple[int, int], out: Path) -> None:
    stem = out.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-f", str(number), "-l", str(number), "-singlefile",
                    "-scale-to-x", str(size[0]), "-scale-to-y", str(size[1]), str(pdf), str(stem)],
                   check=True)


def ink_rows(png: Path) -> list[tuple[int, int]]:
    """The bands of pixel rows holding dark pixels: the printed lines, top to bottom (a
    band's parts one blank row apart, such as a dash above its antialiased edge, are one)."""
    image = Image.open(png).convert("L")
    width, height = image.size
    pixels = image.load()
    inked = [any(pixels[x, y] < INK for x in range(width)) for y in range(height)]
    bands, start = [], None
    for y, ink in enumerate(inked + [False]):
        if ink and start is None:
            start = y
        elif not ink and start is not None:
            if bands and start - bands[-1][1] <= 2:
                start = bands.pop()[0]
            bands.append((start, y - 1))
            start = None
    return bands


def test_ofdjs_page_2_has_its_lines_on_the_rows_of_the_pdfs_page_2(built, tmp_path):
    ofd = built / "2022-kaiban.ofd"
    ofd_png, pdf_png = tmp_path / "ofdjs-p2.png", tmp_path / "poppler-p2.png"
    assert ofdjs_page(ofd, 1, ofd_png) == 9
    size = Image.open(ofd_png).size
    assert abs(size[1] / size[0] - 297 / 210) < 0.01           # an A4 page
    poppler_page(ofd.with_suffix(".pdf"), 2, size, pdf_png)
    ofd_rows, pdf_rows = ink_rows(ofd_png), ink_rows(pdf_png)
    assert len(pdf_rows) >= 22                                  # a full page of text, header, number
    assert len(ofd_rows) == len(pdf_rows), (ofd_rows, pdf_rows)
    for (top, bottom), (pdf_top, pdf_bottom) in zip(ofd_rows, pdf_rows):
        # the same row within 3 px (1 mm): the renderers' fonts differ in height, not position
        assert abs((top + bottom) / 2 - (pdf_top + pdf_bottom) / 2) <= 3, ((top, bottom), (pdf_top, pdf_bottom))
