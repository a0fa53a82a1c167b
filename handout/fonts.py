"""Font roles -> font files, registered once with reportlab, with coverage fallback.

The theme lists candidate file names per role (仿宋, 黑体, 楷体, 小标宋, 宋体); the first
one present wins, each name looked up in the project's fonts folder, then in the shipped one
(searchpath.py). So a licensed 仿宋_GB2312.ttf dropped into a project's fonts/ takes over
from the shipped Zhuque Fangsong, and the other roles keep their shipped fonts. A character
the role's font lacks is drawn in the first fallback font that has it, and reported; one no
theme font has (a rare name character: the shipped fonts hold GB 2312) in a TrueType face
installed on the machine that fontconfig finds (Debian's fonts-hanazono covers every
character of CJK Extensions A to F), and reported; a character no font on the machine has is
an error (no tofu, ever).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, count
from pathlib import Path
import os
import shutil
import subprocess

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError

from .errors import UserError, os_reason
from .fontcache import load_ttfont
from .memo import Memo
from .searchpath import find
from .theme import Theme

KEEP_LINES = 4 * 2**20      # the paragraphs of a booklet of some ten speeches


@dataclass(frozen=True)
class ResolvedFont:
    role: str           # theme font role (fangsong, heiti, …)
    path: Path
    pdf_name: str       # the name registered with reportlab


@dataclass(frozen=True)
class Resolved:
    """The answer of FontSet.resolve for one piece of text."""
    font: str                                   # the role whose font draws it
    missing: str | None                         # a character that no font has
    fallbacks: tuple[tuple[str, str], ...]      # (character, role) drawn by a fallback font


class FontSet:
    """The fonts of one theme: which file serves each role, what each covers."""

    def __init__(self, theme: Theme, font_dirs: tuple[Path, ...]):
        self.theme = theme
        self.fonts = {role: _resolve(theme.fonts[role].files, role, font_dirs)
                      for role in theme.font_roles_used()}
        self._fallback_cache: dict[tuple[str, str], str | None] = {}
        self._advances: dict[tuple[str, str, float], float] = {}
        self._resolved: dict[tuple[str, str], Resolved] = {}
        self.units: dict = {}       # the line breaker's units of these fonts (make_units)
        # paragraphs' lines set in these fonts (layout/pages.py), kept for the next
        # layout of a resident process: what an edit did not touch is not broken again
        self.broken = Memo(KEEP_LINES, _lines_size)
        for font in self.fonts.values():
            _cmap(font.pdf_name)    # now, so that forked workers inherit them

    def pdf_name(self, role: str) -> str:
        return self.fonts[role].pdf_name

    def covers(self, role: str, ch: str) -> bool:
        return ord(ch) in _cmap(self.fonts[role].pdf_name)

    def pick(self, role: str, ch: str) -> str | None:
        """The role itself if its font has `ch`, else the first fallback role that has it,
        else a face installed on the machine that has it (a role of its own: `system:`)."""
        key = (role, ch)
        if key not in self._fallback_cache:
            order = (role,) + tuple(r for r in self.theme.fallback if r != role)
            found = next((r for r in order if self.covers(r, ch)), None)
            self._fallback_cache[key] = found or self._system(ch)
        return self._fallback_cache[key]

    def _system(self, ch: str) -> str | None:
        """The role name of an installed TrueType face with `ch`, registered on first use."""
        path = system_face(ch)
        if path is None:
            return None
        role = f"system:{Path(path).stem}"
        if role not in self.fonts:
            self.fonts[role] = ResolvedFont(role, Path(path), _register(path))
        return role if self.covers(role, ch) else None

    def resolve(self, role: str, text: str) -> Resolved:
        """Which font draws `text` set in `role` (cached: layout asks for every character).

        The role's own font where it has every character; else the fallback that has the
        last character it lacks. `missing` is the first character no font has."""
        key = (role, text)
        found = self._resolved.get(key)
        if found is None:
            used, missing, fallbacks = role, None, []
            for ch in dict.fromkeys(text):          # in text order: messages are stable
                if ch.isspace():
                    continue
                other = self.pick(role, ch)
                if other is None:
                    missing = missing or ch
                elif other != role:
                    used = other
                    fallbacks.append((ch, other))
            found = self._resolved[key] = Resolved(used, missing, tuple(fallbacks))
        return found

    def runs(self, role: str, text: str) -> list[tuple[str, str]]:
        """`text` as (font role, piece) runs, each character in the first font that has it:
        for one-off text the writers set without line breaking (running header, page
        number). The layout has refused a character that no font has."""
        runs: list[tuple[str, str]] = []
        for ch in text:
            font = role if ch.isspace() else self.pick(role, ch)
            if font is None:
                raise UserError("character {ch!r} ({code}) is in none of the fonts", ch=ch,
                                code="U+%04X" % ord(ch))
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + ch)
            else:
                runs.append((font, ch))
        return runs

    def advance(self, role: str, text: str, size: float) -> float:
        """Natural advance of `text` in the role's font at `size` pt (cached: layout asks for
        the same few thousand characters tens of thousands of times)."""
        key = (role, text, size)
        width = self._advances.get(key)
        if width is None:
            width = self._advances[key] = pdfmetrics.stringWidth(text, self.fonts[role].pdf_name, size)
        return width

    def glyph_top(self, role: str, ch: str) -> float:
        """Top of `ch`'s outline in em (to place the page number's dash exactly)."""
        return _glyph_top(str(self.fonts[role].path), ch)


def _lines_size(lines) -> int:
    """About the bytes a paragraph's kept lines occupy: per unit a reference in three lists
    and two floats, per line the Line and its lists (measured: about this), and the paragraph's text (the key)."""
    return sum(110 * len(line.units) + 450 + 2 * len(line.text) for line in lines)


