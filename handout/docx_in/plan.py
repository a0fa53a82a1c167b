"""An edited copy of our DOCX back into content/, in two steps: plan (read the copy, merge
each speech with its content file as it is today, compose the report and the comments' side
files; nothing written) and apply (write them). The workbench shows a plan before applying
it; the command line applies at once.

    plan = plan_docx(path, content_dir, accept_changes=..., decide=...)
    plan.speeches[i].old / .new / .conflicts, plan.report, plan.writes   # the preview
    apply_docx_plan(plan)                                                 # the files written
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import UserError
from ..files import write_atomic
from ..printable import check_content
from ..writers.docx_package import read_custom_properties
from .comments import comment_entries, comments_file, comments_path
from .handouts import SpeechBack, speech_groups, speeches_back, split_title_block
from .package import WordPackage, open_word
from .reader import WordText, read_word
from .report import docx_report
from .revisions import Acceptance, authors
from ..i18n import Msg, _, localize

REPORTS = "_reports"
# A content file's name without .md: not hidden (.x), not the collection's or a report's (_x),
# no folder, no control character.
SLUG = re.compile(r"[^._/\\\x00-\x1f\x7f][^/\\\x00-\x1f\x7f]*")
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
OUR_NAME = "handout"                   # lastModifiedBy in a DOCX as we build it


@dataclass
class DocxPlan:
    """What ingesting one Word file will write. `kind` None: a Word file we did not make (its
    text goes through the raw-page cleaner when applied, which writes as it goes)."""
    docx: Path
    content_dir: Path
    text: WordText
    kind: str | None = None
    speeches: list[SpeechBack] = field(default_factory=list)
    reviewer: str = ""
    decide: str | None = None
    report_path: Path | None = None
    report: str = ""
    comment_files: dict[Path, str] = field(default_factory=dict)
    force: bool = False
    warnings: list[str] = field(default_factory=list)   # the build's, for the text to be written

    @property
    def open_conflicts(self) -> int:
        """Conflicts where today's text was kept without being told to (exit status 3)."""
        return 0 if self.decide else sum(len(s.conflicts) for s in self.speeches)

    @property
    def writes(self) -> dict[Path, bytes]:
        out = {s.path: s.new.encode("utf-8") for s in self.speeches if s.changed}
        out.update({path: text.encode("utf-8") for path, text in self.comment_files.items()})
        if self.report_path is not None:
            out[self.report_path] = self.report.encode("utf-8")
        return out


def plan_docx(path: Path, content_dir: Path, force: bool = False, accept_changes=False,
              decide: str | None = None) -> DocxPlan:
    """Read a Word file and plan its ingest; nothing is written. `accept_changes`: False,
    True (all) or the authors whose tracked changes are applied; `decide`: None, "ours" or
    "theirs" for every conflict."""
    package = open_word(path)
    ours = _ours(package.custom, path)
    accepts = Acceptance.of(accept_changes)
    text = read_word(package, accepts)
    text.notes += _unknown_authors(accepts, text.revisions)
    plan = DocxPlan(path, content_dir, text, force=force, decide=decide)
    if ours is None or not ours[1]:
        _refuse_a_handout_without_properties(text, content_dir, path, force)
        return plan
    plan.kind, origins = ours
    groups = speech_groups(text.paragraphs, plan.kind, len(origins), path)
    plan.speeches = speeches_back(groups, plan.kind, origins, content_dir, path, force, decide)
    for speech in plan.speeches:
        if speech.changed:          # refused as the build would refuse it, before anything is written
            plan.warnings += check_content(speech.new, path, speech.path)
    plan.reviewer = reviewer(package, text)
    for speech, group in zip(plan.speeches, groups):
        inside = {id(p) for p in group}
        mine = [c for c in text.comments if c.paragraph is not None and id(c.paragraph) in inside]
        kept = comments_file(content_dir, speech.path.stem,
                             comment_entries(mine, split_title_block(group)[1], path))
        if kept is not None:
            plan.comment_files[comments_path(content_dir, speech.path.stem)] = kept
    plan.report_path = content_dir / REPORTS / f"{path.stem}.md"
    plan.report = docx_report(path.name, plan.speeches, text, plan.reviewer, decide,
                              [p.name for p in plan.comment_files])
    return plan


