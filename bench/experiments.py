"""Evidence for the optimisation suggestions in bench/README.md: the build with one change
patched in from here (handout/ itself is not edited), against the build as it is.

    python bench/experiments.py [--reps 5] [--corpus 100] [--only NAME,…]

Each variant runs build.py's entry point in a fresh process (median wall time of --reps,
interleaved with the baseline so machine noise hits both alike), with the largest single
process's peak RSS (wait4), and the outputs compared byte for byte with the baseline's.

  units     intern Unit objects: one Unit per distinct (piece, font, size, cell, bold)
            instead of one per character (linebreak._unit memoised; a fallback warning
            would then be reported for the first block only — a real change must keep it)
  slots     Unit as a dataclass(slots=True) (no per-object __dict__)
  zlib1     reportlab's Flate streams at zlib level 1 instead of the default 6
  gcfreeze  gc.freeze() when the build returns, so the interpreter's exit does not
            walk and free every object
  gcoff     gc.disable() for the whole build (no cyclic GC passes while building) + gcfreeze
  all       units + slots + zlib1 + gcoff together

It also measures, for the no-op rebuild, what the modules it imports but does not need
cost on top of what it needs (marginal import time in a fresh process, median of 11), and
the no-op itself with gcfreeze.
"""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
VARIANTS = ("units", "slots", "zlib1", "gcfreeze", "gcoff", "all")


# ---------------------------------------------------------------- child
def apply(patch: str) -> None:
    names = {"units", "slots", "zlib1", "gcoff"} if patch == "all" else {patch}
    if "gcoff" in names:
        import gc
        gc.disable()
    if "units" in names or "slots" in names:
        import handout.layout.linebreak as lb
        if "slots" in names:
            from dataclasses import dataclass

            @dataclass(slots=True)
            class Unit:
                text: str
                font: str
                size: float
                bold: bool
                width: float
                glyph: float
                kind: str

                @property
                def squeeze(self) -> float:
                    return self.width / 2 if self.kind in ("open", "close") else 0.0
            lb.Unit = Unit
        if "units" in names:
            original, cache = lb._unit, {}

            def _unit(piece, font, size, cell, measure, bold):
                key = (piece, font, size, cell, bold)
                unit = cache.get(key)
                if unit is None:
                    unit = cache[key] = original(piece, font, size, cell, measure, bold)
                return unit
            lb._unit = _unit
    if "zlib1" in names:
        import types
        import zlib
        from reportlab.pdfbase import pdfdoc
        pdfdoc.zlib = types.SimpleNamespace(compress=lambda data, level=1: zlib.compress(data, 1),
                                            decompress=zlib.decompress)


def child(patch: str, argv: list[str]) -> None:
    sys.path.insert(0, str(ROOT))
    if patch != "baseline":
        apply(patch)
    from handout.cli import main
    code = main(argv)
    if patch in ("gcfreeze", "gcoff", "all"):
        import gc
        gc.freeze()
    sys.stdout.flush()
    if code:
        raise SystemExit(code)


