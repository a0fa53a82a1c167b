"""`build.py serve`: the watcher, plus a read-only page for the people who check handouts.

The watcher runs in the main thread (Ctrl-C reaches it there); the web server answers in
its own threads and reads the watcher's results, which are replaced whole after each round.
"""

from __future__ import annotations

import errno
import threading

from ..errors import UserError


def serve(watcher, port: int) -> None:
    from ..watch import watch
    from .server import make_server
    if not 0 <= port <= 65535:
        raise UserError(f"--port {port}: a port is a number from 0 to 65535 (0: any free port)")
    try:
        server = make_server(watcher, port)
    except OSError as exc:
        why = "is in use" if exc.errno == errno.EADDRINUSE else f"cannot be opened ({exc.strerror})"
        raise UserError(f"port {port} {why}: choose another with --port N") from None
    thread = threading.Thread(target=server.serve_forever, name="http", daemon=True)
    thread.start()
    watcher.out(f"serving http://127.0.0.1:{server.server_address[1]}/ (read-only, this machine only)")
    try:
        watch(watcher)
    finally:
        server.shutdown()
        server.server_close()
