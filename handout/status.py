"""What a reviewer checks before printing, per speech: X placeholders and dates still to
fill (read from the content file as it is now) and what ingest flagged (from its report).

`build.py serve` shows these next to each speech's build status.
"""

from __future__ import annotations

from pathlib import Path

from .i18n import _, read_message
from .ingest import review_of
from .ingest.normalize import redactions
from .ingest.report import DROPPED_HEADING, DROPPED_LINE, TODO_HEADING

CONTEXT = 8                      # characters shown on each side of a placeholder


def todo_list(content_file: Path) -> list[str]:
    """`line N: …` items: placeholders and dates in the file, then ingest's notes."""
    try:
        lines = content_file.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []                # the build reports an unreadable file as its error
    items = []
    for number, line in enumerate(lines, 1):
        found = redactions(line)
        if found and line.startswith("date:"):
            items.append(_("line {line}: date to fill: {date}").format(line=number, date=line[5:].strip()))
            continue
        for match in found:
            before = line[max(0, match.start() - CONTEXT):match.start()]
            after = line[match.end():match.end() + CONTEXT]
            items.append(_("line {line}: placeholder {context}").format(
                line=number, context=f"…{before}【{match.group()}】{after}…"))
    return items + ingest_notes(content_file)


def ingest_notes(content_file: Path) -> list[str]:
    """The notes ingest's report gives for this file (its placeholder lines are left out:
    todo_list finds those in the file as it is now)."""
    report, edited = review_of(content_file)
    if report is None:
        return []
    prefix = f"- {content_file.name}: "
    notes, in_todo = [], False
    for line in report.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            in_todo = read_message(TODO_HEADING, line) is not None      # the report's language
        elif in_todo and line.startswith(prefix):
            note = line[len(prefix):]
            notes.append((_("ingest: {note} (noted before the file was edited)") if edited else
                          _("ingest: {note}")).format(note=note))
    return notes


def dropped_lines(content_file: Path) -> list[dict]:
    """The lines ingest dropped from the page this file came from ({line, reason, text}), for
    a person to put back what should not have gone."""
    report, _edited = review_of(content_file)
    if report is None:
        return []
    found, inside = [], False
    for line in report.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            inside = read_message(DROPPED_HEADING, line) is not None
        elif inside and (values := read_message(DROPPED_LINE, line)) and values["line"].isdigit():
            found.append({"line": int(values["line"]), "reason": values["reason"], "text": values["text"]})
    return found
