"""Benchmark: our batch build against Typst on the same speeches, in one run.

    python bench/run.py [--reps 5] [--corpus 300] [--corpus-reps 3] [--content DIR]

Every figure is the median of several runs of a fresh process (what a user waits for), on
temporary copies of the content folder; nothing in content/ or output/ is written. Each
command runs once untimed first (disk cache, bytecode cache). What each row means and
the numbers measured: bench/README.md.

Memory is measured per process tree (bench/measure.py says how); the peer is Typst
(bench/typst_peer.py).

Bytecode: this machine sets PYTHONDONTWRITEBYTECODE=1, so a fresh process reads the .pyc
files pip wrote for site-packages and make for handout/ (compileall; the benchmark
compiles handout/ again first, so edited code is measured as built), but writes none. The
fresh-process rows are measured in three settings:
  no-pyc     no .pyc anywhere (empty PYTHONPYCACHEPREFIX, nothing written): worst case
  DWB=1      PYTHONDONTWRITEBYTECODE=1, as on this machine
  cached     PYTHONDONTWRITEBYTECODE unset, PYTHONPYCACHEPREFIX in the temp folder, warmed
             by the untimed first run: a normal user's machine
(PYTHONPYCACHEPREFIX keeps every .pyc in the temp folder, so the repository is not written.)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from measure import MAIN_MODE, MODES, Figure, Run, environment, run
from typst_peer import TYPST_INPROC, TYPST_SCRIPT, typst_files

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "fonts"
PY = sys.executable

TARGET_NOOP_S = 0.15
TARGET_CORPUS_S = 30.0
TARGET_CORPUS_MB = 400
LINEAR_TOLERANCE = 1.15      # per-speech time at N vs N/3 speeches: within 15% counts as linear


# ---------------------------------------------------------------- content
def speeches_in(content: Path) -> list[Path]:
    return sorted(p for p in content.glob("*.md") if not p.name.startswith(("_", ".")))


def collection_of(content: Path) -> dict | None:
    path = content / "_collection.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None


def ordered(content: Path) -> list[Path]:
    """The speeches in the booklet's order (the collection's `order`, then the rest)."""
    order = [str(s) for s in ((collection_of(content) or {}).get("order") or [])]
    return sorted(speeches_in(content),
                  key=lambda p: (order.index(p.stem) if p.stem in order else len(order), p.stem))


def corpus(source: Path, folder: Path, size: int) -> Path:
    """`size` speeches: the real ones repeated under new slugs (000-2022-kaiban, …), with
    the collection file (its order rewritten to the new slugs) so the booklet is built."""
    content = folder / f"content-{size}"
    content.mkdir()
    real = ordered(source)
    slugs = []
    for i in range(size):
        src = real[i % len(real)]
        slugs.append(f"{i:03d}-{src.stem}")
        shutil.copyfile(src, content / f"{slugs[-1]}.md")
    collection = collection_of(source)
    if collection is not None:
        collection["order"] = slugs
        (content / "_collection.yaml").write_text(yaml.safe_dump(collection, allow_unicode=True),
                                                  encoding="utf-8")
    return content


def slug_of(content: Path) -> str | None:
    collection = collection_of(content)
    return None if collection is None else str(collection.get("slug", "booklet"))


def job_times(runs: list[Run], booklet: str | None) -> dict:
    """From the build's plain summary (`file pages size time` per output): the booklet jobs'
    time (one job per format) and the speech jobs' total, median over the runs."""
    booklets, speeches = [], []
    for r in runs:
        seen: dict[str, float] = {}
        for line in r.stdout.splitlines():
            parts = line.split()
            if len(parts) == 6 and parts[-1] == "s" and parts[3] == "KiB":
                stem, fmt = parts[0].rsplit(".", 1)
                # a speech job writes both its files (one time); each booklet job one file
                key = parts[0] if stem == booklet else stem
                seen[key] = float(parts[4])
        booklets.append(sum(seen.pop(k) for k in list(seen) if k.rsplit(".", 1)[0] == booklet))
        speeches.append(sum(seen.values()))
    return {"booklet_s": statistics.median(booklets), "speeches_s": statistics.median(speeches)}


