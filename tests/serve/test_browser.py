"""The clerk's day in the workbench, in Debian's Chromium driven by Playwright, in Chinese:
paste a page -> the speech appears with its review -> correct its title -> fill every X ->
arrange the 汇编 -> download the PDF and read it back (pdfplumber) -> drop an edited DOCX ->
see its changes -> apply -> the content file holds them. Each step checks the page and the
disk. Then: keyboard only, and both languages at 1366x768 (screenshots kept for a person)."""

from __future__ import annotations

import contextlib
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
    yield from serving(tmp_path)


def serving(root: Path):
    """build.py serve in `root`, as the clerk starts it: (the address it prints, root)."""
    log = root / "stdout.txt"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": ""}
    with open(log, "w") as stdout:
        proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port", "0"],
                                cwd=root, env=env, stdout=stdout, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while "watching" not in log.read_text() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        url = re.search(r"serving (http://127\.0\.0\.1:\d+/\?token=[\w-]+) ", log.read_text())
        assert url and "watching" in log.read_text(), log.read_text()
        yield url.group(1), root                # the login address: the token, then a cookie
    finally:
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=20)
        assert proc.returncode == 130 and err.strip() == "interrupted", err


@pytest.fixture
def seeded(server):
    """The server, with the seed page's three speeches added (as the page adds them)."""
    url, root = server
    from handout import changes
    changes.apply(changes.ingest_pasted(SEED.read_text(encoding="utf-8"), root / "content"))
    return url, root


@contextlib.contextmanager
def chromium(locale: str = "zh-CN"):
    """A page of Debian's Chromium at 1366x768 in `locale`, closed afterwards."""
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            context = browser.new_context(viewport={"width": 1366, "height": 768}, locale=locale,
                                          accept_downloads=True)
            yield context.new_page()
        finally:
            browser.close()


def test_the_clerks_day(server, tmp_path):
    url, root = server
    content = root / "content"
    kaiban = content / "2022-kaiban.md"
    with chromium() as page:
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
        assert order_shown(page) == ["2022-gongzuo-huiyi", "2022-jieye", "2022-kaiban"]
        drag_above(page, "2022-kaiban", "2022-gongzuo-huiyi")
        assert order_shown(page) == ["2022-kaiban", "2022-gongzuo-huiyi", "2022-jieye"]
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
        comment = page.locator("#detail .comment-list li")             # the reviewer's comment, as data
        assert comment.count() == 1
        assert comment.locator(".author").inner_text() == "审稿人"
        assert comment.locator(".on").inner_text() == "举办这次培训班，意义十分重大。"
        assert comment.locator(".said").inner_text() == "这里改得好"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "workbench-takeback-zh-CN.png"), full_page=True)
        assert "意义十分重大" not in kaiban.read_text(encoding="utf-8")       # shown, not written
        page.click("#apply")
        page.wait_for_function("() => document.querySelector('.decide') === null")
        assert "举办这次培训班，意义十分重大。" in kaiban.read_text(encoding="utf-8")
        # the comment is kept for the next round (content/_reports/…comments.yaml) and shown with the speech
        page.click("li.row[data-name='2022-kaiban'] button")
        page.wait_for_selector("details.comments .comment-list li", timeout=60000)
        assert page.locator("details.comments .said").inner_text() == "这里改得好"
        assert page.locator("details.comments .author").inner_text() == "审稿人"
        # for the screenshot only: the panel is drawn again when the rebuild after 应用 lands,
        # so a scroll that waits for the element to stay put can find it detached
        page.evaluate("document.querySelector('details.comments')?.scrollIntoView()")
        page.screenshot(path=str(SHOTS / "workbench-comments-zh-CN.png"))


def order_shown(page) -> list[str]:
    return page.eval_on_selector_all("ol.order li", "items => items.map(li => li.dataset.name)")


def drag_above(page, name: str, other: str) -> None:
    """Drag one speech of the 汇编 by its grip onto the top edge of another (HTML5 drag and drop)."""
    page.drag_and_drop(f"ol.order li[data-name='{name}'] .grip", f"ol.order li[data-name='{other}']",
                       target_position={"x": 10, "y": 2})


