"""Read one content file: YAML front matter + body -> data for the templates.

The body has only the marks a speech needs (`#`/`##` headings, paragraphs, `**lead**`;
handout/body.py); every other character is text, printed as written.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .body import parse_body
from .errors import UserError, format_diagnostic
from .files import read_input

KNOWN_KEYS = {"title", "subtitle", "speaker", "date", "occasion", "order", "source"}
STRING_KEYS = ("title", "subtitle", "speaker", "date", "occasion", "source")
# A speech is tens of kilobytes; anything this big is a mistake (a whole site dump), and
# laying it out would take minutes and hundreds of megabytes.
MAX_SPEECH_BYTES = 1024 * 1024
# C0 controls other than tab/newline break both PDF text and DOCX XML.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Content:
    """A speech as read from content/: metadata, body blocks, and warnings found on the way.

    Each body block is a dict the templates read: {kind: heading|para, level, runs: [{text, bold}],
    text, line} — `line` is the 1-based line in the content file.
    """
    path: Path
    meta: dict
    body: list[dict]
    warnings: list[str] = field(default_factory=list)


def read_content(path: Path, strict: bool = False) -> Content:
    """Parse a content file; raise UserError (with file and line) on anything unusable."""
    text = _read_text(path)
    meta, body_text, body_offset = _split_front_matter(text, path)
    warnings: list[str] = []
    meta = _check_meta(meta, path, warnings, strict)
    body = parse_body(body_text, body_offset + 1, path)
    if not body:
        raise UserError("the speech has no text after the front matter", path)
    return Content(path, meta, body, warnings)


def _read_text(path: Path) -> str:
    data = read_input(path)
    if len(data) > MAX_SPEECH_BYTES:
        raise UserError(f"the file is {len(data) / 2**20:.1f} MB; a speech over "
                        f"{MAX_SPEECH_BYTES // 2**20} MB is refused (split it into several files)", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UserError("the file is UTF-16; save it as UTF-8", path, 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UserError("not UTF-8 (GBK?): save the file as UTF-8, or run it through "
                        "`build.py ingest`", path, line) from None
    match = CONTROL_CHARS.search(text)
    if match:
        line = text[: match.start()].count("\n") + 1
        raise UserError(f"control character U+{ord(match.group()):04X} in the text", path, line)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split_front_matter(text: str, path: Path) -> tuple[dict, str, int]:
    """Return (front matter dict, body text, number of lines before the body)."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        raise UserError("no front matter: the file must start with a `---` line, then "
                        "`title: …`, then `---`", path, 1)
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        raise UserError("front matter is not closed by a `---` line", path, 1) from None
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise UserError(f"bad YAML in front matter: {getattr(exc, 'problem', None) or exc}",
                        path, line) from None
    if not isinstance(meta, dict):
        raise UserError("front matter must be `key: value` lines", path, 2)
    meta["_lines"] = {k: _key_line(lines, end, k) for k in meta}
    return meta, "\n".join(lines[end + 1:]), end + 1


def _key_line(lines: list[str], end: int, key) -> int:
    for i in range(1, end):
        if lines[i].startswith(f"{key}:"):
            return i + 1
    return 1


def _check_meta(meta: dict, path: Path, warnings: list[str], strict: bool) -> dict:
    lines = meta.pop("_lines")
    for key in meta:
        if key not in KNOWN_KEYS:
            message = f"unknown front-matter key {key!r} (known: {', '.join(sorted(KNOWN_KEYS))})"
            if strict:
                raise UserError(message, path, lines[key])
            warnings.append(format_diagnostic("warning", message, path, lines[key]))
    if not meta.get("title"):
        raise UserError("front matter has no `title:`", path, 2)
    for key in STRING_KEYS:
        value = meta.get(key)
        if isinstance(value, (_dt.date, int, float)) and not isinstance(value, bool):
            meta[key] = value.isoformat() if isinstance(value, _dt.date) else str(value)
        elif value is not None and not isinstance(value, str):
            raise UserError(f"`{key}` must be text, not {type(value).__name__}", path, lines[key])
    if "order" in meta and not isinstance(meta["order"], int):
        raise UserError("`order` must be a whole number", path, lines["order"])
    # Every known key exists (None when absent), so templates can test `meta.subtitle`
    # while a misspelt variable still fails under StrictUndefined.
    return {**dict.fromkeys(sorted(KNOWN_KEYS)), **meta}
