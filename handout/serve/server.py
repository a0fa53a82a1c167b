"""The workbench of `build.py serve`: a Starlette app on uvicorn, on 127.0.0.1 only.

Reading routes are here; writing routes (actions.py) are thin handlers over the library
(handout/edit.py, collection_edit.py, changes.py). A file is served only when a row names
it (an output the build wrote, an ingest report it read), never by joining a path from the
URL. guard.py checks Host, Origin, the session token, body sizes and adds the CSP.

uvicorn answers every connection on one event loop (no thread per connection); a
connection that sends nothing is closed after IDLE_S, and past MAX_CONNECTIONS new ones
are closed at once, so idle sockets cannot use up the watcher's file descriptors.
"""

from __future__ import annotations

import asyncio
import io
import json
import re
import secrets
import socket
import threading
import time
import zipfile
from pathlib import Path
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from . import pages
from .guard import LOGIN_PARAMETER, Guard
from .rows import Row, rows
from .views import render_page, render_report

DOWNLOAD_TYPES = {".pdf": "application/pdf", ".ofd": "application/ofd",
                  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
KEEPALIVE_S = 15             # an SSE comment this often: a dead client is noticed
POLL_S = 0.05                # how often an event stream looks for a new generation
MAX_BODY = 20 * 1024 * 1024  # an upload (a Word file of a speech is well under 1 MB)
IDLE_S = 10
MAX_CONNECTIONS = 200
PAGE_NUMBER = re.compile(r"[0-9]{1,5}\.png")      # ASCII digits only: ², ① are not numbers here


class Site:
    """What the handlers read: the watcher's rows (made once per rebuild), the session token,
    the plans of dropped Word files waiting to be applied."""

    def __init__(self, watcher, token: str):
        self.watcher = watcher
        self.token = token
        self.plans: dict[str, object] = {}
        self._rows: tuple[int, dict[str, Row]] = (-1, {})
        self._lock = threading.Lock()

    @property
    def content_dir(self) -> Path:
        return self.watcher.settings.content.resolve()

    def rows(self) -> dict[str, Row]:
        with self._lock:
            generation = self.watcher.generation
            if self._rows[0] != generation:
                self._rows = (generation, {row.name: row for row in rows(self.watcher)})
            return self._rows[1]

    def output_file(self, filename: str) -> Path | None:
        """An output of a row, if it is a regular file inside the output folder."""
        out_dir = self.watcher.settings.output.resolve()
        for row in self.rows().values():
            for path in row.outputs.values():
                if path.name == filename and _plain_file_in(path, out_dir):
                    return path
        return None

    def pdf_of(self, name: str) -> Path | None:
        row = self.rows().get(name)
        pdf = row.outputs.get("pdf") if row else None
        return pdf if pdf and _plain_file_in(pdf, self.watcher.settings.output.resolve()) else None


def _plain_file_in(path: Path, folder: Path) -> bool:
    return path.is_file() and not path.is_symlink() and path.resolve().parent == folder


def make_app(watcher, allowed_hosts: set[str], token: str | None = None, login: str | None = None,
             cookie: str = "handout-login"):
    """The app behind its guard. `token`: what the page's writes carry; `login`: what the
    address `serve` prints carries (guard.py); both random unless given (tests)."""
    from .actions import action_routes
    site = Site(watcher, token or secrets.token_urlsafe(32))

    def index(request):
        return HTMLResponse(render_page(request, site))

    def status(request):
        return JSONResponse({"generation": watcher.generation, "error": watcher.plan_error,
                             "rows": [row.public() for row in site.rows().values()]})

    def page_list(request):
        name = request.path_params["name"]
        pdf = site.pdf_of(name)
        if pdf is None:
            return _not_found()
        row = site.rows()[name]
        return JSONResponse({"name": name, "version": row.version, "pages": [
            {"image": f"/pages/{quote(name, safe='')}/{i + 1}.png?v={row.version}", "text": text}
            for i, text in enumerate(pages.page_texts(pdf))]})

    def page_image(request):
        number = request.path_params["number"]
        pdf = site.pdf_of(request.path_params["name"])
        if pdf is None or not PAGE_NUMBER.fullmatch(number):
            return _not_found()
        png = pages.page_png(pdf, int(number[:-4]) - 1)
        return Response(png, media_type="image/png") if png else _not_found()

    def download(request):
        path = site.output_file(request.path_params["filename"])
        if path is None:
            return _not_found()
        return Response(path.read_bytes(), media_type=DOWNLOAD_TYPES.get(path.suffix, "application/octet-stream"),
                        headers={"Content-Disposition": content_disposition(path.name)})

    def everything(request):
        """One zip of every output for the print shop, in a folder named as the booklet."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for row in site.rows().values():
                for path in row.outputs.values():
                    if _plain_file_in(path, watcher.settings.output.resolve()):
                        archive.write(path, f"handouts/{path.name}")
        return Response(buffer.getvalue(), media_type="application/zip",
                        headers={"Content-Disposition": content_disposition("handouts.zip")})

    def report(request):
        row = site.rows().get(request.path_params["name"])
        if row is None or row.report is None:
            return _not_found()
        return HTMLResponse(render_report(request, row.report, row.title))

    async def events(request):
        return StreamingResponse(_generations(watcher), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store"})

    routes = [Route("/", index), Route("/api/status", status),
              Route("/api/pages/{name}", page_list), Route("/pages/{name}/{number}", page_image),
              Route("/files/{filename}", download), Route("/download/handouts.zip", everything),
              Route("/report/{name}", report), Route("/events", events),
              *action_routes(site),
              Mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")]
    app = Starlette(routes=routes)
    app.state.site = site
    return Guard(app, allowed_hosts, site.token, MAX_BODY, login or secrets.token_urlsafe(32), cookie)


async def _generations(watcher):
    """`hello`, then `rebuilt` with the new generation after every rebuild (polled: the
    watcher's condition is for threads, and a poll is one integer read)."""
    seen = watcher.generation
    yield f"event: hello\ndata: {seen}\n\n"
    quiet = 0.0
    while True:
        await asyncio.sleep(POLL_S)
        now = watcher.generation
        if now != seen:
            seen, quiet = now, 0.0
            yield f"event: rebuilt\ndata: {now}\n\n"
        else:
            quiet += POLL_S
            if quiet >= KEEPALIVE_S:
                quiet = 0.0
                yield ": still here\n\n"


def content_disposition(name: str) -> str:
    """An attachment's name for every browser: an ASCII fallback, and the UTF-8 name (RFC 6266)."""
    fallback = "".join(ch if ch.isascii() and ch.isprintable() and ch not in '"\\%' else "_" for ch in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _not_found():
    return JSONResponse({"error": "not found"}, status_code=404)


# ------------------------------------------------------------ running it
class Served:
    """The app on uvicorn in a thread, on 127.0.0.1:port (0: any free port)."""

    def __init__(self, watcher, port: int):
        import uvicorn
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
            sock.listen(128)
        except OSError:
            sock.close()
            raise
        self.socket = sock
        self.port = sock.getsockname()[1]
        self.app = make_app(watcher, {f"127.0.0.1:{self.port}", f"localhost:{self.port}"},
                            cookie=f"handout-login-{self.port}")
        self.url = f"http://127.0.0.1:{self.port}/?{LOGIN_PARAMETER}={self.app.login}"
        config = uvicorn.Config(self.app, http=_idle_closing_protocol(), lifespan="off",
                                log_level="warning", access_log=False, timeout_keep_alive=5,
                                timeout_graceful_shutdown=2)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]},
                                       name="http", daemon=True)

    def start(self) -> "Served":
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and self.thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.socket.close()


def _idle_closing_protocol():
    """uvicorn's h11 protocol, closing a connection that has not sent a whole request head
    within IDLE_S (uvicorn times out only keep-alive after a response; a slow sender held its
    connection forever) and refusing past MAX_CONNECTIONS.
    Leans on H11Protocol's attributes: uvicorn is pinned below 1.0 in pyproject.toml."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class IdleClosing(H11Protocol):
        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            if len(self.connections) > MAX_CONNECTIONS:
                transport.close()
                return
            # closed unless a whole request head has arrived by then (a slow sender included)
            self.loop.call_later(IDLE_S, self._close_if_no_request)

        def _close_if_no_request(self) -> None:
            if self.cycle is None and not self.transport.is_closing():
                self.timeout_keep_alive_handler()
    return IdleClosing


def json_dumps(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")
