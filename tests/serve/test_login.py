"""The workbench's login (Jupyter Server's token): the address `serve` prints carries a token;
opening it sets an HttpOnly, SameSite=Strict cookie and leads to the address without it; a
request without that cookie, on any route, reads nothing of the project and changes nothing:
it gets the one short page saying how to open the workbench."""

from __future__ import annotations

import pytest
from starlette.routing import Mount
from starlette.testclient import TestClient

from handout.serve import server
from handout.watch import Watcher
from tests.conftest import two_one_page_speeches
from tests.serve.test_security import GOOD, LOGIN, TOKEN, logged_in, snapshot

SAMPLE = {"name": "s1", "number": "1.png", "filename": "s1.pdf", "key": "k", "what": "apply"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("login")
    two_one_page_speeches(root)
    watcher = Watcher(root, {"jobs": 1, "formats": ("pdf",)}, out=lambda line: None, problem=lambda line: None)
    watcher.start()
    app = server.make_app(watcher, {"testserver"}, TOKEN, LOGIN)
    return app, root, watcher


def every_route(app) -> list[str]:
    """A path of each route of the app (its parameters filled with names of this project)."""
    paths = []
    for route in app.app.routes:
        path = route.path + ("/app.js" if isinstance(route, Mount) else "")
        for key, value in SAMPLE.items():
            path = path.replace(f"{{{key}}}", value).replace(f"{{{key}:str}}", value)
        paths.append(path)
    return paths


def test_without_the_login_no_route_reads_or_writes_anything(site):
    app, root, _watcher = site
    client = TestClient(app, base_url="http://testserver")          # no cookie
    paths = every_route(app)
    assert {"/", "/api/status", "/files/s1.pdf", "/pages/s1/1.png", "/api/speech/s1", "/events",
            "/api/speech/s1/fill", "/api/booklet", "/static/app.js"} <= set(paths)
    before = snapshot(root)
    bodies = set()
    for path in paths:
        for method, headers in (("GET", {"Accept-Language": "zh-CN"}), ("POST", {**GOOD, "Accept-Language": "zh-CN"})):
            answer = client.request(method, path, headers=headers, json={"version": "", "values": {"title": "改"}})
            assert answer.status_code == 403, (method, path)
            assert answer.headers["content-type"].startswith("text/html")
            assert "content-security-policy" in answer.headers
            bodies.add(answer.text)
    assert snapshot(root) == before
    assert len(bodies) == 1                       # one page for every route: nothing of the project
    page = bodies.pop()
    assert "讲话稿工作台" in page and "?token=" in page and "s1" not in page and "会议" not in page
    english = client.get("/api/status", headers={"Accept-Language": "en"})
    assert english.status_code == 403 and "build.py serve" in english.text


def test_the_login_address_sets_the_cookie_and_leads_to_the_clean_address(site):
    app, _root, _watcher = site
    client = TestClient(app, base_url="http://testserver", follow_redirects=False)
    answer = client.get(f"/?token={LOGIN}")
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"handout-login={LOGIN};")
    assert {"HttpOnly", "SameSite=Strict", "Path=/"} <= {part.strip() for part in cookie.split(";")}
    other = TestClient(app, base_url="http://testserver", follow_redirects=False)
    assert other.get(f"/api/status?token={LOGIN}&x=1").headers["location"] == "/api/status?x=1"
    page = client.get("/")                                # the cookie, kept by the client
    assert page.status_code == 200 and f'content="{TOKEN}"' in page.text
    assert client.get("/api/status").status_code == 200


@pytest.mark.parametrize("how", ["wrong token", "token by POST", "wrong cookie", "empty cookie"])
def test_a_wrong_login_is_refused(site, how):
    app, root, _watcher = site
    client = TestClient(app, base_url="http://testserver", follow_redirects=False)
    before = snapshot(root)
    if how == "wrong token":
        answer = client.get("/?token=guessed")
    elif how == "token by POST":
        answer = client.post(f"/api/booklet?token={LOGIN}", headers=GOOD, json={"values": {"title": "改"}})
    else:
        client.cookies.set("handout-login", "guessed" if how == "wrong cookie" else "")
        answer = client.get("/api/status")
    assert answer.status_code == 403 and "set-cookie" not in answer.headers
    assert snapshot(root) == before


def test_with_the_login_the_writes_still_need_the_pages_token(site):
    _app, _root, watcher = site
    client = logged_in(watcher)
    assert client.post("/api/booklet", headers={"Origin": "http://testserver"}, json={}).status_code == 403
