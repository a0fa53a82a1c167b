"""What every request passes before the routes, as one ASGI wrapper (Jupyter Server's model):

- exactly one Host header, naming this server (127.0.0.1:PORT or localhost:PORT): a page
  elsewhere cannot reach it through DNS rebinding;
- a request that may write (anything but GET/HEAD) must come from this page: its Origin is
  this server (or the browser says Sec-Fetch-Site: same-origin) and it carries the session's
  token in the X-Handout-Token header, which only this page can read;
- a request body over `max_body` bytes is refused with 413, by its Content-Length and by
  the bytes actually received;
- every answer carries a Content-Security-Policy (scripts, styles, images and connections from
  this server only: a scraped page's image or link shown by mistake fetches nothing), nosniff
  and no framing.
"""

from __future__ import annotations

import json
import secrets

from ..i18n import N_, language_of_request, translations

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
SAFE_METHODS = {"GET", "HEAD"}
TOKEN_HEADER = "x-handout-token"
TOO_LARGE = N_("refused: the file is larger than {mb} MB")


class TooLarge(Exception):
    pass


class Guard:
    def __init__(self, app, allowed_hosts: set[str], token: str, max_body: int):
        self.app = app
        self.allowed_hosts = allowed_hosts
        self.token = token
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = [(k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in scope["headers"]]
        hosts = [v for k, v in headers if k == "host"]
        gettext = translations(language_of_request(dict(headers).get("accept-language"))).gettext
        if len(hosts) != 1 or hosts[0] not in self.allowed_hosts:
            return await _refuse(send, 400, gettext(N_("unknown Host header")))
        if scope["method"] not in SAFE_METHODS:
            why = self._why_not_writing(dict(headers), hosts[0])
            if why:
                return await _refuse(send, 403, gettext(why))
            length = dict(headers).get("content-length", "0")
            if not length.isascii() or not length.isdigit() or int(length) > self.max_body:
                return await _refuse(send, 413, gettext(TOO_LARGE).format(mb=self.max_body // 2**20))
        started = False
        secured = _with_security_headers(send)

        async def noting_start(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await secured(message)
        try:
            await self.app(scope, self._counted(receive), noting_start)
        except TooLarge:
            if not started:
                await _refuse(send, 413, gettext(TOO_LARGE).format(mb=self.max_body // 2**20))

    def _why_not_writing(self, headers: dict, host: str) -> str | None:
        site = headers.get("sec-fetch-site")
        origin = headers.get("origin")
        if site is not None and site != "same-origin":
            return N_("refused: the request came from another site")
        if origin is not None and origin != f"http://{host}":
            return N_("refused: the request came from another site")
        if site is None and origin is None:
            return N_("refused: a change must come from the workbench page")
        if not secrets.compare_digest(headers.get(TOKEN_HEADER, ""), self.token):
            return N_("refused: the page's session has ended; reload the page")
        return None

    def _counted(self, receive):
        received = 0
        limit = self.max_body

        async def counted():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise TooLarge
            return message
        return counted


def _with_security_headers(send):
    async def wrapped(message):
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            headers += [(b"content-security-policy", CSP.encode()),
                        (b"x-content-type-options", b"nosniff"),
                        (b"referrer-policy", b"no-referrer"),
                        (b"x-frame-options", b"DENY")]
            message = {**message, "headers": headers}
        await send(message)
    return wrapped


async def _refuse(send, status: int, why: str) -> None:
    body = json.dumps({"error": why}).encode()
    await _with_security_headers(send)({
        "type": "http.response.start", "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
