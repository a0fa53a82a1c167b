"""`serve --quit-after-close S` (the desktop launcher's server): it runs while a page is open
in Chromium, however long, and ends by itself, status 0 and one line saying why, once the
last tab has been closed for S seconds; a server whose page never opened ends too."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

def start(project: Path, log: Path, quit_s: int) -> subprocess.Popen:
    (project / "content").mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": ""}
    with open(log, "w") as out:
        return subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port", "0",
                                 "--quit-after-close", str(quit_s)],
                                cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)
    return condition()


def test_a_server_whose_page_never_opened_ends(tmp_path):
    server = start(tmp_path, tmp_path / "log.txt", 3)
    try:
        assert server.wait(timeout=120) == 0
    finally:
        server.kill()
    assert "no page open for 3 s: the workbench has stopped" in (tmp_path / "log.txt").read_text()


def test_it_runs_while_a_tab_is_open_and_ends_once_the_last_is_closed(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("no chromium on PATH (apt-get install chromium)")
    quit_s = 5
    log = tmp_path / "log.txt"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        first, second = browser.new_page(), browser.new_page()
        server = start(tmp_path, log, quit_s)       # its clock runs from here: the browser is up
        try:
            assert wait_for(lambda: re.search(r"serving (http://\S+)", log.read_text()), 60), log.read_text()
            url = re.search(r"serving (http://\S+)", log.read_text()).group(1)
            for page in (first, second):
                page.goto(url)
                page.wait_for_selector("#live.on")          # its event stream is open
            time.sleep(2 * quit_s)
            assert server.poll() is None, log.read_text()    # two tabs open: still running
            first.close()
            time.sleep(1.5 * quit_s)
            assert server.poll() is None, log.read_text()    # one tab open: still running
            second.reload()                                  # a reload closes and reopens its stream
            second.wait_for_selector("#live.on")
            time.sleep(1.5 * quit_s)
            assert server.poll() is None, log.read_text()
            closed = time.monotonic()
            second.close()
            assert server.wait(timeout=60) == 0, log.read_text()
            waited = time.monotonic() - closed
        finally:
            server.kill()
            browser.close()
    assert quit_s <= waited < quit_s + 15, waited
    assert log.read_text().rstrip().endswith(f"no page open for {quit_s} s: the workbench has stopped")