# ---------------------------------------------------------------- parent
def run(patch: str, argv: list[str], out: Path | None, env: dict) -> tuple[float, float, dict]:
    """One fresh process: wall time, largest process's peak RSS (MB), the outputs written to
    `out` (emptied first; None: keep the folder as it is and list nothing)."""
    import os
    import shutil
    import subprocess
    if out is not None:
        shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    proc = subprocess.Popen([PY, str(Path(__file__).resolve()), "--child", patch, *argv],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{patch} failed:\n{proc.stderr.read().decode()}")
    proc.stderr.close()
    files = {} if out is None else {
        p.name: (p.stat().st_size, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")}
    return seconds, usage.ru_maxrss / 1024, files


# The no-op needs argparse, dataclasses, pathlib, json, hashlib (and yaml for the collection
# file); it also imports, at module top, what only a real build uses.
MARGINAL = """
import time
import argparse, dataclasses, pathlib, json, hashlib, os
t0 = time.perf_counter()
import multiprocessing, concurrent.futures, concurrent.futures.process
t1 = time.perf_counter()
import tomllib
t2 = time.perf_counter()
import yaml
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2)
"""


def marginal_imports(env: dict) -> None:
    import statistics
    import subprocess
    runs = [list(map(float, subprocess.run([PY, "-c", MARGINAL], env=env, capture_output=True,
                                           text=True, cwd="/").stdout.split())) for _ in range(11)]
    names = ("multiprocessing + concurrent.futures (handout/build.py, used only to fork workers)",
             "tomllib (handout/settings.py, used only if handout.toml exists)",
             "yaml (handout/plan.py, to read _collection.yaml)")
    print("\nno-op rebuild: marginal import cost in a fresh process, median of 11:")
    for i, name in enumerate(names):
        print(f"  {statistics.median(r[i] for r in runs) * 1000:6.1f} ms  {name}")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3:])
        return
    import argparse
    import shutil
    import statistics
    import tempfile
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--corpus", type=int, default=100, help="corpus size for the second scenario (0: skip)")
    ap.add_argument("--content", type=Path, default=ROOT / "content")
    ap.add_argument("--only", help=f"variants to try (default: {','.join(VARIANTS)})")
    args = ap.parse_args()
    variants = args.only.split(",") if args.only else list(VARIANTS)

    sys.path.insert(0, str(ROOT / "bench"))
    from run import MAIN_MODE, corpus, environment, speeches_in

    tmp = Path(tempfile.mkdtemp(prefix="handout-exp-"))
    try:
        env = environment(MAIN_MODE, tmp)
        content = tmp / "content"
        content.mkdir()
        for p in speeches_in(args.content.resolve()):
            shutil.copyfile(p, content / p.name)
        if (args.content / "_collection.yaml").is_file():
            shutil.copyfile(args.content / "_collection.yaml", content / "_collection.yaml")
        out = tmp / "out"
        print(f"python bench/experiments.py: {PY} ({MAIN_MODE}), medians; outputs compared with the baseline's")
        marginal_imports(env)
        noop = ["--content", str(content), "--output", str(tmp / "noop"), "--quiet"]
        run("baseline", [*noop, "--force"], tmp / "noop", env)
        times: dict[str, list[float]] = {"baseline": [], "gcfreeze": []}
        for _ in range(max(args.reps, 11)):
            for v in times:
                times[v].append(run(v, noop, None, env)[0])
        print("no-op rebuild, median of %d: baseline %.3f s, gcfreeze %.3f s" % (
            len(times["baseline"]), statistics.median(times["baseline"]), statistics.median(times["gcfreeze"])))
        scenarios = [("3 speeches, PDF + DOCX + booklet (2 workers)",
                      ["--content", str(content), "--output", str(out), "--force", "--quiet"], args.reps)]
        if args.corpus:
            big = corpus(content, tmp, args.corpus)
            scenarios.append((f"{args.corpus} speeches + booklet, PDF + DOCX (2 workers)",
                              ["--content", str(big), "--output", str(out), "--force", "--quiet"],
                              max(1, min(args.reps, 3))))
        for title, argv, reps in scenarios:
            print(f"\n{title}, median of {reps}:")
            print(f"  {'variant':10s} {'wall s':>8s} {'vs base':>8s} {'largest proc':>13s}  outputs")
            run("baseline", argv, out, env)                           # warm-up
            times: dict[str, list[float]] = {v: [] for v in ["baseline", *variants]}
            peaks: dict[str, float] = {}
            files: dict[str, dict] = {}
            for _ in range(reps):
                for v in times:                                       # interleaved
                    seconds, peak, produced = run(v, argv, out, env)
                    times[v].append(seconds)
                    peaks[v] = max(peaks.get(v, 0.0), peak)
                    files[v] = produced
            base = statistics.median(times["baseline"])
            base_bytes = sum(size for size, _ in files["baseline"].values())
            for v, ts in times.items():
                med = statistics.median(ts)
                same = files[v] == files["baseline"]
                size = sum(s for s, _ in files[v].values())
                what = "identical" if same else (f"differ: {size / 1e6:.2f} MB vs {base_bytes / 1e6:.2f} MB"
                                                 if size != base_bytes else "differ (same size)")
                print(f"  {v:10s} {med:8.3f} {med / base:7.2f}× {peaks[v]:10.0f} MB  {what}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
