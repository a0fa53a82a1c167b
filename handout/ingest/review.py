"""The review page: content/_reports/<page>.html, one self-contained file (inline CSS, no script,
nothing fetched) that shows every source line as kept, changed (the change marked) or dropped
(with its reason), with the X placeholders and everything flagged for review highlighted.
Open it in any browser next to the Markdown files it describes."""

from __future__ import annotations

from difflib import SequenceMatcher
from html import escape

import re

from ..i18n import N_, _, localize
from .page import Page

# What a reviewer must fill in before printing: X/×, 20xx, 20__, ***, 某某
MOVED = ("joined to line", "year wrapped")      # repairs that move a line's text into another
PLACEHOLDER = re.compile(r"[X×Ｘ]+|(?<![A-Za-z])[xX]{2,4}(?![A-Za-z])|_+|＿+|\*{3,}|某某")

STYLE = """
body{font:15px/1.6 "Noto Sans CJK SC","Noto Sans SC",sans-serif;margin:24px;color:#222}
h1{font-size:20px} h2{font-size:17px;margin-top:28px}
table{border-collapse:collapse;width:100%} td{border-bottom:1px solid #ddd;padding:4px 8px;vertical-align:top}
td.n{color:#888;text-align:right;width:3em} td.s{width:6em;font-size:13px}
tr.kept td.s{color:#2a7} tr.moved td.s{color:#37a} tr.changed td.s{color:#c70} tr.dropped td.s{color:#c22} tr.partly td.s{color:#c70}
tr.dropped td.t s{color:#999}
del{background:#fdd;color:#a00} ins{background:#dfd;color:#070;text-decoration:none}
mark.x{background:#ff0;font-weight:bold} .why{display:block;font-size:12px;color:#666}
.flag{background:#fff3cd;border:1px solid #e0c36a;padding:8px 12px;margin:8px 0}
.legend span{margin-right:16px}
"""


# Each row's status (its CSS class) as the page names it, and the legend's counts.
STATUS = {"kept": N_("kept"), "changed": N_("changed"), "partly": N_("partly"), "moved": N_("moved"),
          "dropped": N_("dropped")}
LEGEND = {"kept": N_("kept {count}"), "changed": N_("changed {count}"),
          "partly": N_("partly dropped {count}"), "moved": N_("moved into another line {count}"),
          "dropped": N_("dropped {count}")}

# A character diff of two texts whose lengths multiply to more than this is not made (it
# would take seconds to minutes); see _diff.
CHAR_DIFF_LIMIT = 400 * 400
# A sentence and its closing punctuation (or the rest of the line).
SENTENCE = re.compile(r"[^。！？；!?;]+[。！？；!?;]*|[。！？；!?;]+")


def review_html(name: str, page: Page, files: list[str]) -> str:
    kept = _kept_by_line(page)
    rows = [_row(number, raw, kept.get(number), page) for number, raw in enumerate(page.raw, 1)
            if raw.strip() or number in kept]
    flags = [f"<li>{escape(file)}: {escape(localize(note))}</li>" for speech, file in zip(page.speeches, files)
             for note in speech.notes] + [f"<li>{escape(localize(note))}</li>" for note in page.notes]
    speeches = "".join(f"<li><b>{escape(file)}</b>: {escape(s.meta.title or '')}"
                       + escape(_(" (lines {first}–{last}, {count} paragraphs)").format(
                           first=s.lines[0], last=s.lines[1], count=len(s.paragraphs))) + "</li>"
                       for s, file in zip(page.speeches, files))
    counts = {status: sum(f'class="{status}"' in row for row in rows) for status in STATUS}
    legend = "".join(f"<span>{escape(_(LEGEND[status]).format(count=counts[status]))}</span>"
                     for status in STATUS)
    title = escape(_("Ingest review: {name}").format(name=name))
    to_check = escape(_("To check"))
    return (f"<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            f"<title>{title}</title><style>{STYLE}</style></head><body>\n"
            f"<h1>{title}</h1>\n<ul>{speeches}</ul>\n"
            f"<p class=\"legend\">{legend}</p>\n"
            + (f"<div class=\"flag\"><b>{to_check}</b><ul>{''.join(flags)}</ul></div>\n"
               if flags else "")
            + "<table>\n" + "\n".join(rows) + "\n</table>\n</body></html>\n")


