"""The read-only web server of `build.py serve`, on 127.0.0.1 only.

Every URL is a route below; a file is served only when a row names it (an output the build
wrote, an ingest report it read), never by joining a path from the URL, so `../`,
`%2e%2e`, absolute paths and symlinks lead nowhere. Only GET and HEAD are answered (the
standard library answers 501 to anything else), and a request whose Host header is not this
server's own is refused, so a web page elsewhere cannot read it through DNS rebinding.
"""

from __future__ import annotations

import json
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import pages
from .rows import Row, rows

STATIC = {"/": ("index.html", "text/html; charset=utf-8"),
          "/static/app.js": ("app.js", "text/javascript; charset=utf-8"),
          "/static/style.css": ("style.css", "text/css; charset=utf-8")}
DOWNLOAD_TYPES = {".pdf": "application/pdf",
                  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
KEEPALIVE_S = 15             # an SSE comment this often: a dead client is noticed, proxies stay open


class Site:
    """What the handlers read: the watcher's rows (made once per rebuild) and the static files."""

    def __init__(self, watcher):
        self.watcher = watcher
        self.static = {route: (resources.files(__package__).joinpath("static", name).read_bytes(), kind)
                       for route, (name, kind) in STATIC.items()}
        self._rows: tuple[int, dict[str, Row]] = (-1, {})
        self._lock = threading.Lock()

    def rows(self) -> dict[str, Row]:
        with self._lock:
            generation = self.watcher.generation
            if self._rows[0] != generation:
                self._rows = (generation, {row.name: row for row in rows(self.watcher)})
            return self._rows[1]

    def status(self) -> dict:
        return {"generation": self.watcher.generation, "error": self.watcher.plan_error,
                "rows": [row.public() for row in self.rows().values()]}

    def output_file(self, filename: str) -> Path | None:
        """An output of a row, if it is a regular file inside the output folder."""
        out_dir = self.watcher.settings.output.resolve()
        for row in self.rows().values():
            for path in row.outputs.values():
                if path.name == filename and _plain_file_in(path, out_dir):
                    return path
        return None


def _plain_file_in(path: Path, folder: Path) -> bool:
    return path.is_file() and not path.is_symlink() and path.resolve().parent == folder


class Handler(BaseHTTPRequestHandler):
    site: Site                    # set on the subclass made by make_server
    allowed_hosts: set[str]
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:      # the terminal shows rebuilds, not requests
        pass

    def do_HEAD(self) -> None:
        self.do_GET(head=True)

    def do_GET(self, head: bool = False) -> None:
        if self.headers.get("Host", "") not in self.allowed_hosts:
            return self._send(HTTPStatus.FORBIDDEN, b"unknown Host header\n", "text/plain", head)
        route = unquote(urlsplit(self.path).path)
        parts = route.strip("/").split("/")
        if route in self.site.static:
            body, kind = self.site.static[route]
            return self._send(HTTPStatus.OK, body, kind, head)
        if route == "/api/status":
            return self._json(self.site.status(), head)
        if route == "/events" and not head:
            return self._events()
        if len(parts) == 3 and parts[:2] == ["api", "pages"]:
            return self._page_list(parts[2], head)
        if len(parts) == 3 and parts[0] == "pages" and parts[2].endswith(".png"):
            return self._page_image(parts[1], parts[2][:-4], head)
        if len(parts) == 2 and parts[0] == "files":
            return self._download(parts[1], head)
        if len(parts) == 2 and parts[0] == "report":
            return self._report(parts[1], head)
        self._not_found(head)

    # ------------------------------------------------------------ routes
    def _page_list(self, name: str, head: bool) -> None:
        pdf = self._pdf_of(name)
        if pdf is None:
            return self._not_found(head)
        row = self.site.rows()[name]
        texts = pages.page_texts(pdf)
        self._json({"name": name, "version": row.version,
                    "pages": [{"image": f"/pages/{name}/{i + 1}.png?v={row.version}", "text": text}
                              for i, text in enumerate(texts)]}, head)

    def _page_image(self, name: str, number: str, head: bool) -> None:
        pdf = self._pdf_of(name)
        png = pages.page_png(pdf, int(number) - 1) if pdf and number.isdigit() else None
        if png is None:
            return self._not_found(head)
        self._send(HTTPStatus.OK, png, "image/png", head)

    def _download(self, filename: str, head: bool) -> None:
        path = self.site.output_file(filename)
        if path is None:
            return self._not_found(head)
        self._send(HTTPStatus.OK, path.read_bytes(), DOWNLOAD_TYPES.get(path.suffix, "application/octet-stream"),
                   head, {"Content-Disposition": f'attachment; filename="{path.name}"'})

    def _report(self, name: str, head: bool) -> None:
        row = self.site.rows().get(name)
        if row is None or row.report is None:
            return self._not_found(head)
        from .report_page import report_html
        self._send(HTTPStatus.OK, report_html(row.report, row.title), "text/html; charset=utf-8", head)

    def _events(self) -> None:
        """Server-sent events: `rebuilt` with the new generation after every rebuild."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        changed = self.site.watcher.changed
        seen = self.site.watcher.generation
        try:
            self.wfile.write(f"event: hello\ndata: {seen}\n\n".encode())
            self.wfile.flush()
            while True:
                with changed:
                    changed.wait_for(lambda: self.site.watcher.generation != seen, KEEPALIVE_S)
                    now = self.site.watcher.generation
                message = f"event: rebuilt\ndata: {now}\n\n" if now != seen else ": still here\n\n"
                seen = now
                self.wfile.write(message.encode())
                self.wfile.flush()
        except ConnectionError:
            self.close_connection = True        # the page was closed

    # ------------------------------------------------------------ answers
    def _pdf_of(self, name: str) -> Path | None:
        row = self.site.rows().get(name)
        pdf = row.outputs.get("pdf") if row else None
        return pdf if pdf and _plain_file_in(pdf, self.site.watcher.settings.output.resolve()) else None

    def _json(self, data: dict, head: bool) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self._send(HTTPStatus.OK, body, "application/json; charset=utf-8", head)

    def _not_found(self, head: bool) -> None:
        self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8", head)

    def _send(self, status: HTTPStatus, body: bytes, kind: str, head: bool, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)


class Server(ThreadingHTTPServer):
    daemon_threads = True                   # Ctrl-C does not wait for open pages

    def handle_error(self, request, client_address) -> None:
        """A browser that leaves mid-answer (a closed tab, a cancelled image) is normal;
        anything else is one line on the terminal, not a traceback between rebuilds."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            print(f"serve: internal error answering a request: {type(error).__name__}: {error}",
                  file=sys.stderr, flush=True)


def make_server(watcher, port: int) -> Server:
    """A server on 127.0.0.1:port (0: any free port)."""
    server = Server(("127.0.0.1", port), Handler)
    bound = server.server_address[1]
    server.RequestHandlerClass = type("BoundHandler", (Handler,), {
        "site": Site(watcher), "allowed_hosts": {f"127.0.0.1:{bound}", f"localhost:{bound}"}})
    return server
