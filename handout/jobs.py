"""Building one job (a speech or the booklet): content -> template -> model -> layout -> files.

This is the heavy part (reportlab, python-docx, fonts); handout/build.py imports it only
when there is something to build, so a build with nothing to do stays instant.
"""

from __future__ import annotations

import hashlib
import time
import traceback
from pathlib import Path

from .content import Content, read_content
from .errors import INTERRUPTED, UserError
from .i18n import _
from .files import write_atomic
from .fonts import FontSet
from .layout.pages import lay_out
from .metrics import page_metrics
from .model import Document, Origin
from .plan import Job, Result, fonts_fingerprint
from .searchpath import files_in, find, not_found
from .settings import Settings
from .template import make_environment, render_document
from .theme import load_theme
from .writers import WRITERS, writer_class


class Toolkit:
    """What every job shares: theme, metrics, fonts, templates, writers (built once per process)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.theme = load_theme(settings.theme_path)
        self.metrics = page_metrics(self.theme)
        self.fonts = FontSet(self.theme, settings.font_dirs)
        self.env = make_environment(settings.template_dirs)
        self.writers = {name: _writer(name, self) for name in settings.formats if name in WRITERS}
        self.stamp = ""                # kit_stamp of the files it was made from


def _writer(name: str, kit: Toolkit):
    """A format's writer, given its own files (the DOCX's reference.docx) as found on the
    templates' search path, in the order the registry lists them."""
    own = []
    for file in WRITERS[name].templates_files:
        path = find(kit.settings.template_dirs, file)
        if path is None:
            raise UserError(not_found(kit.settings.template_dirs, file))
        own.append(path)
    return writer_class(name)(kit.theme, kit.fonts, kit.metrics, *own)


_KEPT: Toolkit | None = None     # the kit a resident process (watch, serve) keeps loaded


def prepare(settings: Settings) -> Toolkit:
    """Theme, fonts and templates loaded once, before any worker process is forked (the
    workers are handed it: handout/workers.py).

    A resident process (`build.py watch`) calls this before every rebuild: the loaded kit
    is kept while the settings and the files it was made from are unchanged."""
    global _KEPT
    stamp = kit_stamp(settings)
    if _KEPT is None or _KEPT.settings != settings or _KEPT.stamp != stamp:
        _KEPT = Toolkit(settings)
        _KEPT.stamp = stamp
    return _KEPT


def kit_stamp(settings: Settings) -> str:
    """What a Toolkit is made from: the files of the templates' search path as found there
    (theme, templates, reference.docx: small, hashed) and the font files (name, size, time:
    large, not hashed)."""
    digest = hashlib.sha256()
    for path in files_in(settings.template_dirs, "*"):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    digest.update(fonts_fingerprint(settings.font_dirs).encode())
    return digest.hexdigest()


def run_job(job: Job, kit: Toolkit, write: bool = True) -> Result:
    """Build one job; a user mistake or a crash becomes the result's error, never an escape.

    With write=False it is a check: the job is laid out (warnings, errors, pages) and
    nothing is written (build.py serve shows the status of outputs that are current)."""
    started = time.perf_counter()
    result = Result(job, error=job.error)
    if job.error:                             # known when planned (a broken collection)
        return result
    try:
        doc, layout, warnings = _arrange(job, kit)
        result.warnings += warnings
        if kit.settings.strict and result.warnings:
            raise UserError("{count} warning(s) and --strict is on", shown(job.sources[0]),
                            count=len(result.warnings))
        for fmt, path in job.outputs.items():
            if write:
                data = kit.writers[fmt].render(doc, layout)
                write_atomic(path, data)
                size = len(data)
            else:
                size = path.stat().st_size if path.is_file() else 0
            result.outputs.append((path, len(layout.pages), size))
    except UserError as exc:
        if exc.path is None and job.kind == "speech":
            exc.path = shown(job.sources[0])
        result.error = str(exc)
    except Exception as exc:                  # a bug: say where, keep building the others
        if INTERRUPTED.is_set():              # … unless a library caught Ctrl-C and raised this
            raise KeyboardInterrupt from exc
        where = shown(job.sources[0]) if job.kind == "speech" else job.name
        detail = traceback.format_exc() if kit.settings.debug else f"{type(exc).__name__}: {exc}"
        result.error = _("{where}: internal error (please report; --debug shows the traceback): "
                         "{detail}").format(where=where, detail=detail)
    result.seconds = time.perf_counter() - started
    return result


def _arrange(job: Job, kit: Toolkit):
    """Content -> template -> model -> layout, for a speech or the booklet."""
    if job.kind == "speech":
        content = read_content(job.sources[0], strict=kit.settings.strict)
        doc = speech_document(content, kit)
        doc.origins = (origin(content),)
        warnings = list(content.warnings)
    else:
        contents = [read_content(s, strict=kit.settings.strict) for s in job.sources]
        doc = _booklet_document(job, contents, kit)
        warnings = [w for c in contents for w in c.warnings]
    layout = lay_out(doc, kit.theme, kit.fonts, kit.metrics)
    return doc, layout, warnings + layout.warnings


def speech_document(content: Content, kit: Toolkit) -> Document:
    """One speech's content through its template: the document model the layout sets."""
    context = {"meta": content.meta, "body": content.body, "lines": content.meta_lines,
               "toc_depth": kit.settings.toc_depth}
    return render_document(kit.env, kit.settings.template, context, shown(content.path))


def _booklet_document(job: Job, contents: list[Content], kit: Toolkit) -> Document:
    order = job.collection["order"]

    def position(content: Content):
        stem = content.path.stem
        return (order.index(stem) if stem in order else len(order),
                content.meta.get("order") or 0, stem)
    contents = sorted(contents, key=position)
    speeches = [{"meta": c.meta, "body": c.body, "lines": c.meta_lines, "path": shown(c.path)}
                for c in contents]
    collection = {"subtitle": None, "organiser": None, "date": None, "marking": None, **job.collection}
    meta = {"title": collection["title"], "speaker": collection.get("organiser"),
            "occasion": collection.get("subtitle")}
    context = {"collection": collection, "speeches": speeches, "meta": meta,
               "toc_depth": kit.settings.toc_depth}
    doc = render_document(kit.env, kit.settings.booklet_template, context, job.name)
    doc.kind, doc.origins = "booklet", tuple(origin(c) for c in contents)
    return doc


def origin(content: Content) -> Origin:
    return Origin(content.path.stem, content.digest, content.front_matter, content.data)


def shown(path: Path) -> str:
    """Paths in messages are relative to the working folder when they can be."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
