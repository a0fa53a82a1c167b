"""Loading TrueType fonts for reportlab, with a cache of the tables it parses.

reportlab reads a font's cmap, hmtx and loca tables in pure Python every time it loads the
font: 160 ms for the five shipped fonts, on every build, before the first page is set (a
third of a one-speech build). What it derives depends only on the file, so, as fontconfig
does for its fonts, it is kept in the user's cache folder ($XDG_CACHE_HOME/handout/fonts,
else ~/.cache/handout/fonts): one pickle per font file, named by a hash of the file's path,
size and modification time and of reportlab's version. A cache file that is missing,
stale or unreadable, or a cache folder that cannot be written, only means the font is
parsed as before. The font file itself is mapped, not read, so the worker processes share
its pages and only the glyphs a document uses are ever read from disk.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import pickle
from pathlib import Path
from weakref import WeakKeyDictionary

import reportlab
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from .files import write_atomic

FORMAT = 1                     # bump when what is stored changes
UNSTORED = ("_ttf_data", "_pdfScale")    # the file's bytes, and a lambda pickle cannot hold


def load_ttfont(name: str, path: str) -> TTFont:
    """reportlab's TTFont for `path`, registered under `name` by the caller."""
    cache = cache_file(path)
    font = _from_cache(name, path, cache) if cache else None
    if font is None:
        font = TTFont(name, path)
        if cache:
            _store(font, cache)
    mapped = _map(path)
    if mapped is not None:
        font.face._ttf_data = mapped
    elif "_ttf_data" not in font.face.__dict__:   # from the cache, and the file cannot be mapped
        font.face.readFile(path)                  # reportlab's own read (an OSError if it fails)
    return font


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "handout" / "fonts"


def cache_file(path: str) -> Path | None:
    try:
        stat = os.stat(path)
        folder = cache_folder()
    except OSError:
        return None                    # TTFont will say what is wrong with the file
    except RuntimeError:
        return None                    # no home folder to keep a cache in: parse every time
    key = f"{FORMAT}\0{reportlab.Version}\0{os.path.realpath(path)}\0{stat.st_size}\0{stat.st_mtime_ns}"
    return folder / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.pickle"


def _from_cache(name: str, path: str, cache: Path) -> TTFont | None:
    try:
        state = pickle.loads(cache.read_bytes())
        face = TTFontFace.__new__(TTFontFace)
        face.__dict__.update(state["face"])
        face._pdfScale = _scale(face.unitsPerEm)
        font = TTFont.__new__(TTFont)
        font.__dict__.update(state["font"], fontName=name, face=face, state=WeakKeyDictionary())
        return font
    except Exception:                  # missing, truncated, from another version: parse again
        return None


def _store(font: TTFont, cache: Path) -> None:
    state = {"face": {k: v for k, v in font.face.__dict__.items() if k not in UNSTORED},
             "font": {k: v for k, v in font.__dict__.items() if k not in ("fontName", "face", "state")}}
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(cache, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:                  # a read-only home or a full disk must not stop a build
        pass


def _scale(units_per_em: int):
    """font units -> 1/1000 em, as reportlab's parser sets it (TTFontFile.extractInfo)."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _map(path: str) -> mmap.mmap | None:
    try:
        with open(path, "rb") as f:
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
