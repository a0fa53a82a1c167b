"""The cleaning report: what a reviewer reads before trusting the content files.

One Markdown file per raw page in content/_reports/: the speeches found and where their
front matter came from, the X placeholders to fill, every line dropped (number, reason,
text), every repair inside a source line (repair.py) and every line cut apart, every line
changed (each edit with its context), every join and split, and the headings found.
Trimming spaces at the ends of lines is not listed. review.py shows the same as a web page.
"""

from __future__ import annotations

from .page import Page, Speech

CONTEXT = 6


def page_report(name: str, encoding: str, line_count: int, page: Page, files: list[str]) -> str:
    out = [f"# Ingest report: {name}", "",
           f"{line_count} lines, read as {encoding}; {len(page.speeches)} speech(es) found.", "",
           "## Speeches", "", "| file | title | speaker | date | source lines | paragraphs |",
           "|---|---|---|---|---|---|"]
    for speech, file in zip(page.speeches, files):
        out.append(f"| {file} | {speech.meta.title} | {speech.meta.speaker or '—'} | "
                   f"{speech.date or '—'} | {speech.lines[0]}–{speech.lines[1]} | "
                   f"{len(speech.paragraphs)} |")
    out += ["", "## To do before printing", ""]
    todo = [f"- {file}: {note}" for speech, file in zip(page.speeches, files) for note in speech.notes]
    todo += [f"- {file}, line {line}: placeholder {context}"
             for speech, file in zip(page.speeches, files) for line, context in speech.redactions]
    out += todo or ["Nothing."]
    out += [f"- {note}" for note in page.notes]
    out += ["", f"## Dropped lines ({len(page.dropped)})", ""]
    out += [f"- line {d.line} ({d.reason}): {d.text}" for d in page.dropped]
    if page.fixes:
        out += ["", f"## Repaired in the source lines ({len(page.fixes)})", ""]
        out += [f"- line {f.line} ({f.reason}): “{_clip(f.old)}”" + (f" → “{_clip(f.new)}”" if f.new else " taken out")
                for f in page.fixes]
    if page.cuts:
        out += ["", f"## Lines cut apart ({len(page.cuts)})", ""]
        out += [f"- line {line}: {what}" for line, what in page.cuts]
    for speech, file in zip(page.speeches, files):
        out += _speech_section(speech, file)
    return "\n".join(out) + "\n"


def _speech_section(speech: Speech, file: str) -> list[str]:
    out = ["", f"## {file}", "", f"Title, speaker, date: {speech.meta.derived or 'not found'}."]
    out += ["", f"### Changed lines ({len(speech.changed)})", ""]
    for change in speech.changed:
        edits = "; ".join(_edit_text(change.before, e) for e in change.edits)
        out.append(f"- line {change.line}: {edits}")
    out += ["", f"### Joined and split ({len(speech.repairs)})", ""]
    out += [f"- line{'s' if len(r.lines) > 1 else ''} {', '.join(map(str, r.lines))}: {r.what}"
            for r in speech.repairs]
    headings = [p for p in speech.paragraphs if p.kind == "heading"]
    out += ["", f"### Headings ({len(headings)})", ""]
    out += [f"- line {p.lines[0]}, level {p.level}: {p.text}" for p in headings]
    return out


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width] + "…"


def _edit_text(line: str, edit) -> str:
    before = line[max(0, edit.pos - CONTEXT):edit.pos]
    after = line[edit.pos + len(edit.old):edit.pos + len(edit.old) + CONTEXT]
    old = edit.old.replace(" ", "␣") or "∅"
    new = edit.new or "∅"
    return f"“{before}[{old}→{new}]{after}”"
