"""Normalising one line of Chinese text, recording every edit for the report.

- half-width , : ; ? ! ( ) next to Chinese text become full-width (，：；？！（）);
  between digits or Latin letters they stay (10:30, 1,000, (GDP) inside English);
- spaces between Chinese characters are removed ("X 届X 次" -> "X届X次");
- "X" redaction placeholders are never touched; `redactions` lists them for the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
SPACES = " \t\u3000\u00a0"
# An X (or ×) standing alone among Chinese text: a placeholder someone must fill in.
REDACTION = re.compile(r"(?<![A-Za-z])[X×Ｘ]+(?![A-Za-z])")


def is_chinese(ch: str) -> bool:
    """Han characters and the punctuation that belongs to Chinese text."""
    code = ord(ch)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2FFFF
            or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or ch in "“”‘’…—·")


def is_han(ch: str) -> bool:
    code = ord(ch)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2FFFF


@dataclass(frozen=True)
class Edit:
    """One change at `pos` (in the line before the edit): `old` became `new`."""
    pos: int
    old: str
    new: str


def normalise(text: str) -> tuple[str, list[Edit]]:
    """The cleaned line and the edits made, in order of position in the original line."""
    punctuation = _punctuation_edits(text)
    widened = list(text)
    for edit in punctuation:                       # same length: positions stay valid
        widened[edit.pos] = edit.new
    edits = punctuation + _space_edits("".join(widened))
    edits.sort(key=lambda e: e.pos)
    out, last = [], 0
    for edit in edits:
        out.append(text[last:edit.pos])
        out.append(edit.new)
        last = edit.pos + len(edit.old)
    out.append(text[last:])
    return "".join(out), edits


def _neighbour(text: str, pos: int, step: int) -> str:
    """The nearest non-space character before (step -1) or after (+1) pos, or ''."""
    pos += step
    while 0 <= pos < len(text) and text[pos] in SPACES:
        pos += step
    return text[pos] if 0 <= pos < len(text) else ""


def _beside_chinese(text: str, pos: int) -> bool:
    before, after = _neighbour(text, pos, -1), _neighbour(text, pos, +1)
    return (before != "" and is_chinese(before)) or (after != "" and is_chinese(after))


def _punctuation_edits(text: str) -> list[Edit]:
    edits = []
    for pos in _paired_parens(text):
        edits.append(Edit(pos, text[pos], FULL_WIDTH[text[pos]]))
    handled = {e.pos for e in edits}
    for pos, ch in enumerate(text):
        if ch in FULL_WIDTH and pos not in handled and ch not in "()" and _beside_chinese(text, pos):
            if ch in ",:" and _between_digits(text, pos):
                continue                                   # 1,000 and 10:30 stay ASCII
            edits.append(Edit(pos, ch, FULL_WIDTH[ch]))
    return edits


def _between_digits(text: str, pos: int) -> bool:
    return 0 < pos < len(text) - 1 and text[pos - 1].isdigit() and text[pos + 1].isdigit()


def _paired_parens(text: str) -> list[int]:
    """Positions of ( and ) to widen: a pair is widened together when it holds or touches
    Chinese text, so a bracket never ends up half-width on one side only."""
    positions, stack = [], []
    for pos, ch in enumerate(text):
        if ch == "(":
            stack.append(pos)
        elif ch == ")" and stack:
            start = stack.pop()
            inside = text[start + 1:pos]
            if any(is_chinese(c) for c in inside) or _beside_chinese(text, start) \
                    or _beside_chinese(text, pos):
                positions += [start, pos]
        elif ch == ")" and _beside_chinese(text, pos):
            positions.append(pos)                          # unpaired, in Chinese text
    positions += [p for p in stack if _beside_chinese(text, p)]
    return positions


def _space_edits(text: str) -> list[Edit]:
    """Remove runs of spaces whose both neighbours are Chinese or a redaction X."""
    edits = []
    for match in re.finditer(f"[{SPACES}]+", text):
        start, end = match.span()
        if start == 0 or end == len(text):
            continue                                       # line ends are trimmed elsewhere
        before, after = text[start - 1], text[end]
        if _joins(before, after):
            edits.append(Edit(start, match.group(), ""))
    return edits


def _joins(before: str, after: str) -> bool:
    chinese_before, chinese_after = is_chinese(before), is_chinese(after)
    if (chinese_before and chinese_after) or (chinese_before and not is_han(before)) \
            or (chinese_after and not is_han(after)):
        return True                       # full-width punctuation carries its own space
    # "针对 X 实际": a placeholder X belongs to the Chinese text around it.
    return (chinese_before and after in "X×Ｘ") or (before in "X×Ｘ" and chinese_after)


def redactions(text: str) -> list[re.Match]:
    """The X placeholders in a line (kept as written; the report lists them to be filled)."""
    return [m for m in REDACTION.finditer(text)
            if _beside_chinese(text, m.start()) or _beside_chinese(text, m.end() - 1)
            or (m.start() > 0 and text[m.start() - 1].isdigit())
            or (m.end() < len(text) and (text[m.end()].isdigit() or text[m.end()] in "%％—-"))]
