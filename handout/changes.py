"""Ingest planned before it is written: see what a page, a Word file or an edited handout
would change in content/, paragraph by paragraph, then apply it or throw it away.

An edited handout is planned by docx_in itself (`plan_docx`: its merge, report and kept
comments, nothing written). The page cleaner (handout/ingest, and a Word file we did not
make) writes its files as it goes; it runs unchanged on a copy of the content folder (a
shadow, in a temporary folder), so whatever it learns is planned the same way. The plan
holds the files that differ from content/ and the version each had; `apply` writes them
through edit.save_all, only if none of them changed meanwhile (StaleVersion otherwise,
nothing written).
"""

from __future__ import annotations

import difflib
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from .body import parse_body
from .edit import StaleVersion, save_all, version_of
from .i18n import N_
from .errors import UserError

REPORTS = "_reports"
MAX_NAME = 120
STALE_PLAN = N_("the file was changed after the changes were shown; nothing was written: drop the "
                "file again")


@dataclass
class FileChange:
    name: str                       # relative to content/: 2022-kaiban.md, _reports/x.md
    base: str                       # version_of the file when planned ("" = a new file)
    data: bytes
    paragraphs: list[dict] = field(default_factory=list)   # {kind, old, new}; .md files only

    @property
    def is_speech(self) -> bool:
        return "/" not in self.name and self.name.endswith(".md")


@dataclass
class Plan:
    content_dir: Path
    changes: list[FileChange]
    messages: list[str]             # what the ingest said, as the CLI prints it
    comments: list[dict] = field(default_factory=list)     # a reviewed copy's 批注 (author, on, text)
    conflicts: list[dict] = field(default_factory=list)    # {file, where, ours, theirs}: today's text kept
    source: tuple[str, bytes] | None = None                 # the Word file planned (name, bytes)
    read: dict[str, str] = field(default_factory=dict)      # the speeches it merged with: name -> version

    @property
    def speeches(self) -> list[FileChange]:
        return [c for c in self.changes if c.is_speech]

    @property
    def reports(self) -> list[FileChange]:
        return [c for c in self.changes if c.name.startswith(REPORTS + "/") and c.name.endswith(".md")]


def plan(run, content_dir: Path, shown: dict[str, str] | None = None) -> Plan:
    """`run(shadow_content_dir, echo)` on a copy of content/; the files it would change.
    Its messages name content/ (and the paths in `shown` by their names)."""
    messages: list[str] = []
    with tempfile.TemporaryDirectory(prefix="handout-plan-") as tmp:
        shadow = Path(tmp) / "content"
        _copy_content(content_dir, shadow)
        names = {str(shadow): str(content_dir), **(shown or {})}

        def echo(line: str) -> None:
            for temporary, name in names.items():
                line = line.replace(temporary, name)
            messages.append(line)
        try:
            run(shadow, echo)
        except UserError as exc:          # named as content/ and the upload's name
            if exc.path:
                for temporary, name in names.items():
                    exc.path = exc.path.replace(temporary, name)
            raise
        changes = [_change(content_dir, shadow, name) for name in _changed_names(content_dir, shadow)]
    return Plan(content_dir, changes, messages)


def apply(plan_: Plan) -> list[Path]:
    """Write the plan's files into content/ if each is still the version planned from."""
    return save_all([(plan_.content_dir / c.name, c.data, c.base) for c in plan_.changes],
                    stale=STALE_PLAN)


def ingest_pasted(text: str, content_dir: Path) -> Plan:
    """Pasted text, planned as `build.py ingest` would clean it from a saved page."""
    if not text.strip():
        raise UserError(N_("paste the text of a page first"))
    import hashlib
    data = text.replace("\r\n", "\n").encode("utf-8")
    return ingest_file(f"paste-{hashlib.sha256(data).hexdigest()[:8]}.txt", data, content_dir)


def ingest_file(name: str, data: bytes, content_dir: Path, accept_changes: bool = False,
                decide: str | None = None) -> Plan:
    """A file given by name and bytes (dropped on the page), planned as `build.py ingest FILE`:
    a Word file through docx_in (an edited handout goes back to its speech), any other through
    the page cleaner. Only the last part of `name` is used, never as a path in content/."""
    from .docx_in import is_word_file
    from .ingest import ingest
    name = safe_name(name)
    with tempfile.TemporaryDirectory(prefix="handout-upload-") as tmp:
        source = Path(tmp) / name
        source.write_bytes(data)
        if is_word_file(source):
            planned = _word_file(source, content_dir, accept_changes, decide)
            planned.source = (name, data)
            return planned
        return plan(lambda shadow, echo: ingest([source], shadow, echo=echo), content_dir,
                    {str(source): name})


