"""`build.py serve`: the watcher, plus the workbench page (server.py) on 127.0.0.1.

The watcher runs in the main thread (Ctrl-C reaches it there); uvicorn answers the page in its
own thread, on one event loop, and reads the watcher's results, replaced whole after each round.
"""

from __future__ import annotations

import errno

from ..errors import UserError
from ..i18n import N_, _


def serve(watcher, port: int) -> None:
    from ..watch import watch
    from .server import Served
    if not 0 <= port <= 65535:
        raise UserError(N_("--port {port}: a port is a number from 0 to 65535 (0: any free port)"),
                        port=port)
    try:
        served = Served(watcher, port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UserError(N_("port {port} is in use: choose another with --port N"), port=port) from None
        raise UserError(N_("port {port} cannot be opened ({why}): choose another with --port N"),
                        port=port, why=exc.strerror) from None
    served.start()
    watcher.out(_("serving {url} (this machine only; open this address, token included)").format(url=served.url))
    try:
        watch(watcher)
    finally:
        served.stop()
