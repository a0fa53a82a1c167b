"""The booklet for the print shop: padded to a multiple of four pages, an optional 封底, and on
request the imposed PDF (A3 landscape, two pages a side, saddle-stitch order), read back."""

from __future__ import annotations

import re
import shutil

import pdfplumber
import pytest

from handout.writers.imposed import saddle_sides
from tests.conftest import ROOT, build_into, two_one_page_speeches
from tests.pdfcheck import page_count

A3_LANDSCAPE = (1190.55, 841.89)           # 420 x 297 mm in pt
PAGE_NUMBER = re.compile(r"— (\d+) —")


def test_saddle_sides_fold_into_reading_order():
    assert saddle_sides(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]
    assert saddle_sides(6) == [(8, 1), (2, 7), (6, 3), (4, 5)]      # rounded up: 7, 8 blank
    # stacked and folded, the halves read 1..n: each sheet's front right, back left, back
    # right, front left, sheets outside in (first half), then inside out (second half)
    n = 28
    sides = saddle_sides(n)
    first = [page for k in range(n // 4) for page in (sides[2 * k][1], sides[2 * k + 1][0])]
    second = [page for k in reversed(range(n // 4)) for page in (sides[2 * k + 1][1], sides[2 * k][0])]
    assert first + second == list(range(1, n + 1))


@pytest.fixture(scope="module")
def imposed(tmp_path_factory):
    out = tmp_path_factory.mktemp("imposed")
    build_into(out, formats=("pdf",), imposed=True)
    return out


def halves(pdf_path):
    """Each side's left and right half as text, and the page number each half shows."""
    out = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            assert (round(page.width, 2), round(page.height, 2)) == A3_LANDSCAPE
            half = page.width / 2
            out.append([page.crop((x, 0, x + half, page.height)).extract_text() or ""
                        for x in (0, half)])
    return out


def test_the_booklet_is_padded_with_blank_unnumbered_pages_to_a_multiple_of_four(imposed):
    booklet = imposed / "huibian.pdf"
    n = page_count(booklet)
    assert n % 4 == 0
    with pdfplumber.open(booklet) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    last_text = max(i for i, t in enumerate(texts) if t) + 1
    assert 0 < n - last_text < 4                 # only the padding is blank at the end
    assert all(not t for t in texts[last_text:])


def test_each_a3_side_holds_the_right_two_pages_in_saddle_stitch_order(imposed):
    with pdfplumber.open(imposed / "huibian.pdf") as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    sides = halves(imposed / "huibian-imposed.pdf")
    assert len(sides) == len(pages) // 2
    numbers_seen = []
    for (left, right), (left_text, right_text) in zip(saddle_sides(len(pages)), sides):
        for number, text in ((left, left_text), (right, right_text)):
            assert text.split() == pages[number - 1].split(), number
            shown = PAGE_NUMBER.findall(text)
            if shown:                              # "— n —" at the foot of a numbered page
                assert shown[-1] == str(number)
                numbers_seen.append(number)
    assert len(numbers_seen) >= len(pages) - 6    # the cover, TOC title page and blanks aside


def test_the_imposed_booklet_is_only_built_on_request_and_survives_a_rebuild(imposed, tmp_path):
    build_into(imposed, formats=("pdf",), imposed=True, force=True)
    assert (imposed / "huibian-imposed.pdf").is_file()
    build_into(tmp_path, formats=("pdf",))
    assert not list(tmp_path.glob("*-imposed.pdf"))


@pytest.mark.parametrize("back_cover", ["blank", "organiser"])
def test_a_back_cover_is_the_last_page(tmp_path, back_cover):
    content = two_one_page_speeches(tmp_path)
    collection = content / "_collection.yaml"
    collection.write_text(collection.read_text(encoding="utf-8")
                          + f"organiser: 中共X市委组织部\ndate: 2022-10-28\nback_cover: {back_cover}\n",
                          encoding="utf-8")
    build_into(tmp_path / "out", formats=("pdf",), content=content)
    with pdfplumber.open(tmp_path / "out" / "book.pdf") as pdf:
        assert len(pdf.pages) == 8                 # cover, TOC, 3, blank 4, 5, blanks, 封底
        last = pdf.pages[-1]
        words = last.extract_words()
    if back_cover == "blank":
        assert words == []
    else:
        assert [w["text"] for w in words] == ["中共X市委组织部", "2022年10月28日"]
        assert all(w["top"] > last.height / 2 for w in words)     # in the page's lower half
        assert not PAGE_NUMBER.search(" ".join(w["text"] for w in words))


def test_a_first_sheet_png_shows_the_cover_on_the_right(imposed, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("poppler-utils (pdftoppm) is not installed")
    import subprocess
    subprocess.run(["pdftoppm", "-png", "-r", "20", "-f", "1", "-l", "1",
                    str(imposed / "huibian-imposed.pdf"), str(tmp_path / "sheet")], check=True)
    from PIL import Image
    [png] = tmp_path.glob("sheet*.png")
    image = Image.open(png).convert("L")
    width, height = image.size
    assert width > height                          # landscape
    ink = [sum(1 for x in range(x0, x0 + width // 2) for y in range(height) if image.getpixel((x, y)) < 128)
           for x0 in (0, width // 2)]
    assert ink[0] == 0 and ink[1] > 0              # the blank last page left, the cover right
    assert ROOT.exists()
