"""The served page's data: one row per handout (each speech, the booklet), read from the
watcher's latest results: status, messages, pages, to-do before printing, files.

A row names only files the build wrote or read (its outputs, its ingest report); the server
serves nothing that is not named here.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote
from dataclasses import dataclass, field
from pathlib import Path

from ..content import read_content
from ..errors import UserError
from ..ingest import review_of
from ..plan import COLLECTION
from ..status import todo_list


@dataclass
class Row:
    name: str                               # the output files' stem: 2022-kaiban, huibian
    kind: str                               # speech | booklet
    title: str
    status: str                             # up to date | warnings | error
    messages: list[str]
    pages: int
    todo: list[str]
    version: str                            # changes whenever an input changes
    outputs: dict[str, Path] = field(default_factory=dict)     # format -> file
    report: Path | None = None              # the ingest report it came from
    source: Path | None = None              # a speech's content file (None: the booklet)

    def public(self) -> dict:
        """What the page gets: no paths of this machine, only the URLs it may ask for."""
        return {"name": self.name, "kind": self.kind, "title": self.title,
                "status": self.status, "messages": self.messages, "pages": self.pages,
                "todo": self.todo, "version": self.version,
                "files": {fmt: f"/files/{quote(path.name, safe='')}" for fmt, path in self.outputs.items()
                          if path.is_file()},
                "report": f"/report/{quote(self.name, safe='')}" if self.report else None}


def rows(watcher) -> list[Row]:
    """Speeches in file order, then the booklet; a job's PDF and DOCX jobs are one row."""
    grouped: dict[str, list] = {}
    for state in watcher.states.values():
        grouped.setdefault(state.job.name, []).append(state)
    found = [_row(name, states, watcher.settings.content) for name, states in grouped.items()]
    return sorted(found, key=lambda r: (r.kind == "booklet", r.name))


def _row(name: str, states: list, content_dir: Path) -> Row:
    job = states[0].job
    results = [s.result for s in states if s.result is not None]
    errors = [r.error for r in results if r.error]
    warnings = list(dict.fromkeys(w for r in results for w in r.warnings))
    pages = max((pages for r in results for _path, pages, _size in r.outputs), default=0)
    outputs = {fmt: path for s in states for fmt, path in s.job.outputs.items()}
    version = hashlib.sha256("".join(s.job.key for s in states).encode()).hexdigest()[:16]
    source = None
    if job.kind == "booklet":
        title = str(job.collection.get("title", name))
        todo = [f"{path.name}: {item}" for path in (content_dir / COLLECTION, *job.sources)
                for item in _facts(path)[1]]
        report = None
    else:
        title, todo, report = _facts(job.sources[0])
        title = title or name
        source = job.sources[0]
    status = "error" if errors else "warnings" if warnings else "up to date"
    return Row(name, job.kind, title, status, list(dict.fromkeys(errors)) + warnings,
               pages, todo, version, outputs, report, source)


_known: dict[Path, tuple] = {}      # file -> (its size and time, its facts)


def _facts(path: Path) -> tuple[str | None, list[str], Path | None]:
    """A content file's title, to-do list and ingest report, read again only when the file
    changed (a rebuild of one speech does not make the page reread three hundred)."""
    try:
        stat = path.stat()
    except OSError:
        return None, [], None
    stamp = (stat.st_mtime_ns, stat.st_size)
    known = _known.get(path)
    if known is None or known[0] != stamp:
        facts = (_title(path) if path.suffix == ".md" else None), todo_list(path), review_of(path)[0]
        known = _known[path] = (stamp, facts)
    return known[1]


def _title(source: Path) -> str | None:
    try:
        return str(read_content(source).meta.get("title") or "") or None
    except UserError:
        return None                 # the row's error says why