def test_keyboard_only_and_both_languages_at_1366x768(seeded):
    url, _root = seeded
    SHOTS.mkdir(parents=True, exist_ok=True)
    for locale, heading in (("zh-CN", "讲话稿工作台"), ("en-US", "讲话稿 workbench")):
        with chromium(locale) as page:
            page.goto(url.split("?")[0])            # without the token: how to open it, nothing else
            assert page.locator("h1").inner_text() == heading and "?token=" in page.content()
            assert page.locator("#handouts").count() == 0
            page.screenshot(path=str(SHOTS / f"workbench-no-login-{locale}.png"))
            page.goto(url)
            assert "token" not in page.url           # the cookie set, the address clean again
            page.wait_for_selector("li.row[data-name='2022-kaiban']", timeout=60000)
            assert page.locator("h1").inner_text() == heading
            focus_by_tab(page, "li.row[data-name='2022-kaiban'] button")
            page.keyboard.press("Enter")
            page.wait_for_selector("figure.page img", timeout=60000)
            page.wait_for_function("() => [...document.querySelectorAll('figure.page img')].slice(0, 4).every(i => i.complete && i.naturalWidth > 0)")
            width = page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= 1366, width                  # no sideways scrolling at 1366x768
            page.screenshot(path=str(SHOTS / f"workbench-{locale}.png"))


def test_two_tabs_a_stale_save_is_refused_in_the_page_and_nothing_lost(seeded):
    url, root = seeded
    kaiban = root / "content" / "2022-kaiban.md"
    with chromium() as first:
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


def focus_by_tab(page, selector: str, presses: int = 80) -> None:
    """Press Tab until the element `selector` has the focus (keyboard only)."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
    pytest.fail(f"{selector} cannot be reached with Tab")


def test_the_booklet_is_arranged_by_keyboard_alone_and_by_drag(seeded):
    url, root = seeded
    collection = root / "content" / "_collection.yaml"
    with chromium() as page:
        page.goto(url)
        page.wait_for_selector("li.row[data-name='2022-kaiban']", timeout=60000)
        focus_by_tab(page, "#arrange")
        page.keyboard.press("Enter")
        page.wait_for_selector("ol.order li")
        assert order_shown(page) == ["2022-gongzuo-huiyi", "2022-jieye", "2022-kaiban"]
        focus_by_tab(page, "#booklet-title")
        page.keyboard.type("讲话选编")
        focus_by_tab(page, "li[data-name='2022-kaiban'] button.up")
        page.keyboard.press("Enter")
        page.keyboard.press("Enter")                  # the focus stays on the button it pressed
        assert order_shown(page) == ["2022-kaiban", "2022-gongzuo-huiyi", "2022-jieye"]
        focus_by_tab(page, "#booklet-form button[type=submit]")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('#booklet-form .form-error').textContent !== ''")
        assert page.locator("#booklet-form .form-error").inner_text() == "已保存"
        assert "order: [2022-kaiban, 2022-gongzuo-huiyi, 2022-jieye]\n" in collection.read_text(encoding="utf-8")

        drag_above(page, "2022-jieye", "2022-kaiban")
        assert order_shown(page) == ["2022-jieye", "2022-kaiban", "2022-gongzuo-huiyi"]
        page.screenshot(path=str(SHOTS / "workbench-booklet-zh-CN.png"))
        page.click("#booklet-form button[type=submit]")
        page.wait_for_function("() => document.querySelector('#booklet-form .form-error').textContent === '已保存'")
        assert "order: [2022-jieye, 2022-kaiban, 2022-gongzuo-huiyi]\n" in collection.read_text(encoding="utf-8")


@pytest.fixture
def ofd_server(tmp_path):
    """build.py serve in a project whose handout.toml asks for OFD too, with the seed's speeches."""
    (tmp_path / "handout.toml").write_text('formats = ["pdf", "docx", "ofd"]\n', encoding="utf-8")
    from handout import changes
    changes.apply(changes.ingest_pasted(SEED.read_text(encoding="utf-8"), tmp_path / "content"))
    yield from serving(tmp_path)


