"""The peer: the same speeches through Typst (`pip install typst`), PDF only, with
bench/handout.typ (the same page, grid, fonts, title block, TOC and page numbers)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent


def to_typst(md: Path) -> str:
    """A content file as a Typst document using bench/handout.typ: front matter title,
    speaker, date; `#`/`##` headings; paragraphs; **bold**."""
    text = md.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front) or {}

    def inline(s: str) -> str:
        s = "".join("\\" + c if c in "#*_`$<>@[]\\~" else c for c in s)
        return s.replace("\\*\\*", "*")              # **bold** -> *bold* (strong)

    def string(value) -> str:
        return '"' + str(value or "").replace("\\", "\\\\").replace('"', '\\"') + '"'
    out = ['#import "handout.typ": handout',
           f'#show: handout.with(title: {string(meta.get("title"))}, '
           f'speaker: {string(meta.get("speaker"))}, date: {string(meta.get("date"))})']
    for block in body.strip().split("\n\n"):
        block = " ".join(line.strip() for line in block.splitlines())
        if block.startswith("## "):
            out.append("== " + inline(block[3:]))
        elif block.startswith("# "):
            out.append("= " + inline(block[2:]))
        elif block:
            out.append(inline(block))
    return "\n\n".join(out) + "\n"


# Fresh process: import typst, compile each file; prints its own split (import, compile).
TYPST_SCRIPT = """
import sys, time
t0 = time.perf_counter()
import typst
t1 = time.perf_counter()
fonts, files = sys.argv[1], sys.argv[2:]
for f in files:
    typst.compile(f, output=f[:-4] + ".pdf", font_paths=[fonts], ignore_system_fonts=True)
t2 = time.perf_counter()
print(f"import {t1 - t0:.4f} compile {t2 - t1:.4f}")
"""

# In one process: the first batch (cold), then repeated batches with one Fonts object
# (Typst memoizes across compilations, so repeats are the warm, incremental case).
TYPST_INPROC = """
import json, statistics, sys, time
import typst
reps, fonts_dir, files = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
def batch(fonts):
    t = time.perf_counter()
    for f in files:
        typst.compile(f, output=f[:-4] + ".pdf", font_paths=fonts, ignore_system_fonts=True)
    return time.perf_counter() - t
first = batch([fonts_dir])
t = time.perf_counter()
shared = typst.Fonts(include_system_fonts=False, font_paths=[fonts_dir])
scan = time.perf_counter() - t
repeat = statistics.median(batch(shared) for _ in range(reps))
print(json.dumps({"first": first, "font_scan": scan, "repeat": repeat}))
"""


def typst_files(speeches: list[Path], folder: Path) -> list[str]:
    folder.mkdir()
    shutil.copy(BENCH / "handout.typ", folder)
    files = []
    for md in speeches:
        path = folder / f"{md.stem}.typ"
        path.write_text(to_typst(md), encoding="utf-8")
        files.append(str(path))
    return files