def apply_docx_plan(plan: DocxPlan, echo=print) -> list[Path]:
    """Write what the plan says; return the content files written."""
    if plan.kind is None:
        from . import typed_in_word
        return typed_in_word(plan.docx, plan.text, plan.content_dir, plan.force, echo)
    for warning in plan.warnings:
        echo(warning)
    for path, data in plan.writes.items():
        write_atomic(path, data)
    for speech in plan.speeches:
        echo(_("{docx}: {file} {outcome}").format(docx=plan.docx, file=speech.path,
                                                    outcome=_outcome(speech, plan.decide)))
    if plan.text.revisions:
        applied = sum(r.applied for r in plan.text.revisions)
        echo(_("  {count} tracked change(s) by {authors}: {applied} applied, {rest} not applied "
               "(listed in the report)").format(count=len(plan.text.revisions), applied=applied,
                                                authors=_(", ").join(authors(plan.text.revisions)),
                                                rest=len(plan.text.revisions) - applied))
    for note in plan.text.notes:
        if note.startswith("--accept-changes="):
            echo(f"  {localize(note)}")
    remarks = len(plan.text.comments) + len(plan.text.notes) + sum(len(s.notes) for s in plan.speeches)
    echo((_("  report: {report} ({count} comment(s) and note(s) to read)") if remarks else
          _("  report: {report}")).format(report=plan.report_path, count=remarks))
    if plan.open_conflicts:
        echo(_("  {count} conflict(s): today's text kept there, both versions in the report "
               "(--theirs takes the copy's, --ours keeps today's)").format(count=plan.open_conflicts))
    return [s.path for s in plan.speeches if s.changed]


def _outcome(speech: SpeechBack, decide: str | None) -> str:
    if speech.conflicts:
        taken = {"theirs": _("the copy's text taken"), "ours": _("today's text kept")}[speech.conflicts[0].taken]
        outcome = _("written, {count} conflict(s) ({taken})") if speech.changed else \
            _("unchanged, {count} conflict(s) ({taken})")
        if not decide:
            taken = _("{taken}; see the report").format(taken=taken)
        return outcome.format(count=len(speech.conflicts), taken=taken)
    if not speech.changed:
        return (_("unchanged (nothing to merge: the copy has no edit that is not in it already)")
                if speech.merged else _("unchanged"))
    return _("written (merged with its edits since the build)") if speech.merged else _("written")


def _unknown_authors(accepts: Acceptance, revisions) -> list[str]:
    """--accept-changes=AUTHOR naming nobody who made a change (a misspelt name) is said."""
    if isinstance(accepts.accept, bool):
        return []
    known = authors(revisions)
    return [Msg("--accept-changes={name}: the file has no tracked change by {name} (it has "
                "changes by {known})", name=name, known=", ".join(known)) if known else
            Msg("--accept-changes={name}: the file has no tracked change by {name} (it has none)",
                name=name)
            for name in sorted(accepts.accept) if name not in known]


def reviewer(package: WordPackage, text: WordText) -> str:
    """Who edited the copy: the last to save it (docProps/core.xml), else the authors of its
    tracked changes or comments, else the copy's file name."""
    if package.core is not None:
        try:
            node = etree.fromstring(package.core).find(f"{CP}lastModifiedBy")
        except etree.XMLSyntaxError:
            node = None
        name = (node.text or "").strip() if node is not None else ""
        if name and name != OUR_NAME:
            return name
    names = authors(text.revisions) or list(dict.fromkeys(c.author for c in text.comments))
    return "、".join(names) if names else _("the copy {name}").format(name=package.path.name)


def _ours(custom: bytes | None, path: Path):
    """(kind, origins) from our custom properties; None for a Word file we did not make.
    The one place they are checked: counts no bigger than the properties present (a
    crafted `handout.speeches=300000000` would otherwise be looped over:
    read_custom_properties), and each slug a content file's name (not `_collection`, not
    `s1.md`, nothing outside content/)."""
    if custom is None:
        return None
    try:
        found = read_custom_properties(custom)
    except (etree.XMLSyntaxError, ValueError):
        raise UserError("damaged .docx (docProps/custom.xml cannot be read)", path) from None
    for origin in (found[1] if found else []):
        if not SLUG.fullmatch(origin.slug) or origin.slug.lower().endswith(".md"):
            raise UserError("the DOCX names an unusable content file {slug!r} "
                            "(docProps/custom.xml)", path, slug=origin.slug)
    return found


def _refuse_a_handout_without_properties(text: WordText, content_dir: Path, path: Path,
                                         force: bool) -> None:
    """A handout whose custom properties were removed (Word's Document Inspector does this)
    would go through the page cleaner into a second content file beside the speech it was
    built from, and the booklet would hold that speech twice. Its title is that speech's:
    refused (with --force it is read as a Word file of its own)."""
    title = "".join("".join(p.text.split()) for p in text.paragraphs if p.kind == "title")
    if force or not title or not content_dir.is_dir():
        return
    from ..content import read_content
    for source in sorted(content_dir.glob("*.md")):
        try:
            written = read_content(source).meta.get("title") or ""
        except (UserError, OSError):
            continue
        if "".join(str(written).split()) == title:
            raise UserError("this is the handout of {name} (same title) with its document "
                            "properties removed (Word's Document Inspector removes them), so its "
                            "edits cannot be matched to that file: ingest a copy of the file as "
                            "it was sent, or use --force to make it a content file of its own", path,
                            name=source.name)