def test_each_speechs_ofd_downloads_validates_and_is_in_the_zip(ofd_server, tmp_path_factory):
    from lxml import etree
    from tests.writers.test_ofd import SCHEMAS, parts_of, schema_for
    url, root = ofd_server
    got = tmp_path_factory.mktemp("downloads")
    schemas = {}
    with chromium() as page:
        page.goto(url)
        for name in ("2022-gongzuo-huiyi", "2022-jieye", "2022-kaiban"):
            page.wait_for_selector(f"li.row[data-name='{name}']", timeout=120000)
            page.click(f"li.row[data-name='{name}'] button")
            page.wait_for_function("n => document.querySelector('.editing')?.dataset.name === n", arg=name,
                                   timeout=60000)
            with page.expect_download() as download:
                page.click("#detail .links a >> text=下载 OFD")
            assert download.value.suggested_filename == f"{name}.ofd"
            ofd = got / f"{name}.ofd"
            download.value.save_as(ofd)
            assert ofd.read_bytes() == (root / "output" / f"{name}.ofd").read_bytes()
            xml = {n: data for n, data in parts_of(ofd.read_bytes()).items() if n.endswith(".xml")}
            assert {"OFD.xml", "Doc_0/Document.xml"} <= set(xml)
            for part, data in xml.items():        # every part valid against GB/T 33190's schemas
                xsd = schema_for(part)
                schema = schemas.setdefault(xsd, etree.XMLSchema(etree.parse(str(SCHEMAS / xsd))))
                assert schema.validate(etree.fromstring(data)), f"{name}/{part}: {schema.error_log.last_error}"
        with page.expect_download() as download:
            page.click("header a.all")
        bundle = got / "handouts.zip"
        download.value.save_as(bundle)
        import zipfile
        with zipfile.ZipFile(bundle) as archive:
            for name in ("2022-gongzuo-huiyi", "2022-jieye", "2022-kaiban"):
                assert archive.read(f"handouts/{name}.ofd") == (got / f"{name}.ofd").read_bytes()
            assert sorted(n for n in archive.namelist() if n.endswith(".ofd")) == \
                sorted(f"handouts/{p.name}" for p in (root / "output").glob("*.ofd"))


def test_a_conflict_is_shown_with_both_texts_then_decided_for_the_copy(seeded, tmp_path_factory):
    url, root = seeded
    from tests.docx_in.helpers import edit_docx, replace_in
    kaiban = root / "content" / "2022-kaiban.md"
    built = root / "output" / "2022-kaiban.docx"
    deadline = time.monotonic() + 120
    while not built.is_file() and time.monotonic() < deadline:
        time.sleep(0.2)
    copy = tmp_path_factory.mktemp("copy") / "2022-kaiban.docx"
    copy.write_bytes(built.read_bytes())
    edit_docx(copy, lambda document: replace_in(                     # the reviewer's edit …
        next(p for p in document.paragraphs if p.text.startswith("举办这次培训班")), "培训业务", "学习业务"))
    kaiban.write_text(kaiban.read_text(encoding="utf-8").replace("举办这次培训班，既是", "举办这次培训班，首先是"),
                      encoding="utf-8")                               # … and the office's, since the build
    before = kaiban.read_bytes()
    with chromium() as page:
        page.goto(url)
        page.click("#takeback summary")
        page.set_input_files("#takeback-file", str(copy))
        page.click("#takeback-form button[type=submit]")
        page.wait_for_selector("ol.conflicts li", timeout=60000)
        assert page.locator("ol.conflicts li").count() == 1
        assert "首先是一次培训业务" in page.locator("ol.conflicts .ours").inner_text()
        assert "既是一次学习业务" in page.locator("ol.conflicts .theirs").inner_text()
        assert page.locator("ol.conflicts .ours").inner_text().startswith("今天的文字（已保留）：")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "workbench-conflict-zh-CN.png"), full_page=True)
        assert kaiban.read_bytes() == before                       # shown, not written
        page.click("#apply-theirs")                                 # the copy's text taken
        page.wait_for_function("() => document.querySelector('.decide') === null")
        text = kaiban.read_text(encoding="utf-8")
        assert "既是一次学习业务" in text and "首先是一次培训业务" not in text
