"""The workbench's writing routes: each reads the request, calls one library function
(handout/edit.py, collection_edit.py, changes.py: the same code a script or the CLI would
call) off the event loop, and answers JSON. A refused change answers its one-line message in
the page's language, with its `path:line:` and the form field it concerns; the files stay
as they were. guard.py has already checked Host, Origin and the session token.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse
from starlette.routing import Route

from .. import changes, collection_edit, edit
from ..docx_in import read_comments
from ..errors import UserError
from ..i18n import N_
from ..status import dropped_lines
from ..i18n import translations
from .views import language

MAX_PLANS = 8                     # Word files shown and not yet applied or discarded


def action_routes(site) -> list[Route]:
    def speech_file(name: str) -> Path:
        row = site.rows().get(name)
        if row is None or row.source is None:
            raise UserError(N_("no such 讲话稿"), name)
        return edit.inside(row.source, site.content_dir)

    async def speech(request):
        name = request.path_params["name"]
        return await _answer(request, site, lambda: _speech_data(speech_file(name), site.rows()[name].report, site))

    def speech_edit(call):
        """A POST of JSON {version, …} that makes one edit.py change to one speech."""
        async def handler(request):
            data = await _json(request)
            name = request.path_params["name"]
            return await _answer(request, site, lambda: {
                "version": call(speech_file(name), data, str(data.get("version")))})
        return handler

    edits = {
        "front": lambda p, d, v: edit.set_front_matter(p, _texts(d.get("values")), v),
        "fill": lambda p, d, v: edit.fill_placeholder(p, int(d["line"]), int(d["start"]), str(d["old"]),
                                                      str(d["new"]), v),
        "paragraph": lambda p, d, v: edit.edit_paragraph(p, int(d["line"]), str(d["text"]), v),
        "heading": lambda p, d, v: edit.set_heading(p, int(d["line"]), int(d["level"]), v),
        "drop": lambda p, d, v: edit.drop_block(p, int(d["line"]), v),
        "put-back": lambda p, d, v: edit.insert_paragraph(p, int(d["after"]), str(d["text"]), v),
    }

    async def booklet(request):
        if request.method == "GET":
            return await _answer(request, site, lambda: _booklet_data(site))
        data = await _json(request)
        order = [str(name) for name in data.get("order") or []]
        return await _answer(request, site, lambda: {"version": collection_edit.set_collection(
            site.content_dir, _texts(data.get("values")), order, str(data.get("version")))})

    async def add(request):
        text, name, upload = await _form(request)
        if upload is not None:
            work = lambda: changes.ingest_file(name, upload, site.content_dir)
        else:
            work = lambda: changes.ingest_pasted(text, site.content_dir)
        return await _answer(request, site, lambda: _applied(changes.apply(work()), site))

    async def takeback(request):
        _text, name, upload = await _form(request)
        if upload is None:
            return await _answer(request, site, lambda: _raise(N_("choose the Word file first")))

        def planned():
            plan = changes.ingest_file(name, upload, site.content_dir)
            while len(site.plans) >= MAX_PLANS:
                site.plans.pop(next(iter(site.plans)))
            key = secrets.token_urlsafe(12)
            site.plans[key] = plan
            return {"id": key, "messages": plan.messages,
                    "speeches": [{"name": c.name, "new": not c.base, "paragraphs": c.paragraphs}
                                 for c in plan.speeches],
                    "reports": [c.data.decode("utf-8") for c in plan.reports],
                    "comments": plan.comments, "conflicts": plan.conflicts}
        return await _answer(request, site, planned)

    async def decide(request):
        plan = site.plans.pop(request.path_params["key"], None)
        if plan is None:
            return await _answer(request, site, lambda: _raise(N_("those changes were already applied or discarded")))
        what = request.path_params["what"]
        if what == "discard":
            return JSONResponse({"written": []})
        if what == "theirs":             # every conflict decided for the copy's text, then applied
            return await _answer(request, site, lambda: _applied(changes.apply(changes.taking_theirs(plan)), site))
        return await _answer(request, site, lambda: _applied(changes.apply(plan), site))

    return [Route("/api/speech/{name}", speech),
            *(Route(f"/api/speech/{{name}}/{action}", speech_edit(call), methods=["POST"])
              for action, call in edits.items()),
            Route("/api/booklet", booklet, methods=["GET", "POST"]),
            Route("/api/ingest", add, methods=["POST"]),
            Route("/api/takeback", takeback, methods=["POST"]),
            Route("/api/takeback/{key}/{what:str}", decide, methods=["POST"])]


def _speech_data(path: Path, report: Path | None, site) -> dict:
    """What the page edits: the file's version, front matter, placeholders and blocks, and
    ingest's review of the page it came from (Markdown, shown as text)."""
    return {"file": _shown(path, site), "version": edit.version_of(path),
            "review": report.read_text(encoding="utf-8") if report else None,
            "dropped": dropped_lines(path),
            "comments": [{"author": str(c.get("author", "")), "on": str(c.get("paragraph_text", "")),
                          "text": str(c.get("text", "")), "copy": str(c.get("copy", ""))}
                         for c in read_comments(path.parent, path.stem)],
            "front": edit.front_matter(path),
            "placeholders": [vars(p) for p in edit.placeholders(path)],
            "blocks": [{"line": b["line"], "kind": b["kind"], "level": b["level"], "text": b["text"]}
                       for b in edit.blocks(path)]}