def _kept_by_line(page: Page) -> dict[int, str]:
    kept: dict[int, str] = {}
    for speech in page.speeches:
        for line in speech.body:
            kept[line.number] = kept.get(line.number, "") + line.text
    return kept


def _row(number: int, raw: str, kept: str | None, page: Page) -> str:
    raw = raw.strip()
    drops = [d for d in page.dropped if d.line == number]
    fixes = [f for f in page.fixes if f.line == number]
    why = [_("dropped “{text}”: {reason}").format(text=_short(d.text), reason=localize(d.reason))
           if kept else localize(d.reason) for d in drops]
    why += _grouped(fixes)
    why += [localize(what) for line, what in page.cuts if line == number]
    if kept is None and any(f.reason.startswith(MOVED) for f in fixes):
        status, text = "moved", _marked(raw)
    elif kept is None:
        status, text = "dropped", f"<s>{_marked(raw)}</s>"
    elif kept == raw:
        status, text = "kept", _marked(raw)
    else:
        status, text = ("partly" if drops else "changed"), _diff(raw, kept)
    notes = "".join(f"<span class=\"why\">{escape(w)}</span>" for w in why)
    return (f"<tr class=\"{status}\" id=\"l{number}\"><td class=\"n\">{number}</td>"
            f"<td class=\"s\">{escape(_(STATUS[status]))}</td><td class=\"t\">{text}{notes}</td></tr>")


def _grouped(fixes) -> list[str]:
    """One note per kind of repair on a line: 'emoji ×3: “…”, “…”'."""
    out = []
    for reason in dict.fromkeys(f.reason for f in fixes):
        same = [f for f in fixes if f.reason == reason]
        shown = ", ".join(f"“{_visible(_short(f.old))}”" + (f" → “{_short(f.new)}”" if f.new else "")
                          for f in same[:6]) + (" …" if len(same) > 6 else "")
        out.append(f"{localize(reason)}" + (f" ×{len(same)}" if len(same) > 1 else "") + _(": ") + shown)
    return out


def _visible(text: str) -> str:
    """Emoji and other symbols a CJK font may not draw, as code points."""
    return "".join(f"U+{ord(ch):04X}" if ord(ch) > 0xFFFF or 0x2600 <= ord(ch) <= 0x27BF else ch
                   for ch in text)


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[:width] + "…"


def _marked(text: str) -> str:
    """The text, escaped, with its X placeholders highlighted."""
    out, last = [], 0
    for match in PLACEHOLDER.finditer(text):
        out += [escape(text[last:match.start()]), f"<mark class=\"x\">{escape(match.group())}</mark>"]
        last = match.end()
    return "".join(out) + escape(text[last:])


def _diff(before: str, after: str) -> str:
    """`before` → `after` with what was taken out struck and what was put in marked. A
    character diff costs len(before) × len(after) and worse (a one-line 150 KB page took
    114 s): a long line is diffed sentence by sentence, each changed sentence by character
    while that stays small, else marked whole (bench/review_diff.py)."""
    if len(before) * len(after) <= CHAR_DIFF_LIMIT:
        return _char_diff(before, after)
    old, new = SENTENCE.findall(before), SENTENCE.findall(after)
    out = []
    # autojunk: a page of one sentence repeated thousands of times stays linear
    for op, a1, a2, b1, b2 in SequenceMatcher(None, old, new).get_opcodes():
        was, now = "".join(old[a1:a2]), "".join(new[b1:b2])
        if op == "equal":
            out.append(_marked(now))
        elif len(was) * len(now) <= CHAR_DIFF_LIMIT:
            out.append(_char_diff(was, now))
        else:
            out.append(_whole(was, now))
    return "".join(out)


def _char_diff(before: str, after: str) -> str:
    out = []
    for op, a1, a2, b1, b2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(_marked(after[b1:b2]))
            continue
        out.append(_whole(before[a1:a2], after[b1:b2]))
    return "".join(out)


def _whole(before: str, after: str) -> str:
    return (f"<del>{escape(before)}</del>" if before else "") + (f"<ins>{_marked(after)}</ins>" if after else "")