def _resolve(candidates: tuple[str, ...], role: str, font_dirs: tuple[Path, ...]) -> ResolvedFont:
    """The theme's order of preference first: a candidate named earlier wins wherever on the
    search path it is (a licensed font beats a free one), and among copies of one name the
    project's."""
    for name in candidates:
        path = find(font_dirs, name)
        if path is not None:
            return ResolvedFont(role, path, _register(str(path.resolve())))
    raise UserError("no font for the {role} role: put one of {names} into the fonts folder",
                    font_dirs[0], role=role, names=", ".join(candidates))


_REGISTERED: dict[str, str] = {}      # reportlab name -> the file registered under it


@lru_cache(maxsize=None)
def _register(path: str) -> str:
    """Register a TrueType file once per process; the reportlab name is derived from the file
    name, and made unique: a project's own copy of a shipped file (the same name, another
    folder of the search path) must not replace the font that name stands for in a resident
    process, whose caches (coverage, subsets) are keyed by it."""
    stem = "F" + Path(path).stem.replace(" ", "_")
    names = chain([stem], (f"{stem}-{i}" for i in count(2)))
    name = next(n for n in names if _REGISTERED.get(n, path) == path)
    try:
        font = load_ttfont(name, path)
    except TTFError as exc:
        if "postscript" in str(exc).lower():
            raise UserError("cannot use this font: {why} (CFF/OpenType outlines: convert to "
                            "TrueType, see fonts/README.md)", path, why=exc) from None
        raise UserError("cannot use this font: {why}", path, why=exc) from None
    except OSError as exc:
        raise UserError("cannot read this font: {why}", path, why=os_reason(exc)) from None
    pdfmetrics.registerFont(font)
    _REGISTERED[name] = path
    return name


@lru_cache(maxsize=None)
def system_face(ch: str) -> str | None:
    """The first (by path) installed TrueType face that fontconfig says has `ch`, or None:
    reportlab and our subsetter read TrueType outlines only (not Noto CJK's CFF)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        listed = subprocess.run([fc_list, f":charset={ord(ch):x}:fontformat=TrueType", "file"],
                                capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = sorted({os.path.realpath(line.split(":")[0].strip())
                    for line in listed.splitlines() if line.strip()})
    return next((f for f in files if f.lower().endswith(".ttf") and _loads(f)), None)


def _loads(path: str) -> bool:
    try:
        _register(path)
        return True
    except UserError:
        return False


@lru_cache(maxsize=None)
def _glyph_top(path: str, ch: str) -> float:
    from fontTools.ttLib import TTFont as FTFont  # only needed for this one measurement
    with FTFont(path, lazy=True, fontNumber=0) as font:
        name = font.getBestCmap().get(ord(ch))
        glyf = font["glyf"] if name and "glyf" in font else None
        top = getattr(glyf[name], "yMax", None) if glyf else None
        return top / font["head"].unitsPerEm if top is not None else 0.35


@lru_cache(maxsize=None)
def _cmap(pdf_name: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(pdf_name).face.charToGlyph)
