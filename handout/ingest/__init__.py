"""`build.py ingest`: raw scraped pages -> content/<slug>.md, one per speech, plus a report.

Pipeline per page: read (any encoding) -> split into speeches and drop furniture (page.py,
rules in patterns.yaml) -> normalise and repair paragraphs -> check that no Chinese character
of a kept line was lost -> Markdown. Nothing is written until every page is cleaned, and a
content file edited by hand since ingest wrote it is never overwritten without --force.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..errors import UserError, format_diagnostic
from ..i18n import N_, Msg, _, localize
from ..files import read_input, write_atomic
from ..numbering import numbering_problems
from ..printable import check_content
from .readers import read_source
from .markdown import speech_markdown
from .meta import slugs
from .page import clean_page
from .report import page_report
from .review import review_html
from .rules import load_rules

MANIFEST = ".ingest.json"
REPORTS = "_reports"


def ingest(raw_paths: list[Path], content_dir: Path, force: bool = False, echo=print,
           read=read_source, strict: bool = False) -> list[Path]:
    """Clean every raw page; write the speeches, reports and manifest; return the files written.
    `read` gives a page's lines and how they were read (a Word file's: handout/docx_in/)."""
    rules = load_rules()
    manifest = _read_manifest(content_dir, echo)
    pages = _distinct_pages(raw_paths, echo)
    taken = {Path(f).stem for f, entry in manifest.items()
             if (content_dir / f).exists() and entry.get("source") not in {p.name for p in pages}
             and entry.get("page_sha256") not in pages.values()}
    outputs: dict[Path, str] = {}
    summaries, warnings = [], []
    for raw in pages:
        lines, encoding, *layout = read(raw)          # a Word or PDF file's reader adds a Layout
        page = clean_page(lines, rules, layout[0] if layout else None)
        if not page.speeches:
            raise UserError("no speech found (no salutation such as 同志们：, no title line "
                            "and no “……上的讲话” in an editor line)", raw)
        names = slugs([s.meta for s in page.speeches], page.year, taken)
        files = []
        for speech, slug in zip(page.speeches, names):
            speech.slug = slug
            _check_numbering(speech, raw, echo, strict)
            text = speech_markdown(speech, raw.name)
            _check_nothing_lost(speech, text, raw)
            warnings += check_content(text, raw, content_dir / f"{slug}.md")
            outputs[content_dir / f"{slug}.md"] = text
            files.append(f"{slug}.md")
        report = content_dir / REPORTS / f"{raw.stem}.md"
        outputs[report] = page_report(raw.name, encoding, len(lines), page, files)
        outputs[report.with_suffix(".html")] = review_html(raw.name, page, files)
        summaries.append((raw, page, files, report))
    _refuse_edited(outputs, manifest, content_dir, force)
    for warning in warnings:
        echo(warning)
    for path, text in outputs.items():
        write_atomic(path, text.encode("utf-8"))
    _write_manifest(content_dir, manifest, outputs, summaries, pages)
    _echo_summary(summaries, content_dir, echo)
    return [p for p in outputs if p.parent == content_dir]


def _distinct_pages(raw_paths: list[Path], echo) -> dict[Path, str]:
    """Each page once, with its digest: the same page given twice (or under two names, now or
    in an earlier run) would be two content files and two entries in the booklet."""
    out: dict[Path, str] = {}
    for raw in raw_paths:
        digest = _digest(read_input(raw))
        same = next((p for p, d in out.items() if d == digest), None)
        if same:
            echo(_("{raw}: the same page as {same}; ingested once").format(raw=raw, same=same))
            continue
        out[raw] = digest
    return out


def _check_nothing_lost(speech, text: str, raw: Path) -> None:
    """Every Han character of the kept lines must be in the body, in order (a bug otherwise)."""
    from .normalize import is_han
    body = text.split("\n---\n", 1)[1]
    if "".join(ch for ch in body if is_han(ch)) != speech.kept_han():
        raise AssertionError(f"{raw}: cleaning lost or reordered text in speech {speech.order}")


def _read_manifest(content_dir: Path, echo) -> dict:
    """{file name: {sha256, source}}. An unusable manifest counts as none, which is the safe
    side: every existing content file then counts as edited, and is not overwritten."""
    path = content_dir / MANIFEST
    try:
        files = json.loads(path.read_text(encoding="utf-8")).get("files")
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, AttributeError):
        files = None
    if not isinstance(files, dict) or not all(isinstance(e, dict) and isinstance(e.get("sha256"), str)
                                              for e in files.values()):
        echo(format_diagnostic("warning", _("not an ingest manifest; ignored (existing content "
                                            "files are kept unless --force)"), path))
        return {}
    return files


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _refuse_edited(outputs: dict[Path, str], manifest: dict, content_dir: Path, force: bool) -> None:
    """content/ is where people correct text: never overwrite their edits silently."""
    if force:
        return
    for path, text in outputs.items():
        if path.parent != content_dir or not path.exists():
            continue
        current = path.read_bytes()
        if current == text.encode("utf-8"):
            continue
        recorded = manifest.get(path.name, {}).get("sha256")
        if recorded != _digest(current):
            why = (N_("was edited since ingest wrote it; not overwritten (use --force to replace it)")
                   if recorded else
                   N_("was not written by ingest; not overwritten (use --force to replace it)"))
            raise UserError(why, path)


def _write_manifest(content_dir: Path, manifest: dict, outputs: dict[Path, str], summaries,
                    pages: dict[Path, str]) -> None:
    for raw, _page, files, _report in summaries:
        for name in files:
            data = outputs[content_dir / name].encode("utf-8")
            manifest[name] = {"sha256": _digest(data), "source": raw.name, "page_sha256": pages[raw]}
    text = json.dumps({"files": dict(sorted(manifest.items()))}, ensure_ascii=False, indent=1)
    write_atomic(content_dir / MANIFEST, (text + "\n").encode("utf-8"))


def _check_numbering(speech, raw: Path, echo, strict: bool) -> None:
    """The headings' numbering (handout/numbering.py): each slip a warning naming the page's
    line, and a note in the report (the build warns again, naming the content file's line);
    with --strict the first is an error, before anything is written."""
    headings = [(p.level, p.text, p.lines[0]) for p in speech.paragraphs if p.kind == "heading"]
    for line, message in numbering_problems(headings):
        if strict:
            raise UserError("{problem} (--strict)", raw, line, problem=message)
        echo(format_diagnostic("warning", localize(message), raw, line))
        speech.notes.append(Msg("line {line}: {problem}", line=line, problem=message))


def _echo_summary(summaries, content_dir: Path, echo) -> None:
    for raw, page, files, report in summaries:
        echo(_("{raw}: {speeches} speech(es), {dropped} line(s) dropped").format(
            raw=raw, speeches=len(page.speeches), dropped=len(page.dropped)))
        for speech, name in zip(page.speeches, files):
            todo = len(speech.redactions) + len(speech.notes)
            line = (_("  {file}: {title} — {paragraphs} paragraphs, {todo} thing(s) to check") if todo
                    else _("  {file}: {title} — {paragraphs} paragraphs"))
            echo(line.format(file=content_dir / name, title=speech.meta.title,
                             paragraphs=len(speech.paragraphs), todo=todo))
        echo(_("  report: {report}").format(report=report))


def review_of(content_file: Path) -> tuple[Path | None, bool]:
    """The ingest report a content file came from (None if ingest did not write it), and
    whether the file was edited since ingest wrote it."""
    content_dir = content_file.parent
    entry = _read_manifest(content_dir, echo=lambda message: None).get(content_file.name)
    if not entry or not entry.get("source"):
        return None, False
    report = content_dir / REPORTS / f"{Path(entry['source']).stem}.md"
    try:
        edited = _digest(content_file.read_bytes()) != entry.get("sha256")
    except OSError:
        edited = False
    return (report if report.is_file() else None), edited
