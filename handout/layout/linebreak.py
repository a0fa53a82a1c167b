"""Chinese line breaking on a character grid (GB/T 15834-2011 §5.1, W3C clreq).

A paragraph is cut into *units* (one Han character or full-width mark per grid cell, a
Latin word, a space, an unsplittable —— or ……) and units into *atoms*, the pieces a line
may never be broken inside: an opening mark sticks to what follows it, a closing mark,
a dash or an ellipsis to what precedes it. Lines are filled greedily with atoms. When the
next atom does not fit, a 。，、：；！？ that alone overflows hangs past the edge (as Word and
LibreOffice do with the DOCX); otherwise the atom is pushed to the next line (推出) and the
line is stretched. Marks are not squeezed to pull it in (挤进): clreq (§3.1.6) leaves
that to the house style, and LibreOffice, on the DOCX's character grid, cannot squeeze, so
the DOCX could not break where the PDF does. Only an atom wider than a whole line is
squeezed (_place).
A last line of one or two characters is avoided by pushing a little more down.
"""

from __future__ import annotations

import unicodedata
from array import array
from dataclasses import dataclass, field
from typing import Callable, Sequence

# GB/T 15834 §5.1: never at the start of a line (点号, closing marks, connectors, 间隔号,
# 分隔号, ellipsis), never at the end (opening marks, 分隔号).
CLOSING = set("。，、；：？！”’）〕】》〉」』〗］｝")
OPENING = set("“‘（〔【《〈「『〖［｛")
NO_START = CLOSING | set("—…·～／–")
NO_END = OPENING | set("／")
# These 点号 may hang past the end of a full line, as Word's and LibreOffice's "allow
# punctuation to extend past the right edge" (used by the DOCX) does: the line keeps its 28
# grid characters instead of pushing a character down. The set is LibreOffice's for zh-CN
# (LineBreakHangingCharacters in i18npool's zh_CN.xml), so the DOCX breaks where the PDF does.
HANGING = set("。，、．：；！？")
# A Latin run too long for a line (a URL, a file path) breaks after one of these first,
# anywhere else only if it must; a run that fits is never broken inside.
SOFT_BREAKS = set("/.-_?&=#")
# Two-em marks that must never be split across lines (§5.1.4, §5.1.5).
DOUBLES = ("——", "……")
RUNT_CHARS = 2            # a last line this short is a runt
MAX_PUSH_EM = 3.0         # never stretch a line by more than this to cure a runt


@dataclass(frozen=True, slots=True)
class Unit:
    """Something that takes space on a line, drawn in one font. Units are shared: one
    object per distinct (text, font, size, bold, cell), so a 2,000-page booklet holds a
    few thousand of them, not a million (see make_units).

    width    natural advance in pt (a grid cell for Han characters and full-width marks)
    glyph    advance of the glyphs as the font draws them, in pt (narrow quotes: < width)
    kind     han | open | close | fixed | latin | space
    squeeze  how much width the unit can give up: half a cell for a full-width mark
    no_start it may not begin a line (its first character is in NO_START)
    no_end   it may not end a line (its last character is in NO_END)
    """
    text: str
    font: str
    size: float
    bold: bool
    width: float
    glyph: float
    kind: str
    squeeze: float = 0.0
    no_start: bool = False
    no_end: bool = False


@dataclass(slots=True)
class Line:
    """A laid-out line: units with their x offsets (pt) from the line's left edge."""
    units: Sequence[Unit]
    xs: Sequence[float] = field(default_factory=list)
    widths: Sequence[float] = field(default_factory=list)
    indent: float = 0.0
    last: bool = False

    @property
    def text(self) -> str:
        return "".join(u.text for u in self.units)

    @property
    def end(self) -> float:
        """x of the end of the last unit, from the line's left edge (0 for an empty line)."""
        return self.xs[-1] + self.widths[-1] if self.units else 0



# A measurer answers (font role for this char, advance of text in that font at size).
Measure = Callable[[str, str, float], tuple[str, float]]


def make_units(spans, font: str, size: float, cell: float, measure: Measure,
               bold: bool = False, cache: dict | None = None,
               longest: float = float("inf"), latin: str | None = None) -> list[Unit]:
    """Cut spans (objects with .text and .bold) into units.

    `cell` is the advance of one full-width character at `size`: the grid pitch for body
    text, the same proportion of the size for larger or smaller text. `cache` keeps the
    units of pieces drawn in their own font across calls; it must belong to one font set
    (the measurer's), since it skips the measurer. A Latin piece wider than `longest` (the
    line) is cut into pieces that fit, so that break_lines can break it. `latin`, a font
    role, sets the pieces of ASCII (digits, Latin letters, their signs and spaces) in its
    face: what a DOCX's w:rFonts w:ascii does in Word.
    """
    cache = {} if cache is None else cache
    units: list[Unit] = []
    for span in spans:
        text, i, weight = span.text, 0, bold or span.bold
        while i < len(text):
            piece = _next_piece(text, i)
            face = latin if latin and piece.isascii() else font
            for part in _fitting(piece, face, size, measure, longest):
                units.append(_cached_unit(part, face, size, cell, measure, weight, cache))
            i += len(piece)
    return units


