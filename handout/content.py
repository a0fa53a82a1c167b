"""Read one content file: YAML front matter + Markdown body -> data for the templates.

The body is parsed with markdown-it (CommonMark, plus the CJK-friendly emphasis rule so
`**一是方法。**要…` is bold as a Chinese writer means it). Only what a speech needs is
supported: `#`/`##` headings, paragraphs, `**bold**`. Anything else (lists, tables, images,
raw HTML, code) is kept as plain text with a warning, so no words are lost.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from mdit_py_cjk_friendly import cjk_friendly

from .errors import UserError, format_diagnostic
from .files import read_input

KNOWN_KEYS = {"title", "subtitle", "speaker", "date", "occasion", "order", "source"}
STRING_KEYS = ("title", "subtitle", "speaker", "date", "occasion", "source")
# A speech is tens of kilobytes; anything this big is a mistake (a whole site dump), and
# laying it out would take minutes and hundreds of megabytes.
MAX_SPEECH_BYTES = 1024 * 1024
# C0 controls other than tab/newline break both PDF text and DOCX XML.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Tables are parsed (not left as "| a | b |" text) so that they can be reported and their
# cell text kept as paragraphs.
MARKDOWN = MarkdownIt("commonmark").enable("table").use(cjk_friendly)


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
    digest: str = ""              # sha256 of the file's bytes: an edited DOCX knows what it was built from
    front_matter: str = ""        # the YAML between the --- lines, as written


def read_content(path: Path, strict: bool = False) -> Content:
    """Parse a content file; raise UserError (with file and line) on anything unusable."""
    data = read_input(path)
    text = _decode(data, path)
    meta, body_text, body_offset = _split_front_matter(text, path)
    warnings: list[str] = []
    meta = _check_meta(meta, path, warnings, strict)
    body = _parse_body(body_text, body_offset, path, warnings)
    if not body:
        raise UserError("the speech has no text after the front matter", path)
    front = "\n".join(text.split("\n")[1:body_offset - 1])
    return Content(path, meta, body, warnings, hashlib.sha256(data).hexdigest(), front)


def _decode(data: bytes, path: Path) -> str:
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


def body_blocks(markdown: str, path: Path = Path("<text>")) -> list[dict]:
    """The blocks of a Markdown body, as read_content gives them (warnings not kept)."""
    return _parse_body(markdown, 0, path, [])


def _parse_body(text: str, offset: int, path: Path, warnings: list[str]) -> list[dict]:
    blocks: list[dict] = []
    tokens = MARKDOWN.parse(text)
    for i, tok in enumerate(tokens):
        line = offset + tok.map[0] + 1 if tok.map else offset + 1
        if tok.type == "heading_open":
            level = int(tok.tag[1])
            if level > 2:
                raise UserError(f"heading level {level} (`{'#' * level}`): a speech has only "
                                "`#` (一、) and `##` ((一)/1、) headings", path, line)
            runs = _runs(tokens[i + 1], path, line, warnings)
            blocks.append(_block("heading", level, runs, line))
        elif tok.type == "paragraph_open":
            runs = _runs(tokens[i + 1], path, line, warnings)
            if any(r["text"].strip() for r in runs):
                blocks.append(_block("para", 0, runs, line))
        elif tok.type in ("fence", "code_block", "html_block"):
            warnings.append(format_diagnostic(
                "warning", f"{tok.type.replace('_', ' ')} is not supported; kept as plain text", path, line))
            for chunk in tok.content.strip().split("\n\n"):
                blocks.append(_block("para", 0, [{"text": chunk.replace("\n", ""), "bold": False}], line))
        elif tok.type == "table_open":
            warnings.append(format_diagnostic(
                "warning", "table is not supported; each row is kept as a paragraph", path, line))
        elif tok.type == "tr_open":
            cells = _row_cells(tokens, i)
            blocks.append(_block("para", 0, [{"text": "　".join(cells), "bold": False}], line))
        elif tok.type in ("bullet_list_open", "ordered_list_open", "blockquote_open", "hr"):
            warnings.append(format_diagnostic(
                "warning", f"{tok.type.split('_open')[0].replace('_', ' ')} is not supported; "
                "its text is kept as paragraphs", path, line))
    return blocks


def _row_cells(tokens, start: int) -> list[str]:
    """The text of each cell of the table row opening at tokens[start]."""
    cells = []
    for tok in tokens[start + 1:]:
        if tok.type == "tr_close":
            break
        if tok.type == "inline" and tok.content.strip():
            cells.append(tok.content.strip())
    return cells


def _block(kind: str, level: int, runs: list[dict], line: int) -> dict:
    text = "".join(r["text"] for r in runs)
    return {"kind": kind, "level": level, "runs": runs, "text": text, "line": line}


def _runs(inline, path: Path, line: int, warnings: list[str]) -> list[dict]:
    """Flatten an inline token into [{text, bold}] runs, merging neighbours of one style."""
    runs: list[dict] = []
    bold = 0
    for child in inline.children or []:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind in ("text", "code_inline"):
            _append(runs, child.content, bold > 0)
        elif kind == "softbreak":
            _append(runs, _soft_break(runs), bold > 0)
        elif kind == "hardbreak":
            _append(runs, "", bold > 0)
        elif kind == "html_inline":
            warnings.append(format_diagnostic("warning", f"raw HTML {child.content!r} dropped; "
                                              "its text is kept", path, line))
        elif kind == "image":
            warnings.append(format_diagnostic("warning", "image not supported; its description "
                                              "is kept as text", path, line))
            _append(runs, child.content, bold > 0)
    return [r for r in runs if r["text"]]


def _soft_break(runs: list[dict]) -> str:
    """A line break inside a paragraph: nothing between Chinese text, a space after Latin."""
    last = runs[-1]["text"][-1:] if runs else ""
    return " " if last.isascii() and last.isalnum() else ""


def _append(runs: list[dict], text: str, bold: bool) -> None:
    if runs and runs[-1]["bold"] == bold:
        runs[-1]["text"] += text
    else:
        runs.append({"text": text, "bold": bold})
