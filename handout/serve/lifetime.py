"""`serve --quit-after-close SECONDS`: the server ends itself once none of its pages has been
open for that long, so the desktop launcher 讲话稿排版 leaves nothing running after the clerk
closes the tab (as an office program ends when its window closes).

A page open in a browser holds one event stream (/events, app.js's EventSource) for as long
as it is open; reloading or following a link closes it and opens another within a second.
So "no stream open for SECONDS" means every tab is closed. The clock starts at once, so a
server whose page never opened (no browser) ends too.
"""

from __future__ import annotations

import threading
import time

CHECK_S = 1.0          # how often the watch thread looks


class OpenPages:
    """How many pages hold an event stream, and since when there has been none."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = 0
        self._none_since: float | None = time.monotonic()

    def opened(self) -> None:
        with self._lock:
            self._open += 1
            self._none_since = None

    def closed(self) -> None:
        with self._lock:
            self._open -= 1
            if self._open == 0:
                self._none_since = time.monotonic()

    def none_open_for(self) -> float:
        """Seconds since the last page closed (or the server started); 0 while one is open."""
        with self._lock:
            return 0.0 if self._none_since is None else time.monotonic() - self._none_since


def stop_when_closed(pages: OpenPages, seconds: float, stop: threading.Event) -> threading.Thread:
    """Set `stop` (which ends the watch, and with it the server) once no page has been open
    for `seconds`."""
    def look() -> None:
        while not stop.wait(CHECK_S):
            if pages.none_open_for() >= seconds:
                stop.set()
    thread = threading.Thread(target=look, name="quit-after-close", daemon=True)
    thread.start()
    return thread
