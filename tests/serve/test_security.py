"""What the workbench refuses, each with every file of the project unchanged: a POST from
another origin, without the page's token, with a wrong or doubled Host, an upload over the
limit, a DOCX bomb, a path in an upload's name, a save on a stale version. And what it sends:
a CSP on every answer, UTF-8 file names, names with #, % and " that work, the ingest review
with the scraped page's images and links as text, page numbers in ASCII digits only."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from handout import edit
from handout.serve import server
from handout.watch import Watcher
from tests.conftest import SEED, two_one_page_speeches, word_bomb

TOKEN = "test-token"
LOGIN = "test-login"
GOOD = {"X-Handout-Token": TOKEN, "Origin": "http://testserver"}


def logged_in(watcher) -> TestClient:
    """A client of the workbench holding its login cookie, as a browser does once it has
    opened the address `serve` printed."""
    client = TestClient(server.make_app(watcher, {"testserver"}, TOKEN, LOGIN), base_url="http://testserver")
    client.cookies.set("handout-login", LOGIN)
    return client


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    content = two_one_page_speeches(root)
    (content / 'a#b%c"d 讲话.md').write_text("---\ntitle: 名字古怪的讲话\n---\n\n同志们：今天开会。\n", encoding="utf-8")
    watcher = Watcher(root, {"jobs": 1, "formats": ("pdf",)}, out=lambda line: None, problem=lambda line: None)
    watcher.start()
    return logged_in(watcher), root, watcher


def speech_version(client, name="s1") -> str:
    return client.get(f"/api/speech/{name}").json()["version"]


@pytest.mark.parametrize("headers", [
    {"X-Handout-Token": TOKEN, "Origin": "http://evil.example"},                 # another site
    {"X-Handout-Token": TOKEN, "Origin": "http://testserver", "Sec-Fetch-Site": "cross-site"},
    {"X-Handout-Token": TOKEN, "Sec-Fetch-Site": "same-site"},
    {"Origin": "http://testserver"},                                              # no token
    {"X-Handout-Token": "guessed", "Origin": "http://testserver"},
    {"X-Handout-Token": TOKEN},                                                   # neither Origin nor Sec-Fetch-Site
], ids=["cross-origin", "cross-site", "same-site", "no-token", "wrong-token", "no-origin"])
def test_a_write_not_from_the_page_is_refused(site, headers):
    client, root, _watcher = site
    before = snapshot(root)
    answer = client.post("/api/speech/s1/front", json={"values": {"title": "被改了"}, "version": speech_version(client)},
                         headers=headers)
    assert answer.status_code == 403
    answer = client.post("/api/ingest", data={"text": "同志们：\n\n今天开会。\n"}, headers=headers)
    assert answer.status_code == 403
    assert snapshot(root) == before


def test_the_same_write_from_the_page_is_made(site):
    client, root, _watcher = site
    s2 = root / "content" / "s2.md"
    before = s2.read_bytes()
    answer = client.post("/api/speech/s2/paragraph", headers=GOOD, json={
        "line": 8, "text": "今天又开会。", "version": edit.version_of(s2)})
    assert answer.status_code == 200, answer.text
    assert "今天又开会。" in s2.read_text(encoding="utf-8")
    s2.write_bytes(before)


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1:1", "", None])
def test_a_wrong_or_missing_host_is_refused(site, host):
    client, root, _watcher = site
    before = snapshot(root)
    for method in ("GET", "POST"):
        headers = dict(GOOD)
        headers["host"] = host if host is not None else ""
        answer = client.request(method, "/api/status", headers=headers)
        assert answer.status_code == 400, (method, host)
    assert snapshot(root) == before


def test_two_host_headers_are_refused(site):
    client, _root, _watcher = site
    app = client.app
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)
    scope = {"type": "http", "method": "GET", "path": "/api/status", "raw_path": b"/api/status",
             "query_string": b"", "root_path": "", "scheme": "http", "http_version": "1.1",
             "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 5000),
             "headers": [(b"host", b"testserver"), (b"host", b"evil.example")]}
    import asyncio
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 400


def test_an_upload_over_the_limit_is_refused(site, monkeypatch):
    client, root, _watcher = site
    before = snapshot(root)
    big = b"x" * (server.MAX_BODY + 1)
    answer = client.post("/api/ingest", headers=GOOD, files={"file": ("big.txt", big, "text/plain")})
    assert answer.status_code == 413
    assert snapshot(root) == before


def test_a_docx_bomb_is_refused(site):
    """docx_in's bound on a part (package.MAX_PART_BYTES) is the one bound, and its message
    is the one message, whatever the door the file came in by."""
    client, root, _watcher = site
    before = snapshot(root)
    bomb = word_bomb(150 * 2**20)
    assert len(bomb) < server.MAX_BODY
    answer = client.post("/api/ingest", headers={**GOOD, "Accept-Language": "zh-CN"},
                         files={"file": ("炸弹.docx", bomb, "application/octet-stream")})
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error.startswith("炸弹.docx: 出错: word/document.xml") and "150" in error, error
    assert snapshot(root) == before


def test_a_path_in_an_upload_name_writes_nothing_outside_content(site):
    client, root, _watcher = site
    page = SEED.read_text(encoding="utf-8")
    answer = client.post("/api/ingest", headers=GOOD,
                         files={"file": ("../../../../tmp/evil/../../outside.txt", page.encode(), "text/plain")})
    assert answer.status_code == 200, answer.text
    written = answer.json()["written"]
    assert written and all(path.startswith("content/") for path in written)
    assert (root / "content" / "_reports" / "outside.md").is_file()
    assert not (root / "outside.txt").exists() and not Path("/tmp/outside.txt").exists()
    for path in written:
        (root / path).unlink()


def test_a_stale_save_is_refused_with_a_clear_message_and_nothing_lost(site):
    client, root, _watcher = site
    s1 = root / "content" / "s1.md"
    old_version = speech_version(client)
    s1.write_text(s1.read_text(encoding="utf-8").replace("今天开会。", "今天开会，编辑器里改的。"), encoding="utf-8")
    before = snapshot(root)
    answer = client.post("/api/speech/s1/front", headers={**GOOD, "Accept-Language": "zh-CN"},
                         json={"values": {"title": "另一个标签页的标题"}, "version": old_version})
    assert answer.status_code == 409
    assert answer.json()["error"] == ("content/s1.md: 出错: 打开之后文件已被改动（在其他标签页或编辑器中）："
                                      "请刷新查看，再重新修改")
    assert snapshot(root) == before and "编辑器里改的" in s1.read_text(encoding="utf-8")


def test_a_front_matter_mistake_is_shown_at_its_field(site):
    client, root, _watcher = site
    before = snapshot(root)
    answer = client.post("/api/speech/s1/front", headers=GOOD,
                         json={"values": {"date": "2022-02-30"}, "version": speech_version(client)})
    assert answer.status_code == 400
    assert answer.json() == {"field": "date",
                             "error": "content/s1.md:3: error: `date`: there is no such date as '2022-02-30'"}
    assert snapshot(root) == before


def test_every_answer_has_a_content_security_policy(site):
    client, _root, _watcher = site
    for path in ("/", "/api/status", "/static/app.js", "/files/s1.pdf", "/nowhere"):
        policy = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "img-src 'self' data:" in policy, path
    assert "content-security-policy" in client.post("/api/ingest").headers


def test_odd_names_download_with_their_utf8_name(site):
    client, _root, _watcher = site
    row = next(r for r in client.get("/api/status").json()["rows"] if r["title"] == "名字古怪的讲话")
    url = row["files"]["pdf"]
    assert url == "/files/a%23b%25c%22d%20%E8%AE%B2%E8%AF%9D.pdf"
    answer = client.get(url)
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")
    assert answer.headers["content-disposition"] == (
        "attachment; filename=\"a#b_c_d __.pdf\"; filename*=UTF-8''a%23b%25c%22d%20%E8%AE%B2%E8%AF%9D.pdf")
    pages = client.get(f"/api/pages/{row['name'].replace('#', '%23').replace('%', '%25')}")
    assert client.get("/api/pages/a%23b%25c%22d%20%E8%AE%B2%E8%AF%9D").json()["pages"][0]["image"].startswith(
        "/pages/a%23b%25c%22d%20%E8%AE%B2%E8%AF%9D/1.png")
    del pages


@pytest.mark.parametrize("number", ["²", "①", "١", "1²", "-1", "0", "99999"])
def test_page_numbers_not_in_ascii_digits_are_refused_cleanly(site, number):
    client, _root, _watcher = site
    assert client.get(f"/pages/s1/{number}.png").status_code == 404
    assert client.get("/pages/s1/1.png").status_code == 200


def test_the_ingest_review_shows_the_pages_images_and_links_as_text(tmp_path):
    content = tmp_path / "content"
    page = ("![x](http://evil.example/track.png)\n[点这里](http://evil.example/)\n"
            + SEED.read_text(encoding="utf-8"))
    from handout import changes
    changes.apply(changes.ingest_file("page.txt", page.encode(), content))
    watcher = Watcher(tmp_path, {"jobs": 1, "formats": ("pdf",)}, out=lambda line: None, problem=lambda line: None)
    watcher.start()
    client = logged_in(watcher)
    name = next(r["name"] for r in client.get("/api/status").json()["rows"] if r["report"])
    html = client.get(f"/report/{name}").text
    assert "evil.example" in html                      # the line is shown …
    assert "<img" not in html and "href=\"http://evil" not in html    # … as text


def test_a_paragraph_dropped_and_put_back_through_the_page(site):
    client, root, _watcher = site
    s2 = root / "content" / "s2.md"
    before = s2.read_bytes()
    version = speech_version(client, "s2")
    answer = client.post("/api/speech/s2/drop", headers=GOOD, json={"line": 8, "version": version})
    assert answer.status_code == 200, answer.text
    assert "今天开会。" not in s2.read_text(encoding="utf-8")
    answer = client.post("/api/speech/s2/put-back", headers=GOOD,
                         json={"after": 6, "text": "今天开会。", "version": answer.json()["version"]})
    assert answer.status_code == 200, answer.text
    assert s2.read_bytes() == before


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'{"line": "x", "version": "v"}', b"{}"])
def test_a_malformed_edit_is_one_clear_refusal(site, body):
    client, root, _watcher = site
    before = snapshot(root)
    answer = client.post("/api/speech/s1/fill", headers={**GOOD, "Content-Type": "application/json"}, content=body)
    assert answer.status_code == 400 and answer.json()["error"]
    assert snapshot(root) == before


def test_one_zip_holds_every_output(site):
    client, root, _watcher = site
    answer = client.get("/download/handouts.zip")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        names = sorted(archive.namelist())
        outputs = sorted(f"handouts/{p.name}" for p in (root / "output").glob("*.pdf"))
        assert names == outputs and len(names) == 4          # s1, s2, the odd name, the booklet
        assert archive.read("handouts/s1.pdf") == (root / "output" / "s1.pdf").read_bytes()


def test_a_discarded_take_back_writes_nothing_and_cannot_be_applied_later(site):
    import docx
    client, root, _watcher = site
    before = snapshot(root)
    document = docx.Document()
    document.add_paragraph("在全市组工干部会议上的讲话", style="Title")
    document.add_paragraph("同志们：今天开会。")
    buffer = io.BytesIO()
    document.save(buffer)
    shown = client.post("/api/takeback", headers=GOOD,
                        files={"file": ("来稿.docx", buffer.getvalue(), "application/octet-stream")})
    assert shown.status_code == 200 and shown.json()["speeches"], shown.text
    key = shown.json()["id"]
    assert client.post(f"/api/takeback/{key}/discard", headers=GOOD).json() == {"written": []}
    late = client.post(f"/api/takeback/{key}/apply", headers=GOOD)
    assert late.status_code == 400 and "already applied or discarded" in late.json()["error"]
    assert snapshot(root) == before