def fingerprint(content: Path) -> str:
    digest = hashlib.sha256()
    for p in sorted(content.glob("*")):
        if p.is_file():
            digest.update(p.name.encode() + p.read_bytes())
    return digest.hexdigest()[:12]


def code_state() -> str:
    """The code measured: commit and whether handout/ has uncommitted changes (read-only git)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                              capture_output=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "handout", "templates", "fonts"],
                               cwd=ROOT, text=True, capture_output=True).stdout.strip()
    except OSError:
        return "unknown"
    return head + (f" + uncommitted changes in {len(dirty.splitlines())} file(s)" if dirty else "")


def outputs_of(folder: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for p in folder.iterdir():
        if p.is_file() and not p.name.startswith("."):
            counts[p.suffix.lstrip(".")] = counts.get(p.suffix.lstrip("."), 0) + 1
    return dict(sorted(counts.items()))


# ---------------------------------------------------------------- the scenarios
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=5, help="timed runs per figure (default 5)")
    ap.add_argument("--corpus", type=int, default=300,
                    help="size of the generated corpus; also built at a third of it (default 300)")
    ap.add_argument("--corpus-reps", type=int, help="timed runs per corpus size (default: min(reps, 3))")
    ap.add_argument("--content", type=Path, default=ROOT / "content",
                    help="folder of real speeches to copy (default: content/)")
    ap.add_argument("--modes", default=",".join(MODES),
                    help=f"bytecode settings for the fresh-process rows (default: {','.join(MODES)})")
    ap.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    args = ap.parse_args()
    modes = [m for m in args.modes.split(",") if m]
    if MAIN_MODE not in modes:
        modes.append(MAIN_MODE)
    corpus_reps = args.corpus_reps or min(args.reps, 3)
    source = args.content.resolve()
    if not speeches_in(source):
        raise SystemExit(f"no speeches (*.md) in {source}")

    # what make does: handout/'s bytecode, current for the code measured
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "handout")], check=True)
    tmp = Path(tempfile.mkdtemp(prefix="handout-bench-"))
    started = time.time()
    before = (fingerprint(source), code_state())
    try:
        results = scenarios(tmp, source, args.reps, corpus_reps, args.corpus, modes)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    after = (fingerprint(source), code_state())
    results["meta"] = {
        "date": time.strftime("%Y-%m-%d %H:%M", time.localtime(started)),
        "minutes": round((time.time() - started) / 60, 1),
        "machine": f"{os.cpu_count()} cores, {platform.system()} {platform.release()}, "
                   f"Python {platform.python_version()}",
        "content": f"{source} ({len(speeches_in(source))} speeches, "
                   f"{'with' if collection_of(source) is not None else 'no'} _collection.yaml, "
                   f"sha {before[0]})",
        "code": before[1],
        "changed_during_run": before != after,
        "reps": args.reps, "corpus_reps": corpus_reps,
    }
    print_report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=vars) + "\n",
                             encoding="utf-8")


def scenarios(tmp: Path, source: Path, reps: int, corpus_reps: int, corpus_size: int,
              modes: list[str]) -> dict:
    content = tmp / "content"
    content.mkdir()
    for p in speeches_in(source):
        shutil.copyfile(p, content / p.name)
    if (source / "_collection.yaml").is_file():
        shutil.copyfile(source / "_collection.yaml", content / "_collection.yaml")
    speeches = ordered(content)
    one_speech = speeches[0]
    files = typst_files(speeches, tmp / "typst")
    build = [PY, str(ROOT / "build.py")]
    out, one_out = tmp / "out", tmp / "one"
    info: dict = {"speeches": [p.name for p in speeches], "one_speech": one_speech.name}

    def clean(folder: Path):
        return lambda: shutil.rmtree(folder, ignore_errors=True)

    def nothing_to_do(result: Run):
        if "nothing to do" not in result.stdout:
            raise SystemExit(f"the no-op rebuild did something:\n{result.stdout}")

    full = build + ["--content", str(content), "--output", str(out)]
    # The font cache (handout/fontcache.py) lives in a folder of the benchmark's own: warm
    # after round 0, as on any machine after its first build; `full_cold` empties its own.
    cold_cache = tmp / "font-cache-cold"

    def cold():
        clean(out)()
        shutil.rmtree(cold_cache, ignore_errors=True)
    commands = [   # key, main mode only, command, before each run, check of each run, env
        ("floor", False, [PY, "-c", "pass"], None, None, None),
        ("typst", False, [PY, "-c", TYPST_SCRIPT, str(FONTS), *files], None, None, None),
        ("full_jobs1", True, full + ["--force", "--jobs", "1"], clean(out), None, None),
        ("full_cold", True, full + ["--force"], cold, None, {"XDG_CACHE_HOME": str(cold_cache)}),
        ("full", False, full + ["--force"], clean(out), None, None),
        ("noop", False, full, None, nothing_to_do, None),          # right after a full batch
        ("one", False, build + [str(one_speech), "--only", "pdf", "--output", str(one_out), "--force"],
         clean(one_out), None, None),
        ("pdfs", True, build + [*map(str, speeches), "--only", "pdf", "--output", str(one_out), "--force"],
         clean(one_out), None, None),
    ]
    envs = {mode: {**environment(mode, tmp), "XDG_CACHE_HOME": str(tmp / "font-cache")}
            for mode in modes}
    fresh = {mode: {key: Figure() for key, main_only, *_ in commands if mode == MAIN_MODE or not main_only}
             for mode in modes}
    # Interleaved: every repetition runs every command in every setting, so that the
    # machine's drift (this one is shared and noisy) hits all rows alike. Round 0 is the
    # untimed warm-up (disk cache, and the bytecode cache of the `cached` setting).
    for i in range(reps + 1):
        say(f"round {i}/{reps}{' (warm-up)' if i == 0 else ''}: {', '.join(modes)} × "
            f"interpreter, Typst, full batch, no-op, one speech")
        for mode in modes:
            for key, main_only, cmd, before, check, extra_env in commands:
                if main_only and mode != MAIN_MODE:
                    continue
                if before:
                    before()
                result = run(cmd, {**envs[mode], **(extra_env or {})})
                if check:
                    check(result)
                if i:
                    fresh[mode][key].runs.append(result)
                if key == "full":
                    info.setdefault("full_outputs", outputs_of(out))

    env = envs[MAIN_MODE]
    say("Typst in one process …")
    typst_split = [r.stdout.split() for r in fresh[MAIN_MODE]["typst"].runs]
    info["typst_split"] = {"import": statistics.median(float(s[1]) for s in typst_split),
                           "compile": statistics.median(float(s[3]) for s in typst_split)}
    info["typst_inproc"] = json.loads(run([PY, "-c", TYPST_INPROC, str(reps), str(FONTS), *files],
                                          env).stdout)
    info["typst_pages"] = pages_of([Path(f[:-4] + ".pdf") for f in files])
    info["our_pages"] = pages_of([out / f"{p.stem}.pdf" for p in speeches])

    sizes = sorted({max(1, corpus_size // 3), corpus_size})
    folders = {size: corpus(content, tmp, size) for size in sizes}
    big = {size: Figure() for size in sizes}
    for i in range(corpus_reps):                        # interleaved too; no warm-up needed
        for size in sizes:
            say(f"corpus round {i + 1}/{corpus_reps}: {size} speeches …")
            big_out = tmp / f"out-{size}"
            shutil.rmtree(big_out, ignore_errors=True)
            big[size].runs.append(run(build + ["--content", str(folders[size]), "--output", str(big_out),
                                               "--force"], env))
            info[f"outputs_{size}"] = outputs_of(big_out)
            shutil.rmtree(big_out, ignore_errors=True)
    for size in sizes:
        info[f"jobs_{size}"] = job_times(big[size].runs, slug_of(folders[size]))
    return {"fresh": fresh, "corpus": big, "info": info, "modes": modes}


def pages_of(pdfs: list[Path]) -> list[int | None]:
    """Page counts (pypdf, from the test extra, if installed; else pdfinfo; else None)."""
    counts: list[int | None] = []
    for pdf in pdfs:
        try:
            from pypdf import PdfReader
            counts.append(len(PdfReader(pdf).pages))
            continue
        except Exception:
            pass
        try:
            text = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
            counts.append(int(next(l.split()[1] for l in text.splitlines() if l.startswith("Pages:"))))
        except (OSError, StopIteration, ValueError):
            counts.append(None)
    return counts


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- the report
def print_report(results: dict) -> None:
    fresh, big, info, meta = results["fresh"], results["corpus"], results["info"], results["meta"]
    main = fresh[MAIN_MODE]
    typst = main["typst"].seconds
    outs = info["full_outputs"]
    n = len(info["speeches"])
    fmts = " + ".join(f"{c} {k.upper()}" for k, c in outs.items())
    rows = [
        (f"Typst: {n} speeches, PDF only, fresh process (the peer)", main["typst"], ""),
        (f"ours: full batch from clean, {n} speeches ({fmts})", main["full"], "≤ 1.0× Typst"),
        ("ours: the same with --jobs 1 (no worker processes)", main["full_jobs1"], ""),
        ("ours: the same, font cache empty (a machine's first build)", main["full_cold"], ""),
        ("ours: no-op rebuild (nothing to do)", main["noop"], f"≤ {TARGET_NOOP_S} s"),
        (f"ours: one speech, PDF only ({info['one_speech']})", main["one"], ""),
        (f"ours: the {n} speeches, PDF only (Typst's job)", main["pdfs"], ""),
        ("python -c pass (interpreter start, the floor)", main["floor"], ""),
    ]
    sizes = sorted(big)
    for size in sizes:
        fig = big[size]
        rows.append((f"ours: {size} speeches + booklet, full batch "
                     f"({fig.seconds / size * 1000:.0f} ms/speech)", fig,
                     f"≤ {TARGET_CORPUS_S:g} s, ≤ {TARGET_CORPUS_MB} MB" if size == sizes[-1] else ""))

    print(f"\nmachine: {meta['machine']}; {meta['date']}; code {meta['code']}")
    print(f"content: {meta['content']}")
    print(f"medians of {meta['reps']} fresh processes ({meta['corpus_reps']} for the corpus rows), "
          f"{MAIN_MODE}: {MODES[MAIN_MODE]}")
    head = (f"{'what':62s} {'median s':>9s} {'min–max s':>13s} {'× Typst':>8s} {'tree RSS':>9s} "
            f"{'tree PSS':>9s} {'largest':>8s}  target")
    print("\n" + head + "\n" + "-" * len(head))
    for name, fig, target in rows:
        lo, hi = fig.spread
        print(f"{name:62s} {fig.seconds:9.3f} {lo:6.3f}–{hi:<6.3f} {fig.seconds / typst:8.2f} "
              f"{fig.peak('tree_rss_mb'):6.0f} MB {fig.peak('tree_pss_mb'):6.0f} MB "
              f"{fig.peak('largest_mb'):5.0f} MB  {target}")
    print("(tree RSS/PSS: peak sum over the process tree; largest: peak RSS of the biggest single process)")

    ins = info["typst_inproc"]
    split = info["typst_split"]
    print(f"\nTypst inside one process, {n} speeches: import typst {split['import']:.3f} s + compile "
          f"{split['compile']:.3f} s in a fresh process; first batch in a process {ins['first']:.3f} s; "
          f"repeated with one Fonts object (memoized) {ins['repeat']:.3f} s ({ins['font_scan']:.3f} s "
          f"to scan the fonts once)")
    print(f"pages per speech: Typst {info['typst_pages']}, ours {info['our_pages']}")

    print("\nbytecode (fresh-process rows; × Typst = against Typst in the same setting):")
    modes = results["modes"]
    head = f"{'what':44s}" + "".join(f"{m + ' s':>11s}{'×T':>6s}" for m in modes)
    print(head + "\n" + "-" * len(head))
    labels = {"typst": f"Typst, {n} speeches PDF", "full": "ours: full batch", "noop": "ours: no-op",
              "one": "ours: one speech PDF", "floor": "python -c pass"}
    for key, label in labels.items():
        line = f"{label:44s}"
        for m in modes:
            fig = fresh[m][key]
            line += f"{fig.seconds:11.3f}{fig.seconds / fresh[m]['typst'].seconds:6.2f}"
        print(line)
    line = f"{'ours: no-op minus interpreter start':44s}"
    for m in modes:
        line += f"{fresh[m]['noop'].seconds - fresh[m]['floor'].seconds:11.3f}{'':6s}"
    print(line)

    print("\ntargets (issue 6):")
    full_ratio = main["full"].seconds / typst
    verdicts = [
        ("full batch ≤ 1.0× Typst PDF-only batch", f"{full_ratio:.2f}× ({main['full'].seconds:.3f} s "
         f"vs {typst:.3f} s)", full_ratio <= 1.0),
        (f"no-op rebuild ≤ {TARGET_NOOP_S} s", f"{main['noop'].seconds:.3f} s "
         f"(cached bytecode: {fresh['cached']['noop'].seconds:.3f} s)" if "cached" in fresh
         else f"{main['noop'].seconds:.3f} s", main["noop"].seconds <= TARGET_NOOP_S),
    ]
    if sizes:
        top = big[sizes[-1]]
        verdicts.append((f"{sizes[-1]} speeches ≤ {TARGET_CORPUS_S:g} s on {os.cpu_count()} cores",
                         f"{top.seconds:.1f} s", top.seconds <= TARGET_CORPUS_S))
        # Three readings of "peak RSS" for a build of three processes, each judged on its own:
        # what the build occupies (PSS), its biggest process, and the plain sum of RSS (which
        # counts the pages the workers share with the parent once per process).
        for label, attr in (("peak memory, tree PSS", "tree_pss_mb"),
                            ("peak RSS of the largest process", "largest_mb"),
                            ("peak RSS summed over the processes", "tree_rss_mb")):
            verdicts.append((f"{sizes[-1]} speeches {label} ≤ {TARGET_CORPUS_MB} MB",
                             f"{top.peak(attr):.0f} MB", top.peak(attr) <= TARGET_CORPUS_MB))
    if len(sizes) == 2:
        small, large = big[sizes[0]], big[sizes[1]]
        per_small, per_large = small.seconds / sizes[0], large.seconds / sizes[1]
        marginal = (large.seconds - small.seconds) / (sizes[1] - sizes[0])
        verdicts.append((f"linear growth (per-speech time at {sizes[1]} ≤ {LINEAR_TOLERANCE}× at {sizes[0]})",
                         f"{per_small * 1000:.0f} → {per_large * 1000:.0f} ms/speech "
                         f"({per_large / per_small:.2f}×; marginal {marginal * 1000:.0f} ms/speech)",
                         per_large / per_small <= LINEAR_TOLERANCE))
    for what, value, ok in verdicts:
        print(f"  {'met    ' if ok else 'NOT met'}  {what:55s} {value}")
    for size in sizes:
        jobs = info[f"jobs_{size}"]
        print(f"  ({size} speeches: outputs {info[f'outputs_{size}']}; inside the workers the booklet job "
              f"took {jobs['booklet_s']:.1f} s and the {size} speech jobs {jobs['speeches_s']:.1f} s in all; "
              f"memory sampling used {max(r.sampling_s for r in big[size].runs):.2f} s of CPU)")
    if meta["changed_during_run"]:
        print("\nWARNING: the content or the code changed while the benchmark ran; run it again.")


if __name__ == "__main__":
    main()
