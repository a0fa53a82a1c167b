"""The clerk's day in the workbench, in Debian's Chromium driven by Playwright, in Chinese:
paste a page -> the speech appears with its review -> correct its title -> fill every X ->
arrange the 汇编 -> download the PDF and read it back (pdfplumber) -> drop an edited DOCX ->
see its changes -> apply -> the content file holds them. Each step checks the page and the
disk. Then: keyboard only, and both languages at 1366x768 (screenshots kept for a person)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium)")

NEW_TITLE = "在全市组工干部培训班开班式上的讲话"
SHOTS = Path(os.environ.get("HANDOUT_SCREENSHOTS", "/tmp/handout-screenshots"))


@pytest.fixture
def server(tmp_path):
    """build.py serve on a free port, in a project with an empty content/ folder."""
    (tmp_path / "content").mkdir()
    log = tmp_path / "stdout.txt"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": ""}
    with open(log, "w") as stdout:
        proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port", "0"],
                                cwd=tmp_path, env=env, stdout=stdout, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while "watching" not in log.read_text() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        url = re.search(r"serving (http://127\.0\.0\.1:\d+/\?token=[\w-]+) ", log.read_text())
        assert url and "watching" in log.read_text(), log.read_text()
        yield url.group(1), tmp_path            # the login address: the token, then a cookie
    finally:
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=20)
        assert proc.returncode == 130 and err.strip() == "interrupted", err


def browser_page(p, locale: str):
    browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale=locale,
                                  accept_downloads=True)
    return browser, context.new_page()


def test_the_clerks_day(server, tmp_path):
    url, root = server
    content = root / "content"
    kaiban = content / "2022-kaiban.md"
    with playwright.sync_playwright() as p:
        browser, page = browser_page(p, "zh-CN")
        try:
            page.goto(url)
            assert page.locator("h1").inner_text() == "讲话稿工作台"
            # paste a page: three speeches appear, the first selected with its review
            page.fill("#paste", SEED.read_text(encoding="utf-8"))
            page.click("#add-form button[type=submit]")
            page.wait_for_selector("li.row[data-name='2022-kaiban']", timeout=60000)
            assert kaiban.is_file()
            page.wait_for_selector("li.row.selected", timeout=60000)   # the first new speech, chosen for the clerk
            page.click("li.row[data-name='2022-kaiban'] button")
            page.wait_for_function("() => document.querySelector('.editing')?.dataset.name === '2022-kaiban'")
            page.wait_for_selector("figure.page img", timeout=60000)
            assert "Ingest report" in page.locator("details.review pre").inner_text()
            assert page.locator("li.row[data-name='2022-kaiban'] .status").inner_text() == "已是最新"

            # correct the title
            page.fill("#front-title", NEW_TITLE)
            page.click("#front-form button[type=submit]")
            page.wait_for_function("t => document.querySelector('#detail h2')?.textContent === t", arg=NEW_TITLE,
                                   timeout=60000)
            assert f"title: {NEW_TITLE}\n" in kaiban.read_text(encoding="utf-8")

            # fill every X, each by typing and Enter, the list shrinking after each rebuild
            count = page.locator(".fills li").count()
            assert count == 12
            for left in range(count, 0, -1):
                page.wait_for_function(f"() => document.querySelectorAll('.fills li').length === {left}", timeout=60000)
                first = page.locator(".fills input.fill").first
                first.fill("1" if left > count - 2 else "七")          # the date's month and day, then words
                first.press("Enter")
            page.wait_for_function("() => document.querySelectorAll('.fills li').length === 0", timeout=60000)
            text = kaiban.read_text(encoding="utf-8")
            assert "date: 2022年1月1日" in text and "拿出七天时间" in text and "X" not in text.split("---")[2]

            # arrange the 汇编: title, leave one speech out, move one up
            page.click("#arrange")
            page.fill("#booklet-title", "全市组工干部培训班讲话选编")
            page.fill("#booklet-date", "2022年10月")
            page.uncheck("#in-2022-jieye")
            page.click("li[data-name='2022-kaiban'] button >> text=上移")
            page.click("li[data-name='2022-kaiban'] button >> text=上移")
            page.click("#booklet-form button[type=submit]")
            page.wait_for_function("() => document.querySelector('#booklet-form .form-error').textContent === '已保存'")
            booklet = (content / "_collection.yaml").read_text(encoding="utf-8")
            assert "title: 全市组工干部培训班讲话选编\n" in booklet and "date: 2022年10月\n" in booklet
            assert "order: [2022-kaiban, 2022-gongzuo-huiyi]\n" in booklet

            # download the PDF and read it back
            page.click("li.row[data-name='2022-kaiban'] button")
            page.wait_for_function("() => document.querySelector('.row.selected .status')?.textContent === '已是最新'",
                                   timeout=60000)
            with page.expect_download() as download:
                page.click("#detail .links a >> text=下载 PDF")
            pdf = tmp_path / "downloaded.pdf"
            download.value.save_as(pdf)
            import pdfplumber
            with pdfplumber.open(pdf) as document:
                texts = [pg.extract_text() or "" for pg in document.pages]
            assert NEW_TITLE in texts[0] and "2022年1月1日" in texts[0]
            assert NEW_TITLE in texts[1].split("\n")[0]                # the running header
            assert "拿出七天时间" in "".join(texts).replace("\n", "")

            # take back an edited DOCX: one paragraph changed, one comment
            with page.expect_download() as download:
                page.click("#detail .links a >> text=下载 DOCX")
            docx_path = tmp_path / "2022-kaiban.docx"
            download.value.save_as(docx_path)
            import docx
            document = docx.Document(docx_path)
            target = next(par for par in document.paragraphs if par.text.startswith("举办这次培训班"))
            for run in target.runs[1:]:
                run.text = ""
            target.runs[0].text = "举办这次培训班，意义十分重大。"
            document.add_comment(target.runs[0], text="这里改得好", author="审稿人")
            document.save(docx_path)
            page.click("#takeback summary")
            page.set_input_files("#takeback-file", str(docx_path))
            page.click("#takeback-form button[type=submit]")
            page.wait_for_selector("ol.diff li.changed")
            assert "意义十分重大" in page.locator("ol.diff").inner_text()
            assert "这里改得好" in page.locator("pre.report-text").first.inner_text()
            assert "意义十分重大" not in kaiban.read_text(encoding="utf-8")       # shown, not written
            page.click("#apply")
            page.wait_for_function("() => document.querySelector('.decide') === null")
            assert "举办这次培训班，意义十分重大。" in kaiban.read_text(encoding="utf-8")
        finally:
            browser.close()


def test_keyboard_only_and_both_languages_at_1366x768(server):
    url, root = server
    from handout import changes
    changes.apply(changes.ingest_pasted(SEED.read_text(encoding="utf-8"), root / "content"))
    SHOTS.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as p:
        for locale, heading in (("zh-CN", "讲话稿工作台"), ("en-US", "讲话稿 workbench")):
            browser, page = browser_page(p, locale)
            try:
                page.goto(url.split("?")[0])            # without the token: how to open it, nothing else
                assert page.locator("h1").inner_text() == heading and "?token=" in page.content()
                assert page.locator("#handouts").count() == 0
                page.screenshot(path=str(SHOTS / f"workbench-no-login-{locale}.png"))
                page.goto(url)
                assert "token" not in page.url           # the cookie set, the address clean again
                page.wait_for_selector("li.row[data-name='2022-kaiban']", timeout=60000)
                assert page.locator("h1").inner_text() == heading
                for _ in range(40):                        # Tab until the speech's button has focus
                    page.keyboard.press("Tab")
                    if page.evaluate("() => document.activeElement.closest('li.row')?.dataset.name") == "2022-kaiban":
                        break
                else:
                    pytest.fail("the speech cannot be reached with Tab")
                page.keyboard.press("Enter")
                page.wait_for_selector("figure.page img", timeout=60000)
                page.wait_for_function("() => [...document.querySelectorAll('figure.page img')].slice(0, 4).every(i => i.complete && i.naturalWidth > 0)")
                width = page.evaluate("() => document.documentElement.scrollWidth")
                assert width <= 1366, width                  # no sideways scrolling at 1366x768
                page.screenshot(path=str(SHOTS / f"workbench-{locale}.png"))
            finally:
                browser.close()


def test_two_tabs_a_stale_save_is_refused_in_the_page_and_nothing_lost(server):
    url, root = server
    from handout import changes
    changes.apply(changes.ingest_pasted(SEED.read_text(encoding="utf-8"), root / "content"))
    kaiban = root / "content" / "2022-kaiban.md"
    with playwright.sync_playwright() as p:
        browser, first = browser_page(p, "zh-CN")
        try:
            second = first.context.new_page()
            for tab in (first, second):
                tab.goto(url + "#2022-kaiban")
                tab.wait_for_selector("#front-title", timeout=60000)
            second.fill("#front-title", "第二个标签页的标题")          # typed, not yet saved
            first.fill("#front-title", "第一个标签页的标题")
            first.click("#front-form button[type=submit]")
            first.wait_for_function("() => document.querySelector('#detail h2')?.textContent === '第一个标签页的标题'",
                                    timeout=60000)
            second.wait_for_function("() => document.querySelector('#detail h2')?.textContent === '第一个标签页的标题'",
                                     timeout=60000)              # the other tab updated itself …
            assert second.input_value("#front-title") == "第二个标签页的标题"   # … and kept what is typed
            second.click("#front-form button[type=submit]")
            second.wait_for_function("() => document.querySelector('#front-form .form-error').textContent !== ''")
            message = second.locator("#front-form .form-error").inner_text()
            assert message == ("content/2022-kaiban.md: 出错: 打开之后文件已被改动（在其他标签页或编辑器中）："
                               "请刷新查看，再重新修改")
            assert "title: 第一个标签页的标题\n" in kaiban.read_text(encoding="utf-8")
        finally:
            browser.close()