def _booklet_data(site) -> dict:
    path = site.content_dir / collection_edit.COLLECTION
    titles = {row.source.stem: row.title for row in site.rows().values() if row.source is not None}
    return {"version": edit.version_of(path), "values": collection_edit.collection_values(site.content_dir),
            "speeches": [{"name": name, "title": titles.get(name, name)}
                         for name in collection_edit.speech_names(site.content_dir)]}


def _applied(written: list[Path], site) -> dict:
    speeches = [p.stem for p in written if p.parent == site.content_dir and p.suffix == ".md"]
    return {"written": [_shown(p, site) for p in written], "speeches": speeches}


async def _json(request) -> dict:
    """The request's JSON object ({} when it is not one: the edit then answers 400)."""
    try:
        data = await request.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


async def _form(request) -> tuple[str, str, bytes | None]:
    """(pasted text, file name, file bytes or None) of a form of one text field or one file."""
    form = await request.form(max_files=1, max_fields=2, max_part_size=1024 * 1024)
    upload = form.get("file")
    if upload is not None and not isinstance(upload, str) and upload.filename:
        return "", upload.filename, await upload.read()
    text = form.get("text")
    return (text if isinstance(text, str) else ""), "", None


async def _answer(request, site, work) -> JSONResponse:
    """Run `work` in a thread; a UserError becomes {error, field} in the page's language."""
    try:
        return JSONResponse(await run_in_threadpool(work))
    except UserError as exc:
        if exc.path:
            exc.path = _shown(Path(exc.path), site)
        gettext = translations(language(request)).gettext
        status = 409 if isinstance(exc, edit.StaleVersion) else 400
        return JSONResponse({"error": exc.localized(gettext), "field": getattr(exc, "field", None)},
                            status_code=status)
    except (KeyError, ValueError, TypeError):
        gettext = translations(language(request)).gettext
        return JSONResponse({"error": gettext("the request is incomplete; reload the page")}, status_code=400)


def _texts(values) -> dict[str, str]:
    return {str(k): str(v) for k, v in (values or {}).items()} if isinstance(values, dict) else {}


def _shown(path: Path, site) -> str:
    """A path as the clerk knows it: relative to the project."""
    try:
        return str(path.resolve().relative_to(site.watcher.root))
    except (ValueError, OSError):
        return str(path)


def _raise(message: str):
    raise UserError(message)