def _word_file(source: Path, content_dir: Path, accept_changes: bool, decide: str | None) -> Plan:
    """docx_in's own plan (it reads the file once, within its bounds, and says what it
    would write); a Word file we did not make goes through the page cleaner, which writes as
    it goes, so that part runs on the shadow folder."""
    from .docx_in import apply_docx_plan, plan_docx
    shown = {str(source): source.name}
    try:
        docx_plan = plan_docx(source, content_dir, accept_changes=accept_changes, decide=decide)
    except UserError as exc:
        exc.path = source.name if exc.path == str(source) else exc.path
        raise
    if docx_plan.kind is None:
        return plan(lambda shadow, echo: apply_docx_plan(replace(docx_plan, content_dir=shadow), echo),
                    content_dir, shown)
    changes = [_file_change(content_dir, path.relative_to(content_dir).as_posix(), data)
               for path, data in docx_plan.writes.items()
               if not (path.is_file() and path.read_bytes() == data)]     # as the shadow lists them
    conflicts = [{"file": speech.path.name, "where": c.where, "ours": c.ours, "theirs": c.theirs}
                 for speech in docx_plan.speeches for c in speech.conflicts]
    read = {s.path.name: version_of(s.path) for s in docx_plan.speeches}
    return Plan(content_dir, changes, [], comments=_comments_of(docx_plan), conflicts=conflicts, read=read)


def taking_theirs(shown: Plan) -> Plan:
    """The plan of the same reviewed copy with every conflict decided for the copy's text
    (`build.py ingest --theirs`), made only if none of the speeches it merged with has
    changed since `shown` was shown (StaleVersion otherwise)."""
    if shown.source is None:
        raise UserError(N_("there is no conflict to decide"))
    again = ingest_file(*shown.source, shown.content_dir, decide="theirs")
    for name, version in shown.read.items():
        if again.read.get(name) != version:
            raise StaleVersion(STALE_PLAN, shown.content_dir / name)
    return again


def _comments_of(docx_plan) -> list[dict]:
    """The copy's comments (批注): who wrote them, on which text, what they say."""
    return [{"author": c.author, "date": c.date, "text": c.text,
             "on": c.paragraph.text if c.paragraph is not None else ""} for c in docx_plan.text.comments]


def safe_name(name: str) -> str:
    """The file name of an upload: its last path part, no control characters, not hidden."""
    last = name.replace("\\", "/").rsplit("/", 1)[-1]
    last = "".join(ch for ch in last if ch.isprintable()).strip().lstrip(".")
    return last[-MAX_NAME:] or "upload.txt"


# ------------------------------------------------------------ the shadow folder
def _copy_content(content_dir: Path, shadow: Path) -> None:
    """The files ingest reads: the speeches, the collection, the manifest, the reports."""
    shadow.mkdir(parents=True)
    for folder, target in ((content_dir, shadow), (content_dir / REPORTS, shadow / REPORTS)):
        if not folder.is_dir():
            continue
        target.mkdir(exist_ok=True)
        for path in folder.iterdir():
            if path.is_file() and not path.is_symlink():
                shutil.copyfile(path, target / path.name)


def _changed_names(content_dir: Path, shadow: Path) -> list[str]:
    names = []
    for path in sorted(shadow.rglob("*")):
        if path.is_file():
            name = path.relative_to(shadow).as_posix()
            real = content_dir / name
            if not real.is_file() or real.read_bytes() != path.read_bytes():
                names.append(name)
    return names


def _change(content_dir: Path, shadow: Path, name: str) -> FileChange:
    return _file_change(content_dir, name, (shadow / name).read_bytes())


def _file_change(content_dir: Path, name: str, data: bytes) -> FileChange:
    change = FileChange(name, version_of(content_dir / name), data)
    if change.is_speech:
        old = (content_dir / name).read_text(encoding="utf-8") if change.base else ""
        change.paragraphs = paragraph_changes(old, data.decode("utf-8"))
    return change


def paragraph_changes(old: str, new: str) -> list[dict]:
    """What differs between two content texts, as a reviewer reads it: front-matter lines,
    then body paragraphs and headings (kind: changed | added | removed)."""
    old_front, old_body = _parts(old)
    new_front, new_body = _parts(new)
    return _diff(old_front, new_front) + _diff(old_body, new_body)


def _parts(text: str) -> tuple[list[str], list[str]]:
    if not text:
        return [], []
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0)
    try:
        body = parse_body("\n".join(lines[end + 1:]), end + 2, Path("content"))
    except UserError:
        body = []
    return ([line for line in lines[1:end] if line.strip()],
            [("#" * b["level"] + " " if b["kind"] == "heading" else "") + b["text"] for b in body])


def _diff(old: list[str], new: list[str]) -> list[dict]:
    out = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = max(a2 - a1, b2 - b1)
        for i in range(pairs):
            before = old[a1 + i] if a1 + i < a2 else None
            after = new[b1 + i] if b1 + i < b2 else None
            kind = "changed" if before is not None and after is not None else \
                "added" if after is not None else "removed"
            out.append({"kind": kind, "old": before, "new": after})
    return out
