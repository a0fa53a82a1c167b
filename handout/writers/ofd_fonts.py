"""The fonts of an OFD: each font file used, cut down to the glyphs the document draws.

fontTools.subset keeps the glyphs of the given characters (and what they are built from)
and the cmap, so a reader draws our glyphs on a machine without the fonts. The same
characters give the same bytes: the subset keeps the font's own head timestamps.
"""

from __future__ import annotations

import io
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont


def font_names(path: Path) -> tuple[str, str]:
    """The font's PostScript name and family name, as its name table gives them: a reader
    that does not load the embedded file looks the font up by these."""
    names = TTFont(str(path), lazy=True)["name"]
    return names.getDebugName(6) or path.stem, names.getBestFamilyName() or path.stem


def subset_font(path: Path, characters: set[str]) -> bytes:
    options = subset.Options()
    options.layout_features = []          # placed glyph by glyph: no shaping to keep
    options.hinting = False               # outlines only; readers scale them
    options.name_IDs = [1, 2, 3, 4, 6]    # family, style, names readers show
    options.notdef_outline = True
    options.recalc_timestamp = False      # deterministic: keep the font's own dates
    options.drop_tables += ["FFTM"]       # FontForge's build date (Liberation): fontTools warns of it
    # lazy: reads only the glyphs kept; the kept glyphs' outlines are copied as stored, not
    # decoded and re-encoded to recompute bounding boxes they already carry (4x faster)
    font = TTFont(str(path), lazy=True, recalcTimestamp=False, recalcBBoxes=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(ch) for ch in characters))
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()
