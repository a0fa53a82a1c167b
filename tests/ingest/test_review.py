"""The review page content/_reports/<page>.html, rendered by a real browser (headless Chromium
through Playwright): what a reviewer sees for kept, changed and dropped lines."""

import shutil
from pathlib import Path

import pytest

from handout.ingest import ingest
from tests.conftest import SEED

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
pytestmark = pytest.mark.skipif(not CHROMIUM, reason="no chromium on PATH (apt-get install chromium)")

PAGE = """首页 > 讲话稿 > 领导讲话
在全县安全生产工作会议上的讲话(精选)
时间：2023-01-05 浏览：12
同志们:
今天,我们召开全县安全生产工作会议,主要任务是部署X项重点工作。
安全生产责任重于泰山,各级各部门要切实扛起责任,不能有丝毫松懈。
预览结束,会员登录后免费立即下载
"""


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def render(browser, path: Path):
    """The page as Chromium shows it, with every request it tried to make."""
    page = browser.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    return page, [u for u in requests if u != path.as_uri()]


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("review")
    raw = folder / "page.txt"
    raw.write_text(PAGE, encoding="utf-8")
    ingest([raw, SEED], folder / "content", echo=lambda m: None)
    return folder / "content" / "_reports"


def test_every_source_line_is_shown_with_its_state(browser, reviewed):
    page, requests = render(browser, reviewed / "page.html")
    rows = page.locator("tr")
    assert rows.count() == len([l for l in PAGE.splitlines() if l.strip()])
    states = [rows.nth(i).locator("td.s").inner_text() for i in range(rows.count())]
    assert states == ["dropped", "dropped", "dropped", "changed", "changed", "changed", "dropped"]
    assert requests == [] and page.locator("script").count() == 0


def test_a_dropped_line_shows_its_reason_and_is_struck_through(browser, reviewed):
    page, _ = render(browser, reviewed / "page.html")
    row = page.locator("#l1")
    assert "breadcrumb" in row.inner_text()
    line = row.locator("s")
    assert "line-through" in line.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "end of the speech" in page.locator("#l7").inner_text()


def test_a_change_is_marked_and_placeholders_are_highlighted(browser, reviewed):
    page, _ = render(browser, reviewed / "page.html")
    row = page.locator("#l5")
    assert row.locator("del").first.inner_text() == ","
    assert row.locator("ins").first.inner_text() == "，"
    mark = row.locator("mark.x")
    assert mark.inner_text() == "X"
    assert mark.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 255, 0)"


def test_the_seed_review_lists_its_speeches_and_what_to_check(browser, reviewed):
    page, requests = render(browser, reviewed / f"{SEED.stem}.html")
    text = page.locator("body").inner_text()
    assert "2022-kaiban.md" in text and "2022-jieye.md" in text and "2022-gongzuo-huiyi.md" in text
    assert "To check" in text and "fill in month and day" in text
    assert page.locator("tr").count() > 90 and page.locator("mark.x").count() >= 21
    assert requests == []


def test_a_line_joined_into_the_one_before_shows_as_moved_not_dropped(browser, tmp_path):
    raw = tmp_path / "chunks.txt"
    raw.write_text("1、在全县会议上的讲话同志们：今天我们召开全县安全生产工作会议，部署今年任\n"
                   "2、务。安全生产责任重于泰山，各级各部门要切实扛起责任，不能有丝毫松懈。\n", encoding="utf-8")
    ingest([raw], tmp_path / "content", echo=lambda m: None)
    page, _ = render(browser, tmp_path / "content" / "_reports" / "chunks.html")
    assert page.locator("#l2 td.s").inner_text() == "moved"
    assert "joined to line 1" in page.locator("#l2").inner_text()
    assert "务。安全生产" in page.locator("#l1 ins").all_inner_texts()[-1]


def test_in_a_chinese_locale_the_review_reads_in_chinese(browser, tmp_path, monkeypatch):
    """The review written under LANG=zh_CN: states, legend, reasons and notes in Chinese, as
    Chromium renders it (a screenshot is kept in $HANDOUT_SCREENSHOTS to look at)."""
    import os
    import re
    from tests.test_i18n_cli import english_words
    monkeypatch.setenv("LANGUAGE", "zh_CN")
    raw = tmp_path / "page.txt"
    raw.write_text(PAGE, encoding="utf-8")
    ingest([raw, SEED], tmp_path / "content", echo=lambda m: None)
    page, requests = render(browser, tmp_path / "content" / "_reports" / "page.html")
    states = page.locator("td.s").all_inner_texts()
    assert states == ["删去", "删去", "删去", "修改", "修改", "修改", "删去"]
    assert "面包屑导航" in page.locator("#l1").inner_text()
    assert "讲话预览的末尾，之后是页脚" in page.locator("#l7").inner_text()
    assert page.locator("h1").inner_text() == "导入审阅：page.txt"
    assert re.search(r"保留 0\s*修改 3\s*部分删去 0\s*并入他行 0\s*删去 4", page.locator("p.legend").inner_text())
    seed, _ = render(browser, tmp_path / "content" / "_reports" / f"{SEED.stem}.html")
    seed.set_viewport_size({"width": 1366, "height": 768})
    text = seed.locator("body").inner_text()
    assert "待核对" in text and "只知道年份：请填写月和日" in text and "To check" not in text
    own_words = "\n".join(seed.locator("h1, p.legend, td.s, .why, .flag li, .flag b").all_inner_texts())
    assert english_words(own_words) == []
    shots = Path(os.environ.get("HANDOUT_SCREENSHOTS", "/tmp/handout-screenshots"))
    shots.mkdir(parents=True, exist_ok=True)
    seed.screenshot(path=str(shots / "review-zh-CN.png"))
    assert requests == []


# ---------------------------------------------------------------- a long line's diff (issue #23 audit)
def _sides(marked: str) -> tuple[str, str]:
    """(before, after) read back from a diff's HTML: struck text is before's, marked after's."""
    import html
    import re
    plain = re.sub(r"</?mark[^>]*>", "", marked)
    before = re.sub(r"<ins>.*?</ins>", "", plain, flags=re.S)
    after = re.sub(r"<del>.*?</del>", "", plain, flags=re.S)
    strip = lambda text: html.unescape(re.sub(r"</?(?:del|ins)>", "", text))    # noqa: E731
    return strip(before), strip(after)


@pytest.mark.parametrize("before, after", [
    ("我们要切实扛起责任&nbsp;，不能有丝毫松懈。" * 3000, "我们要切实扛起责任，不能有丝毫松懈。" * 3000),
    ("&amp;" * 2000, "&" * 2000),
    ("今天开会。" * 50 + "X" * 900, "今天开会。" * 50 + "某" * 700),
])
def test_a_long_lines_diff_still_shows_both_texts_whole(before, after):
    """Bounded (sentence by sentence, a piece too long marked whole; timings in
    bench/review_diff.py): struck and marked text still add up to the line before and after."""
    from handout.ingest.review import _diff
    assert _sides(_diff(before, after)) == (before, after)
