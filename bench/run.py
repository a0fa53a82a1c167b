"""Benchmark: our batch build against Typst on the same speeches, in one run.

    python bench/run.py [--reps 5] [--corpus 300]

Every figure is the median of --reps runs of a fresh process (what a user waits for), on
temporary copies of content/; nothing in content/ or output/ is touched. Peak memory is the
largest sum of PSS over the build's whole process tree (the build forks workers), sampled
every 10 ms from /proc. Results and the reading of them: bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
CONTENT = ROOT / "content"
PY = sys.executable


def speeches() -> list[Path]:
    return sorted(p for p in CONTENT.glob("*.md") if not p.name.startswith("_"))


# ---------------------------------------------------------------- measuring
def tree_rss_kb(pid: int) -> int:
    """Memory of a process and all its descendants: the sum of their PSS (proportional set
    size) from /proc. Forked workers share the parent's pages (fonts, code); summing RSS
    would count those once per worker, PSS splits them among the sharers."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as rollup:
                total += next((int(l.split()[1]) for l in rollup if l.startswith("Pss:")), 0)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as children:
                    todo += [int(c) for c in children.read().split()]
        except (OSError, ValueError):
            pass
    return total


def run(cmd: list[str], cwd: Path = ROOT) -> tuple[float, int]:
    """Wall time (s) and peak tree RSS (MB) of one command; fails loudly if it fails."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_kb(proc.pid))
            done.wait(0.01)
    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode()}")
    return seconds, peak // 1024


def median_of(reps: int, cmd_for, before=None) -> tuple[float, int]:
    times, peaks = [], []
    for _ in range(reps):
        if before:
            before()
        seconds, peak = run(cmd_for())
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


# ---------------------------------------------------------------- the peer: Typst
def to_typst(md: Path) -> str:
    """A content file as a Typst document using bench/handout.typ (headings, paragraphs, bold)."""
    text = md.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)

    def inline(s: str) -> str:
        s = "".join("\\" + c if c in "#*_`$<>@[]\\" else c for c in s)
        return s.replace("\\*\\*", "*")              # **bold** -> *bold*
    out = ['#import "handout.typ": handout',
           f'#show: handout.with(title: "{meta["title"]}", speaker: "{meta.get("speaker") or ""}", '
           f'date: "{meta.get("date") or ""}")']
    for block in body.strip().split("\n\n"):
        if block.startswith("## "):
            out.append("== " + inline(block[3:]))
        elif block.startswith("# "):
            out.append("= " + inline(block[2:]))
        else:
            out.append(inline(block))
    return "\n\n".join(out) + "\n"


TYPST_SCRIPT = """
import sys, typst
fonts, files = sys.argv[1], sys.argv[2:]
for f in files:
    typst.compile(f, output=f[:-4] + ".pdf", font_paths=[fonts], ignore_system_fonts=True)
"""


# ---------------------------------------------------------------- scenarios
def corpus(folder: Path, copies: int) -> Path:
    """The committed speeches repeated under new slugs, with the booklet description."""
    content = folder / f"content-{copies}"
    content.mkdir()
    sources = speeches()
    for i in range(copies):
        src = sources[i % len(sources)]
        (content / f"{i:03d}-{src.name}").write_bytes(src.read_bytes())
    if (CONTENT / "_collection.yaml").exists():
        collection = yaml.safe_load((CONTENT / "_collection.yaml").read_text(encoding="utf-8"))
        collection.pop("order", None)
        (content / "_collection.yaml").write_text(yaml.safe_dump(collection, allow_unicode=True),
                                                  encoding="utf-8")
    return content


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--corpus", type=int, default=300)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="handout-bench-"))
    try:
        rows = measure(tmp, args.reps, args.corpus)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print_table(rows)


def measure(tmp: Path, reps: int, corpus_size: int) -> list[tuple]:
    content = tmp / "content"
    shutil.copytree(CONTENT, content, ignore=shutil.ignore_patterns("sources", "_reports", ".*"))
    out = tmp / "out"
    build = [PY, str(ROOT / "build.py"), "--content", str(content), "--output", str(out), "--quiet"]
    rows = []

    typst_dir = tmp / "typst"
    typst_dir.mkdir()
    shutil.copy(BENCH / "handout.typ", typst_dir)
    typ_files = []
    for md in speeches():
        path = typst_dir / f"{md.stem}.typ"
        path.write_text(to_typst(md), encoding="utf-8")
        typ_files.append(str(path))
    typst_cmd = [PY, "-c", TYPST_SCRIPT, str(ROOT / "fonts"), *typ_files]
    typst_time, typst_mem = median_of(reps, lambda: typst_cmd)
    rows.append(("Typst: 3 speeches, PDF only (peer)", typst_time, typst_mem, None))

    full = median_of(reps, lambda: build + ["--force"], before=lambda: shutil.rmtree(out, ignore_errors=True))
    rows.append(("ours: full batch, 3 speeches PDF+DOCX + booklet, from clean", *full, 1.0))
    noop = median_of(reps, lambda: build)
    rows.append(("ours: no-op rebuild", *noop, 0.15))
    one = median_of(reps, lambda: [PY, str(ROOT / "build.py"), str(content / "2022-kaiban.md"),
                                   "--only", "pdf", "--force", "--quiet", "--output", str(tmp / "one")])
    rows.append(("ours: one speech, PDF only", *one, None))
    floor = median_of(reps, lambda: [PY, "-c", "pass"])
    rows.append(("python -c pass (interpreter start, the floor)", *floor, None))

    for size in sorted({corpus_size // 3, corpus_size}):
        big = corpus(tmp, size)
        big_out = tmp / f"out-{size}"
        seconds, peak = run([PY, str(ROOT / "build.py"), "--content", str(big), "--output",
                             str(big_out), "--quiet", "--force"])
        rows.append((f"ours: {size} speeches, full batch ({seconds / size * 1000:.0f} ms/speech)",
                     seconds, peak, 30.0 if size == corpus_size else None))
    return [(name, t, mem, target, t / typst_time) for name, t, mem, target in rows]


def print_table(rows) -> None:
    print(f"{'what':66s} {'median s':>9s} {'peak MB':>8s} {'× Typst':>8s}  target")
    for name, seconds, mem, target, ratio in rows:
        goal = "" if target is None else (f"≤ {target:g}× Typst" if target == 1.0 else f"≤ {target:g} s")
        print(f"{name:66s} {seconds:9.3f} {mem:8d} {ratio:8.2f}  {goal}")
    print(f"\nmachine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', 'unset')}")


if __name__ == "__main__":
    main()