def _cached_unit(piece: str, font: str, size: float, cell: float, measure: Measure,
                 bold: bool, cache: dict) -> Unit:
    key = (piece, font, size, cell, bold)
    unit = cache.get(key)
    if unit is None:
        unit = _unit(piece, font, size, cell, measure, bold)
        if unit.font == font:        # a fallback is reported again for every block
            cache[key] = unit
    return unit


def _next_piece(text: str, i: int) -> str:
    """The next unit's text: one wide character, a space, or Latin up to a space, a wide
    character or just after a SOFT_BREAKS mark (where a too-long run may break)."""
    if text.startswith(DOUBLES, i):
        return text[i:i + 2]
    if _is_wide(text[i]) or text[i].isspace():   # U+3000 is wide and a space
        return text[i]
    j = i
    while j < len(text) and not _is_wide(text[j]) and not text[j].isspace():
        j += 1
        if text[j - 1] in SOFT_BREAKS:
            break
    return text[i:j]


def _fitting(piece: str, font: str, size: float, measure: Measure, longest: float) -> list[str]:
    """`piece`, or a Latin piece wider than `longest` (so it must break somewhere) cut into
    its characters, so that filling can break it exactly where the line is full."""
    if len(piece) == 1 or _is_wide(piece[0]) or measure(font, piece, size)[1] <= longest:
        return [piece]
    return list(piece)


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF" or ch in "“”‘’—…·"


def _unit(piece: str, font: str, size: float, cell: float, measure: Measure, bold: bool) -> Unit:
    font, glyph = measure(font, piece, size)          # the font that draws it, its advance
    if piece.isspace() and piece != "\u3000":
        return Unit(" ", font, size, bold, glyph, glyph, "space")
    if piece == "\u3000":                       # ideographic space: an empty grid cell
        kind, width = "han", cell
    elif not _is_wide(piece[0]):
        kind, width = "latin", glyph
    else:
        kind = ("open" if piece in OPENING else "close" if piece in CLOSING
                else "fixed" if piece[0] in NO_START else "han")
        width = cell * len(piece)
    return Unit(piece, font, size, bold, width, glyph, kind,
                width / 2 if kind in ("open", "close") else 0.0,
                piece[0] in NO_START, piece[-1] in NO_END)


def atoms_of(units: list[Unit]) -> list[list[Unit]]:
    """Group units into atoms: a line may break only between atoms."""
    atoms: list[list[Unit]] = []
    previous = None
    for i, unit in enumerate(units):
        if previous is None:
            atoms.append([unit])
        elif unit.kind != "space" and previous.kind != "space":     # the usual case, inline
            if unit.no_start or previous.no_end or (unit.kind == previous.kind == "latin"):
                atoms[-1].append(unit)
            else:
                atoms.append([unit])
        elif _may_break(units, i):
            atoms.append([unit])
        else:
            atoms[-1].append(unit)
        previous = unit
    return atoms


def _may_break(units: list[Unit], i: int) -> bool:
    """May a line end before units[i]? Spaces are looked through: “ 2022 is still glued."""
    j, k = i - 1, i
    while j >= 0 and units[j].kind == "space":
        j -= 1
    while k < len(units) and units[k].kind == "space":
        k += 1
    if j < 0 or k == len(units):
        return False              # only spaces on one side: the break would leave an empty line
    if units[k].no_start or units[j].no_end:
        return False
    if units[i].kind == "space" or units[i - 1].kind == "space":
        return True
    return not (units[i - 1].kind == "latin" and units[i].kind == "latin")


def break_lines(units: list[Unit], measure_width: float, first_indent: float,
                justify: bool, cell: float) -> list[Line]:
    """Break units into lines `measure_width` pt wide; the first line starts `first_indent` in."""
    lines: list[list[Unit]] = []
    current = _Filling([])
    for atom in _split_long(atoms_of(units), measure_width - first_indent):
        room = measure_width - (first_indent if not lines else 0)
        if not current.units or current.fits(atom, room):
            current.add(atom)
            continue
        lines.append(current.units)
        current = _Filling(_lstrip(atom))
    lines.append(current.units)
    lines = _cure_runt(lines, measure_width, first_indent, cell)
    return [_place(units_, measure_width - (first_indent if i == 0 else 0),
                   first_indent if i == 0 else 0.0, justify and i < len(lines) - 1, cell,
                   last=i == len(lines) - 1)
            for i, units_ in enumerate(lines)]


