"""build.py serve in a real browser: Playwright driving Debian's chromium opens the page,
clicks a speech, sees its pages, and sees an edit of the content file arrive without a reload."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import REVIEWED, ROOT

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium)")

NEW_TEXT = "请各位同志认真做好网页预览测试"


@pytest.fixture
def server(tmp_path):
    """build.py serve on a free port, in a project holding a copy of one reviewed speech (X not filled)."""
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(REVIEWED / "2022-kaiban.md", content)
    (content / "_collection.yaml").write_text("title: 讲话汇编\nslug: book\n", encoding="utf-8")
    log = tmp_path / "stdout.txt"
    with open(log, "w") as stdout:
        proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port", "0", "--only", "pdf"],
                                cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                stdout=stdout, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while "watching" not in log.read_text() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        url = re.search(r"serving (http://127\.0\.0\.1:\d+/)", log.read_text())
        assert url and "watching" in log.read_text(), log.read_text()
        yield url.group(1), content / "2022-kaiban.md"
    finally:
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=20)
        assert proc.returncode == 130 and err.strip() == "interrupted", err


def test_a_speech_and_its_pages_and_an_edit_arriving_live(server):
    url, speech = server
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(url)
            rows = page.locator("li.row")
            rows.first.wait_for()
            assert rows.count() == 2
            assert "汇编 booklet" in rows.nth(1).inner_text()
            page.click("li.row[data-name='2022-kaiban']")
            page.wait_for_function("document.querySelectorAll('figure.page').length === 9")
            first = page.locator("figure.page img").first
            first.scroll_into_view_if_needed()
            page.wait_for_function("(img => img.complete && img.naturalWidth > 700)",
                                   arg=first.element_handle())
            assert "line 4: date to fill: 2022年X月X日" in page.locator("ul.todo").inner_text()
            old_image = first.get_attribute("src")

            page.evaluate("window.stillTheSamePage = true")
            text = speech.read_text(encoding="utf-8")
            speech.write_text(text.replace("同志们：", f"同志们：\n\n{NEW_TEXT}。", 1), encoding="utf-8")
            page.wait_for_function(
                "t => [...document.querySelectorAll('.page-text')].some(e => e.textContent.includes(t))",
                arg=NEW_TEXT, timeout=30000)
            assert page.evaluate("window.stillTheSamePage") is True      # updated, not reloaded
            assert page.locator("figure.page img").first.get_attribute("src") != old_image
        finally:
            browser.close()
