"""The PDF's fonts: each font file used, embedded once as a subset, its glyphs coded by
the font's own glyph ids.

A Type 0 font (Identity-H) over a CIDFontType2 whose character codes are the glyph ids of
the full font file (ISO 32000-1, 9.7): a glyph's code is the same in every document, so a
line's text operators are a function of the line alone and a resident process keeps them
across edits however the document's character set changes. The embedded program is a
subset (reportlab's TrueType subsetter, fast and kept, pdf_reuse.py) with the glyphs
renumbered, so a CIDToGIDMap stream maps each code to its glyph in the subset; ToUnicode
maps codes back to text for copying and search.

Where a font draws two characters with one glyph (Noto Sans SC: ・ and ·, ～ and 〜, ‑ and -,
– and ‒), one code per glyph would make ToUnicode give one character for the other: copy,
search and every reader (pdfminer, poppler, PDFium) would read 〜 where the speaker wrote
～. So the lowest character of a shared glyph keeps the glyph id as its code and each other
one gets a code of its own past the font's glyph ids, in a fixed order of the font's cmap
(`_second_codes`: a function of the font file alone, like the glyph ids), mapped by
CIDToGIDMap to the same glyph. ActualText spans would say the same, but pdfminer ignores
them.
"""

from __future__ import annotations

import hashlib
import sys
from array import array
from collections import Counter
from dataclasses import dataclass

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFace

from ..fonts import FontSet
from ..memo import Memo
from .pdf_objects import PdfFile, name, numbers, ref

KEEP_BYTES = 4 * 2**20          # what a subset embeds (program, glyph map, ToUnicode, widths): some ten
KEEP_DOCUMENTS_BYTES = 2 * 2**20  # documents' glyph sets -> their subsets: some ten documents
SYMBOLIC, NONSYMBOLIC = 4, 32   # FontDescriptor flags: glyphs by code, not by a standard encoding
BFCHAR_CHUNK = 100              # entries per beginbfchar block (the CMap format's limit)


class Used:
    """A glyph of a font drawn for a character: one object per (font, glyph, character) in
    a writer (PdfFonts.glyph), so that a document's glyphs are a set of references, merged
    line by line at the cost of pointer hashes (tuples hash their items every time)."""
    __slots__ = ("font", "gid", "ch", "code", "order")

    def __init__(self, font: str, gid: int, ch: str, code: int):
        self.font, self.gid, self.ch, self.code = font, gid, ch, code
        self.order = (int(font[2:]), gid, ch)


@dataclass(frozen=True)
class Glyph:
    """A character as drawn: the font resource, its code (the glyph id, hex), its advance
    at a size (pt), and what drawing it uses."""
    font: str
    code: str               # the glyph id, or for a second character of a glyph its own code
    advance: float
    used: Used


class PdfFonts:
    """The font files of one FontSet as PDF font resources (/F1, /F2, … by file, fixed for
    the writer's lifetime so that kept operators stay valid)."""

    def __init__(self, fonts: FontSet):
        self.fonts = fonts
        names = sorted({fonts.pdf_name(role) for role in fonts.fonts})
        self.resource = {pdf_name: f"/F{n}" for n, pdf_name in enumerate(names, 1)}
        self.face_of = {self.resource[n]: pdfmetrics.getFont(n).face for n in names}
        self._glyphs: dict[tuple[str, str, float], Glyph] = {}
        self._used: dict[tuple[str, int, str], Used] = {}
        self._second: dict[str, dict[tuple[int, str], int]] = {}     # per resource: _second_codes
        self._tables = Memo(KEEP_BYTES, _tables_size)                  # one subset's
        self._documents = Memo(KEEP_DOCUMENTS_BYTES, lambda subsets: 100 * len(subsets))

    def glyph(self, role: str, ch: str, size: float) -> Glyph:
        key = (role, ch, size)
        found = self._glyphs.get(key)
        if found is None:
            resource = self._resource(self.fonts.pdf_name(role))
            face = self.face_of[resource]
            gid = face.charToGlyph.get(ord(ch), 0)
            if resource not in self._second:
                self._second[resource] = _second_codes(face)
            code = self._second[resource].get((gid, ch), gid)
            used = self._used.setdefault((resource, gid, ch), Used(resource, gid, ch, code))
            advance = self.fonts.advance(role, ch, size)
            found = self._glyphs[key] = Glyph(resource, f"{code:04X}", advance, used)
        return found

    def _resource(self, pdf_name: str) -> str:
        """The font's resource; a face installed on the machine that a rare character fell
        back to (fonts.system_face) gets the next number when first drawn."""
        if pdf_name not in self.resource:
            resource = self.resource[pdf_name] = f"/F{len(self.resource) + 1}"
            self.face_of[resource] = pdfmetrics.getFont(pdf_name).face
        return self.resource[pdf_name]

    def embed(self, pdf: PdfFile, used: set[Used]) -> str:
        """The fonts of the glyphs `used` as objects in `pdf`; the resources' font
        dictionary, shared by every page."""
        used = frozenset(used)
        subsets = self._documents.get(used, lambda: self._subsets(used), 120 * len(used))
        entries = [f"{resource} {ref(self._embed_one(pdf, resource, t))}" for resource, t in subsets]
        return "<< " + " ".join(entries) + " >>"

    def _subsets(self, used) -> list[tuple[str, _Tables]]:
        """(font resource, what it embeds) for each font of `used`, in resource order."""
        by_font: dict[str, dict[int, str]] = {}
        seconds: dict[str, list[tuple[int, int, str]]] = {}
        for glyph in sorted(used, key=lambda u: u.order):   # a glyph two characters share: the first
            if glyph.gid:                                   # .notdef is in every subset
                by_font.setdefault(glyph.font, {}).setdefault(glyph.gid, glyph.ch)
                if glyph.code != glyph.gid:
                    seconds.setdefault(glyph.font, []).append((glyph.code, glyph.gid, glyph.ch))
        subsets = []
        for resource in sorted(by_font, key=lambda r: int(r[2:])):
            face, glyphs = self.face_of[resource], by_font[resource]
            gids = tuple(glyphs)
            chars = "".join(glyphs.values())
            more = tuple(seconds.get(resource, ()))
            subsets.append((resource, self._tables.get((face.filename, gids, chars, more),
                                                       lambda: _make_tables(face, gids, chars, more),
                                                       8 * len(gids))))
        return subsets

    def _embed_one(self, pdf: PdfFile, resource: str, t: _Tables) -> int:
        face = self.face_of[resource]
        base = name(t.base_font)[1:]
        program = pdf.add_stream(t.program, f" /Length1 {len(t.program)}")
        descriptor = pdf.add(
            f"<< /Type /FontDescriptor /FontName /{base} /Flags {_flags(face)} "
            f"/FontBBox {numbers(face.bbox)} /ItalicAngle {fp_str(face.italicAngle)} "
            f"/Ascent {fp_str(face.ascent)} /Descent {fp_str(face.descent)} "
            f"/CapHeight {fp_str(face.capHeight)} /StemV {fp_str(face.stemV)} "
            f"/FontFile2 {ref(program)} >>")
        gid_map = pdf.add_stream(t.gid_map)
        cid_font = pdf.add(
            f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{base} "
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            f"/FontDescriptor {ref(descriptor)} /DW {fp_str(t.default_width)} /W [{t.widths}] "
            f"/CIDToGIDMap {ref(gid_map)} >>")
        to_unicode = pdf.add_stream(t.to_unicode)
        return pdf.add(f"<< /Type /Font /Subtype /Type0 /BaseFont /{base} /Encoding /Identity-H "
                       f"/DescendantFonts [{ref(cid_font)}] /ToUnicode {ref(to_unicode)} >>")


