"""The server of build.py serve: what it answers, read back by independent readers (the
standard library's HTTP client, pypdf, Pillow), and what it refuses: other hosts, writes,
paths out of the project (../, %2e%2e, absolute, symlinks)."""

from __future__ import annotations

import http.client
import io
import json
import socket

import pytest
from PIL import Image
from pypdf import PdfReader

from handout.ingest import ingest
from handout.serve.server import Served
from handout.watch import Watcher
from tests.conftest import SEED, two_one_page_speeches


LOGINS: dict[int, str] = {}          # port -> the login cookie a browser holds for it


def logged_in(served: Served) -> Served:
    LOGINS[served.port] = f"{served.app.cookie}={served.app.login}"
    return served


def served(root):
    """A project of two speeches and a booklet, built and served on a free port."""
    two_one_page_speeches(root)
    (root / "secret.txt").write_text("not for the web\n", encoding="utf-8")
    watcher = Watcher(root, {"jobs": 1}, out=lambda line: None, problem=lambda line: None)
    watcher.start()
    served = logged_in(Served(watcher, 0).start())
    yield watcher, served.port, root
    served.stop()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Served once for the tests that only read."""
    yield from served(tmp_path_factory.mktemp("site"))


@pytest.fixture
def own_site(tmp_path):
    """Served for one test that changes the project."""
    yield from served(tmp_path)


def request(port: int, path: str, method: str = "GET", host: str | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest(method, path, skip_host=True)
    connection.putheader("Host", f"127.0.0.1:{port}" if host is None else host)
    if port in LOGINS:
        connection.putheader("Cookie", LOGINS[port])
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.getheader("Content-Type"), body


def test_the_status_lists_every_handout_with_its_files(site):
    _watcher, port, _root = site
    status, kind, body = request(port, "/api/status")
    assert status == 200 and kind.startswith("application/json")
    rows = {row["name"]: row for row in json.loads(body)["rows"]}
    assert list(rows) == ["s1", "s2", "book"]
    assert rows["book"]["kind"] == "booklet" and rows["book"]["pages"] == 8     # padded to two sheets
    assert {row["status"] for row in rows.values()} == {"up to date"}
    assert rows["s1"]["files"] == {"pdf": "/files/s1.pdf", "docx": "/files/s1.docx"}


def test_downloads_are_the_built_files(site):
    _watcher, port, root = site
    status, kind, body = request(port, "/files/s1.docx")
    assert status == 200 and kind.endswith("wordprocessingml.document")
    assert body == (root / "output" / "s1.docx").read_bytes()


def test_pages_are_images_of_the_pdf(site):
    _watcher, port, root = site
    _status, _kind, body = request(port, "/api/pages/book")
    listed = json.loads(body)["pages"]
    assert len(listed) == len(PdfReader(root / "output" / "book.pdf").pages) == 8
    assert "在第1次会议上的讲话" in listed[2]["text"]
    status, kind, png = request(port, listed[0]["image"])
    assert status == 200 and kind == "image/png"
    width, height = Image.open(io.BytesIO(png)).size
    assert abs(height / width - 297 / 210) < 0.01          # A4
    assert request(port, "/pages/book/9.png")[0] == 404
    assert request(port, "/pages/book/0.png")[0] == 404


def test_other_host_headers_are_refused(site):
    _watcher, port, _root = site
    assert request(port, "/", host=f"localhost:{port}")[0] == 200
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1", f"127.0.0.1:{port + 1}", ""):
        assert request(port, "/api/status", host=host)[0] == 400, host


def test_nothing_is_written_without_the_pages_token(site):
    _watcher, port, root = site
    before = (root / "content" / "s1.md").read_bytes()
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        assert request(port, "/files/s1.pdf", method=method)[0] == 403, method
        assert request(port, "/api/speech/s1/front", method=method)[0] == 403, method
    assert (root / "content" / "s1.md").read_bytes() == before


@pytest.mark.parametrize("path", [
    "/files/../secret.txt", "/files/%2e%2e/secret.txt", "/files/%2e%2e%2fsecret.txt",
    "/files/..%2F..%2Fsecret.txt", "/files//etc/passwd", "/files/%2Fetc%2Fpasswd", "/etc/passwd",
    "//etc/passwd", "/static/../secret.txt", "/static/%2e%2e/%2e%2e/secret.txt",
    "/report/..%2fsecret", "/pages/..%2fs1/1.png", "/files/.manifest.json",
    "/files/s1.md", "/content/s1.md", "/secret.txt", "/files/s1.pdf%00.txt"])
def test_no_path_leads_out_of_the_outputs(site, path):
    _watcher, port, _root = site
    status, _kind, body = request(port, path)
    assert status in (400, 404) and b"not for the web" not in body


def test_a_symlinked_output_is_not_followed(own_site):
    _watcher, port, root = own_site
    pdf = root / "output" / "s2.pdf"
    pdf.unlink()
    pdf.symlink_to(root / "secret.txt")
    for path in ("/files/s2.pdf", "/pages/s2/1.png", "/api/pages/s2"):
        status, _kind, body = request(port, path)
        assert status == 404 and b"not for the web" not in body, path


def test_the_ingest_report_is_served_for_an_ingested_speech(tmp_path):
    ingest([SEED], tmp_path / "content", echo=lambda line: None)
    watcher = Watcher(tmp_path, {"formats": ("pdf",), "jobs": 1}, out=lambda l: None, problem=lambda l: None)
    watcher.start()
    served = logged_in(Served(watcher, 0).start())
    try:
        port = served.port
        status, kind, body = request(port, "/report/2022-kaiban")
        assert status == 200 and kind.startswith("text/html")
        assert "Ingest report: 000_e1432cc8c8ea04d6.txt" in body.decode("utf-8")
        assert request(port, "/report/huibian")[0] == 404           # the booklet has none
    finally:
        served.stop()


def test_events_announce_each_rebuild(own_site):
    watcher, port, root = own_site
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {LOGINS[port]}\r\n\r\n".encode())
        stream = sock.makefile("rb")
        assert b"text/event-stream" in _read_until(stream, b"event: hello")
        s1 = root / "content" / "s1.md"
        s1.write_text(s1.read_text(encoding="utf-8").replace("今天开会。", "今天又开会。"), encoding="utf-8")
        generation = watcher.generation
        watcher.rebuild({s1})
        assert f"event: rebuilt\ndata: {generation + 1}".encode() in _read_until(stream, b"event: rebuilt\ndata: ")


def _read_until(stream, marker: bytes) -> bytes:
    seen = b""
    while marker not in seen:
        line = stream.readline()
        assert line, "the stream ended"
        seen += line
    return seen


def test_an_error_shows_with_its_file_and_line_and_the_last_good_pages_stay(own_site):
    watcher, port, root = own_site
    s1 = root / "content" / "s1.md"
    s1.write_text("---\ntitle: [unclosed\n---\n\n正文。\n", encoding="utf-8")
    watcher.rebuild({s1})
    rows = {row["name"]: row for row in json.loads(request(port, "/api/status")[2])["rows"]}
    assert rows["s1"]["status"] == rows["book"]["status"] == "error"
    assert rows["s1"]["messages"][0].endswith("s1.md:2: error: bad YAML in front matter: "
                                              "expected ',' or ']', but got '<stream end>'")
    assert rows["s2"]["status"] == "up to date"
    assert request(port, "/pages/s1/1.png")[0] == 200          # the PDF of the last good build


@pytest.mark.parametrize("port", ["-1", "70000", "in-use"])
def test_a_port_it_cannot_use_is_one_line_and_exit_2(tmp_path, port):
    from tests.test_cli import run
    two_one_page_speeches(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        number = str(taken.getsockname()[1]) if port == "in-use" else port
        result = run("serve", "--port", number, cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"error: --port {number}: " if port != "in-use"
                                    else f"error: port {number} is in use")


def test_idle_connections_are_bounded_and_closed(own_site, monkeypatch):
    """The audit's case: many idle local connections used to hold a thread and a descriptor
    each, forever, until the watcher's rebuild failed with "Too many open files"."""
    import select
    import time
    from handout.serve import server as server_module
    watcher, port, root = own_site
    monkeypatch.setattr(server_module, "IDLE_S", 6)
    monkeypatch.setattr(server_module, "MAX_CONNECTIONS", 100)
    idle = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(300)]
    idle[0].sendall(b"GET / HTTP/1.1\r\nHo")              # a slow sender: half a request head
    try:
        def closed() -> int:                          # sockets the server has closed (EOF readable)
            readable = select.select(idle, [], [], 0)[0]
            return sum(1 for sock in readable if sock.recv(1, socket.MSG_PEEK) == b"")
        deadline = time.monotonic() + 4                # well before IDLE_S: only the bound closes
        while closed() < 200 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert closed() >= 200                         # past the bound, closed at once
        s1 = root / "content" / "s1.md"
        s1.write_text(s1.read_text(encoding="utf-8").replace("今天开会。", "今天再开会。"), encoding="utf-8")
        round_ = watcher.rebuild({s1})
        assert round_.failed == [] and round_.written, round_
        for sock in idle:                              # IDLE_S later: every idle one closed
            assert sock.recv(1) == b""
        assert request(port, "/api/status")[0] == 200
    finally:
        for sock in idle:
            sock.close()
