"""The cleaning report: what a reviewer reads before trusting the content files.

One Markdown file per raw page in content/_reports/: the speeches found and where their
front matter came from, the X placeholders to fill, every line dropped (number, reason,
text), every repair inside a source line (repair.py) and every line cut apart, every line
changed (each edit with its context), every join and split, and the headings found.
Trimming spaces at the ends of lines is not listed. review.py shows the same as a web page.
"""

from __future__ import annotations

from ..i18n import N_, _, localize
from .page import Page, Speech

CONTEXT = 6
# The report's headings and dropped-line form, which status.py reads back (in either language)
TODO_HEADING = N_("## To do before printing")
DROPPED_HEADING = N_("## Dropped lines ({count})")
DROPPED_LINE = N_("- line {line} ({reason}): {text}")


def page_report(name: str, encoding: str, line_count: int, page: Page, files: list[str]) -> str:
    """The report in the terminal's language; the reasons translated here (localize)."""
    out = [_("# Ingest report: {name}").format(name=name), "",
           _("{lines} lines, read as {encoding}; {count} speech(es) found.").format(
               lines=line_count, encoding=localize(encoding), count=len(page.speeches)), "",
           _("## Speeches"), "",
           "| " + " | ".join((_("file"), _("title"), _("speaker"), _("date"), _("source lines"),
                              _("paragraphs"))) + " |",
           "|---|---|---|---|---|---|"]
    for speech, file in zip(page.speeches, files):
        out.append(f"| {file} | {speech.meta.title} | {speech.meta.speaker or '—'} | "
                   f"{speech.date or '—'} | {speech.lines[0]}–{speech.lines[1]} | "
                   f"{len(speech.paragraphs)} |")
    out += ["", _(TODO_HEADING), ""]
    todo = [f"- {file}: {localize(note)}" for speech, file in zip(page.speeches, files) for note in speech.notes]
    todo += [_("- {file}, line {line}: placeholder {context}").format(file=file, line=line, context=context)
             for speech, file in zip(page.speeches, files) for line, context in speech.redactions]
    out += todo or [_("Nothing.")]
    out += [f"- {localize(note)}" for note in page.notes]
    out += ["", _(DROPPED_HEADING).format(count=len(page.dropped)), ""]
    out += [_(DROPPED_LINE).format(line=d.line, reason=localize(d.reason), text=d.text) for d in page.dropped]
    if page.fixes:
        out += ["", _("## Repaired in the source lines ({count})").format(count=len(page.fixes)), ""]
        out += [(_("- line {line} ({reason}): “{old}” → “{new}”") if f.new else
                 _("- line {line} ({reason}): “{old}” taken out")).format(
                     line=f.line, reason=localize(f.reason), old=_clip(f.old), new=_clip(f.new or ""))
                for f in page.fixes]
    if page.cuts:
        out += ["", _("## Lines cut apart ({count})").format(count=len(page.cuts)), ""]
        out += [_("- line {line}: {what}").format(line=line, what=localize(what)) for line, what in page.cuts]
    for speech, file in zip(page.speeches, files):
        out += _speech_section(speech, file)
    return "\n".join(out) + "\n"


def _speech_section(speech: Speech, file: str) -> list[str]:
    derived = localize(speech.meta.derived) if speech.meta.derived else _("not found")
    out = ["", f"## {file}", "", _("Title, speaker, date: {how}.").format(how=derived)]
    out += ["", _("### Changed lines ({count})").format(count=len(speech.changed)), ""]
    for change in speech.changed:
        edits = _("; ").join(_edit_text(change.before, e) for e in change.edits)
        out.append(_("- line {line}: {edits}").format(line=change.line, edits=edits))
    out += ["", _("### Joined and split ({count})").format(count=len(speech.repairs)), ""]
    out += [(_("- lines {lines}: {what}") if len(r.lines) > 1 else _("- line {lines}: {what}")).format(
                lines=", ".join(map(str, r.lines)), what=localize(r.what))
            for r in speech.repairs]
    headings = [p for p in speech.paragraphs if p.kind == "heading"]
    out += ["", _("### Headings ({count})").format(count=len(headings)), ""]
    out += [_("- line {line}, level {level}: {text}").format(line=p.lines[0], level=p.level, text=p.text)
            for p in headings]
    return out


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width] + "…"


def _edit_text(line: str, edit) -> str:
    before = line[max(0, edit.pos - CONTEXT):edit.pos]
    after = line[edit.pos + len(edit.old):edit.pos + len(edit.old) + CONTEXT]
    old = edit.old.replace(" ", "␣") or "∅"
    new = edit.new or "∅"
    return f"“{before}[{old}→{new}]{after}”"