@dataclass(frozen=True)
class _Tables:
    """What one subset of one font embeds, a function of the glyphs it holds."""
    base_font: str          # XXXXXX+PostScriptName
    program: bytes          # the TrueType subset
    gid_map: bytes          # CIDToGIDMap: code (= glyph id in the font) -> glyph id in the subset
    to_unicode: bytes
    default_width: float
    widths: str             # the /W array's content: the glyphs not of the default width


def _second_codes(face: TTFontFace) -> dict[tuple[int, str], int]:
    """(glyph id, character) -> the code of a character that shares its glyph with a lower
    one in the font's cmap: the font's glyph count, then on in (glyph, character) order.
    Codes are two bytes: in a font so full that they would not fit, the glyph id stays."""
    by_glyph: dict[int, list[int]] = {}
    for point, gid in sorted(face.charToGlyph.items()):
        by_glyph.setdefault(gid, []).append(point)
    seconds = sorted((gid, point) for gid, points in by_glyph.items() if gid for point in points[1:])
    return {(gid, chr(point)): code for code, (gid, point) in enumerate(seconds, face.numGlyphs)
            if code <= 0xFFFF}


def _make_tables(face: TTFontFace, gids: tuple[int, ...], chars: str,
                 seconds: tuple[tuple[int, int, str], ...] = ()) -> _Tables:
    """`gids` with a character of each (what the subset is made from), and `seconds`: (code,
    glyph id, character) of characters drawn under a code of their own (_second_codes)."""
    # reportlab's subsetter numbers the glyphs of the code points it is given from 1 in
    # that order (0 is .notdef); component glyphs of composites follow
    program = face.makeSubset([ord(ch) for ch in chars])
    last = max([gids[-1] if gids else 0] + [code for code, _gid, _ch in seconds])
    gid_map = array("H", bytes(2 * (last + 1)))
    for new, gid in enumerate(gids, 1):
        gid_map[gid] = new
    for code, gid, _ch in seconds:
        gid_map[code] = gid_map[gid]
    if sys.byteorder == "little":
        gid_map.byteswap()
    widths = [face.charWidths.get(ord(ch), face.defaultWidth) for ch in chars]
    default = Counter(widths).most_common(1)[0][0] if widths else 1000
    coded = list(zip(gids, chars, widths)) + [
        (code, ch, face.charWidths.get(ord(ch), face.defaultWidth)) for code, _gid, ch in seconds]
    tag = "".join(chr(65 + b % 26) for b in hashlib.md5(repr((face.name, gids)).encode()).digest()[:6])
    return _Tables(f"{tag}+{face.name.decode('latin-1')}", program, gid_map.tobytes(),
                   _to_unicode([(code, ch) for code, ch, _w in coded]), default,
                   " ".join(f"{c} [{fp_str(w)}]" for c, _ch, w in coded if w != default))


def _to_unicode(codes: list[tuple[int, str]]) -> bytes:
    """The ToUnicode CMap (two-byte codes -> UTF-16BE text)."""
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    pairs = [f"<{g:04X}> <{ch.encode('utf-16-be').hex().upper()}>" for g, ch in codes]
    for start in range(0, len(pairs), BFCHAR_CHUNK):
        chunk = pairs[start:start + BFCHAR_CHUNK]
        lines += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")


def _flags(face: TTFontFace) -> int:
    return (face.flags & ~NONSYMBOLIC) | SYMBOLIC


def _tables_size(t: _Tables) -> int:
    return len(t.program) + len(t.gid_map) + len(t.to_unicode) + len(t.widths) + 200
