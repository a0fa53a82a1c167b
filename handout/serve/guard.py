"""What every request passes before the routes, as one ASGI wrapper (Jupyter Server's model):

- exactly one Host header, naming this server (127.0.0.1:PORT or localhost:PORT): a page
  elsewhere cannot reach it through DNS rebinding;
- the login (Jupyter Server's token): `serve` prints the page's address with `?token=…`; the
  first visit with it sets an HttpOnly, SameSite=Strict cookie and redirects to the address
  without it. Any request without that cookie gets a short page saying how to open the
  workbench, and nothing of the project: another user of this machine, who can reach
  127.0.0.1 too, reads and writes nothing;
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

import html
import json
import secrets
from urllib.parse import parse_qsl, quote, urlencode

from starlette.requests import cookie_parser

from ..i18n import N_, language_of_request, translations

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
SAFE_METHODS = {"GET", "HEAD"}
TOKEN_HEADER = "x-handout-token"
TOO_LARGE = N_("refused: the file is larger than {mb} MB")


class TooLarge(Exception):
    pass


LOGIN_PARAMETER = "token"
HOW_TO_OPEN = (N_("讲话稿 workbench"),
               N_("Open the workbench at the address it was started with: the one `build.py serve` "
                  "printed, with ?token= at its end; if it was started from the desktop menu, "
                  "choose 讲话稿排版 there again."))


class Guard:
    def __init__(self, app, allowed_hosts: set[str], token: str, max_body: int, login: str,
                 cookie: str = "handout-login"):
        self.app = app
        self.allowed_hosts = allowed_hosts
        self.token = token
        self.max_body = max_body
        self.login = login
        self.cookie = cookie            # named per port: cookies are not (two projects served)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = [(k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in scope["headers"]]
        hosts = [v for k, v in headers if k == "host"]
        named = dict(headers)            # the last of each name (Host is checked for one above)
        gettext = translations(language_of_request(named.get("accept-language"))).gettext
        if len(hosts) != 1 or hosts[0] not in self.allowed_hosts:
            return await _refuse(send, 400, gettext(N_("unknown Host header")))
        if not self._logged_in(named.get("cookie", "")):
            return await self._log_in(scope, send, gettext)
        if scope["method"] not in SAFE_METHODS:
            why = self._why_not_writing(named, hosts[0])
            if why:
                return await _refuse(send, 403, gettext(why))
            length = named.get("content-length", "0")
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

    def _logged_in(self, cookies: str) -> bool:
        return secrets.compare_digest(cookie_parser(cookies).get(self.cookie, ""), self.login)

    async def _log_in(self, scope, send, gettext) -> None:
        """The login address (a GET with the right ?token=): the cookie, and back to the same
        address without the token (it stays out of the history and the bookmarks). Anything
        else: the page saying how to open the workbench."""
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = [value for key, value in query if key == LOGIN_PARAMETER]
        if scope["method"] in SAFE_METHODS and given and secrets.compare_digest(given[0], self.login):
            rest = urlencode([(k, v) for k, v in query if k != LOGIN_PARAMETER])
            clean = quote(scope["path"], safe="/") + (f"?{rest}" if rest else "")
            cookie = f"{self.cookie}={self.login}; Path=/; HttpOnly; SameSite=Strict"
            return await _respond(send, 303, [(b"location", clean.encode("utf-8")),
                                              (b"set-cookie", cookie.encode()), (b"cache-control", b"no-store")])
        title, how = (html.escape(gettext(text)) for text in HOW_TO_OPEN)
        body = (f"<!doctype html><meta charset=\"utf-8\"><title>{title}</title>"
                f"<h1>{title}</h1><p>{how}</p>\n").encode("utf-8")
        await _respond(send, 403, [(b"content-type", b"text/html; charset=utf-8"),
                                   (b"cache-control", b"no-store")], body)

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
    await _respond(send, status, [(b"content-type", b"application/json")],
                   json.dumps({"error": why}).encode())


async def _respond(send, status: int, headers: list, body: bytes = b"") -> None:
    """An answer of the guard's own, with the security headers every answer carries."""
    await _with_security_headers(send)({
        "type": "http.response.start", "status": status,
        "headers": [*headers, (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