def _split_long(atoms: list[list[Unit]], room: float):
    """Atoms as they are, except one wider than a line (a long URL): that is cut between
    its Latin units, which end at SOFT_BREAKS marks, or are single characters of a piece
    too long for any line (make_units); filling then breaks at the last cut that fits."""
    for atom in atoms:
        if len(atom) < 2 or sum(u.width for u in atom) <= room + 1e-6:
            yield atom
            continue
        start = 0
        for i in range(1, len(atom)):
            if atom[i - 1].kind == atom[i].kind == "latin":
                yield atom[start:i]
                start = i
        yield atom[start:]


class _Filling:
    """The line being filled, with running sums so that trying an atom costs only the
    atom (re-summing the line for every atom made breaking quadratic in the line)."""
    __slots__ = ("units", "width", "trailing", "last")

    def __init__(self, units: list[Unit]):
        self.units: list[Unit] = []
        self.width = self.trailing = 0.0                  # trailing: width of end spaces
        self.last: Unit | None = None                     # the last unit that is not a space
        self.add(units)

    def add(self, atom: list[Unit]) -> None:
        self.units += atom
        for unit in atom:
            self.width += unit.width
            if unit.kind == "space":
                self.trailing += unit.width
            else:
                self.trailing, self.last = 0.0, unit

    def fits(self, atom: list[Unit], room: float) -> bool:
        """Does the atom fit on the line, or overflow it only by one HANGING mark at its end?"""
        width, trailing, last = self.width, self.trailing, self.last
        for unit in atom:
            width += unit.width
            if unit.kind == "space":
                trailing += unit.width
            else:
                trailing, last = 0.0, unit
        over = width - trailing - room            # trailing spaces never count
        return over <= 1e-6 or (last is not None and _hangs(last, over))


def _hangs(last: Unit, over: float) -> bool:
    """Is what overflows the line exactly one hanging mark, its last unit?"""
    return last.text in HANGING and over <= last.width + 1e-6


def _cure_runt(lines: list[list[Unit]], measure_width: float, first_indent: float,
               cell: float) -> list[list[Unit]]:
    """Push atoms from the next-to-last line down until the last line has 3+ characters."""
    if len(lines) < 2:
        return lines
    while sum(len(u.text) for u in lines[-1] if u.kind != "space") <= RUNT_CHARS:
        previous = atoms_of(lines[-2])
        if len(previous) < 2:
            break
        room = measure_width - (first_indent if len(lines) == 2 else 0)
        shorter = [u for atom in previous[:-1] for u in atom]
        if room - sum(u.width for u in shorter) > MAX_PUSH_EM * cell:
            break
        lines[-2], lines[-1] = shorter, previous[-1] + lines[-1]
    return lines


def _lstrip(units: list[Unit]) -> list[Unit]:
    while units and units[0].kind == "space":
        units = units[1:]
    return units


def _rstrip(units: list[Unit]) -> list[Unit]:
    while units and units[-1].kind == "space":
        units = units[:-1]
    return units


def _place(units: list[Unit], room: float, indent: float, justify: bool, cell: float,
           last: bool) -> Line:
    """Give each unit its width and x: squeeze if over, stretch the gaps if justified."""
    units = _rstrip(units)
    widths = [u.width for u in units]
    over = sum(widths) - room
    hang = widths[-1] if over > 1e-6 and units and _hangs(units[-1], over) else 0.0
    if over - hang > 1e-6:
        _squeeze(units, widths, over - hang)
    set_width = sum(widths) - hang           # what must fill the measure
    # no stretching inside Latin text: its pieces (`3.` and `5` of 3.5) are one word
    stretches = [not (a.kind == b.kind == "latin") for a, b in zip(units, units[1:])] + [True]
    if hang and len(units) > 1:
        stretches[-2] = False
    gaps = sum(stretches) - 1
    extra = (room - set_width) / gaps if justify and gaps > 0 and room > set_width else 0.0
    xs, x = [], indent
    for width, stretch in zip(widths, stretches):
        xs.append(x)
        x += width + extra if stretch else width
    if hang and len(units) > 1:
        xs[-1] = xs[-2] + widths[-2]         # right after the set text: no stretch before it
    # arrays of doubles, not lists of float objects: a third of the memory, and a booklet
    # holds every line of every speech at once
    return Line(tuple(units), array("d", xs), array("d", widths), indent, last)


def _squeeze(units: list[Unit], widths: list[float], over: float) -> None:
    """Take `over` pt out of marks: the line's last mark first, then marks next to
    another mark (”。), then any other mark — the order clreq describes."""
    order = []
    n = len(units)
    if units and units[-1].squeeze:
        order.append(n - 1)
    for i, unit in enumerate(units):
        if unit.squeeze and i not in order and _next_to_mark(units, i):
            order.append(i)
    order += [i for i, u in enumerate(units) if u.squeeze and i not in order]
    for i in order:
        take = min(units[i].squeeze, over)
        widths[i] -= take
        over -= take
        if over <= 1e-9:
            return


def _next_to_mark(units: list[Unit], i: int) -> bool:
    return any(0 <= j < len(units) and units[j].kind in ("open", "close") for j in (i - 1, i + 1))
