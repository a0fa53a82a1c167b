"""Where the time goes: the build split into phases, in fresh processes, medians.

    python bench/phases.py [--reps 5] [--corpus 100] [--pyinstrument DIR] [--cprofile N]

Each scenario runs `build.py`'s own entry point (handout.cli.main) in a fresh child process
with light timers wrapped around the pipeline's functions (nothing in handout/ is changed;
the wrappers are installed from here), so the numbers are real wall times, not profiler
times. Scenarios:

  one      one speech, PDF only (`build.py content/X.md --only pdf --force`)
  batch    every speech, PDF + DOCX + the booklet, with --jobs 1 so every job runs in
           the one process that is timed (the real build forks 2 workers)
  noop     the same batch again with nothing to do
  corpusN  N generated speeches + booklet, --jobs 1, run once: the cost per job kind

--pyinstrument DIR also writes a pyinstrument profile (text + HTML) of `one` and `batch`
to DIR; --cprofile N prints cProfile's top N functions (by own time) for `one` and `batch`.
Nothing is written in content/ or output/; the builds write to a temporary folder.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path            # the child imports only these (the build imports them too)

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
IMPORTS = ("import sys; sys.path.insert(0, {root!r}); "
           "import handout.cli, handout.build, handout.jobs, handout.writers.pdf, handout.writers.docx")


# ---------------------------------------------------------------- the child: timers
class Timers:
    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.kind = "-"            # the job being built: speech | booklet
        self.stack: list[str] = []
        self.peak_mb: dict[str, float] = {}     # the process's peak RSS when the phase last ended

    def wrap(self, owner, attr: str, phase: str, per_job: bool = False):
        """Replace owner.attr by a timed version. Nested timed calls are subtracted from
        the outer phase, so phases add up (e.g. `pdf draw` excludes `pdf save`)."""
        original = getattr(owner, attr)
        timers = self

        def timed(*args, **kwargs):
            name = f"{timers.kind}: {phase}" if per_job else phase
            timers.stack.append(name)
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent = time.perf_counter() - started
                timers.stack.pop()
                timers.seconds[name] += spent
                timers.calls[name] += 1
                timers.peak_mb[name] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                if timers.stack:
                    timers.seconds[timers.stack[-1]] -= spent
        timed.__wrapped__ = original
        setattr(owner, attr, timed)


def child(argv: list[str], formats: list[str], profiler: str | None, out_file: str | None) -> None:
    """Import in stages, install the timers, run the build; print the phases as JSON."""
    t = Timers()
    clock0 = time.time()
    t0 = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    for module in ("handout.cli", "handout.settings", "handout.report", "handout.build", "handout.plan"):
        __import__(module)                                     # what every run imports
    t1 = time.perf_counter()
    t.seconds["import: cli, settings, plan (+yaml)"] = t1 - t0
    noop = "--force" not in argv
    if not noop:                                               # the heavy part, as build_all would
        __import__("handout.jobs")
        t2 = time.perf_counter()
        t.seconds["import: handout.jobs (reportlab, jinja2, python-docx, …)"] = t2 - t1
        from handout.writers import writer_class
        for fmt in formats:
            t3 = time.perf_counter()
            writer_class(fmt)
            t.seconds[f"import: {fmt} writer"] = time.perf_counter() - t3
    install(t, noop)

    from handout.cli import main
    started = time.perf_counter()
    if profiler == "pyinstrument":
        from pyinstrument import Profiler
        prof = Profiler(interval=0.0005)
        prof.start()
    elif profiler == "cprofile":
        import cProfile
        prof = cProfile.Profile()
        prof.enable()
    code = main(argv)
    if profiler == "pyinstrument":
        prof.stop()
        Path(out_file + ".txt").write_text(prof.output_text(unicode=True, color=False), encoding="utf-8")
        Path(out_file + ".html").write_text(prof.output_html(), encoding="utf-8")
    elif profiler == "cprofile":
        prof.disable()
        prof.dump_stats(out_file)
    total_main = time.perf_counter() - started
    if code:
        raise SystemExit(f"build failed: {code}")
    accounted = sum(v for k, v in t.seconds.items() if not k.startswith("import"))
    t.seconds["other (CLI, reporter, manifest, job bookkeeping)"] = total_main - accounted
    t.seconds["TOTAL in process (after interpreter start)"] = time.perf_counter() - t0
    print("PHASES " + json.dumps({"seconds": t.seconds, "calls": t.calls, "peak_mb": t.peak_mb, "clock0": clock0,
                                  "clock1": time.time()}), flush=True)


def install(t: Timers, noop: bool) -> None:
    import handout.build as build
    import handout.plan as plan
    t.wrap(build, "plan", "plan: find jobs, hash inputs")
    t.wrap(plan, "_code_fingerprint", "plan: hash handout/*.py (code fingerprint)")
    t.wrap(build, "load_manifest", "plan: read manifest")
    t.wrap(build, "save_manifest", "manifest: write")
    if noop:
        return
    import handout.fonts as fonts
    import handout.jobs as jobs
    from reportlab.pdfbase import ttfonts
    from handout.writers import pdf_fonts, pdf_objects, writer_class

    t.wrap(jobs, "load_theme", "prepare: theme")
    t.wrap(jobs, "FontSet", "prepare: fonts (FontSet)")
    t.wrap(fonts, "_register", "prepare: fonts: load (font cache, else reportlab parses) + register")
    t.wrap(jobs, "make_environment", "prepare: Jinja2 environment")
    t.wrap(jobs, "Toolkit", "prepare: rest (writer objects, themed reference.docx)")
    original_run_job = jobs.run_job

    def run_job(job, *args, **kwargs):                         # label the phases by job kind
        t.kind = job.kind
        return original_run_job(job, *args, **kwargs)
    jobs.run_job = run_job
    t.wrap(jobs, "read_content", "read content (front matter, body -> blocks)", per_job=True)
    t.wrap(jobs, "render_document", "template (Jinja2 -> XML -> model)", per_job=True)
    t.wrap(jobs, "lay_out", "layout (line breaking, pages)", per_job=True)
    t.wrap(jobs, "write_atomic", "write file", per_job=True)
    for fmt in ("pdf", "docx"):
        try:
            cls = writer_class(fmt)
        except ImportError:
            continue
        t.wrap(cls, "render", f"{fmt}: build the document", per_job=True)
    t.wrap(pdf_fonts.PdfFonts, "embed", "pdf: fonts (subsets, glyph maps, ToUnicode)", per_job=True)
    t.wrap(pdf_objects.PdfFile, "write", "pdf: serialise (objects, xref)", per_job=True)
    t.wrap(ttfonts.TTFontFile, "makeSubset", "pdf: font subsetting (makeSubset)", per_job=True)


# ---------------------------------------------------------------- the parent
def run_child(argv: list[str], formats: list[str], env: dict, profiler=None, out_file=None) -> dict:
    import subprocess
    cmd = [PY, str(Path(__file__).resolve()), "--child", json.dumps(
        {"argv": argv, "formats": formats, "profiler": profiler, "out": out_file})]
    clock = time.time()
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    ended = time.time()
    if proc.returncode:
        raise SystemExit(proc.stderr + proc.stdout)
    line = next(l for l in proc.stdout.splitlines() if l.startswith("PHASES "))
    data = json.loads(line[len("PHASES "):])
    data["seconds"]["WALL (fresh process, with interpreter start)"] = wall
    data["seconds"]["interpreter start (to the first line of the child)"] = data.pop("clock0") - clock
    data["seconds"]["interpreter exit (after the build returned)"] = ended - data.pop("clock1")
    return data


def medians(runs: list[dict]) -> tuple[dict[str, float], dict[str, int], dict[str, float]]:
    import statistics
    keys = list(dict.fromkeys(k for r in runs for k in r["seconds"]))
    return ({k: statistics.median(r["seconds"].get(k, 0.0) for r in runs) for k in keys},
            runs[0]["calls"], {k: max(r["peak_mb"].get(k, 0.0) for r in runs) for k in keys})


def show(title: str, runs: list[dict]) -> None:
    secs, calls, peak = medians(runs)
    wall = secs.pop("WALL (fresh process, with interpreter start)")
    total = secs.pop("TOTAL in process (after interpreter start)")
    print(f"\n{title} — median of {len(runs)} fresh process(es): wall {wall:.3f} s, "
          f"of which {total:.3f} s after interpreter start")
    print(f"  {'phase':62s} {'s':>8s} {'%wall':>6s} {'calls':>6s} {'peak RSS':>9s}")
    for key, value in sorted(secs.items(), key=lambda kv: -kv[1]):
        if abs(value) < 0.0005:
            continue
        mb = f"{peak[key]:6.0f} MB" if peak.get(key) else ""
        print(f"  {key:62s} {value:8.3f} {value / wall * 100:5.1f}% {calls.get(key, ''):>6} {mb:>9s}")
    print("  (peak RSS: the process's peak when the phase last ended; a jump shows which phase raised it)")
    rest = wall - total - secs["interpreter start (to the first line of the child)"] \
        - secs["interpreter exit (after the build returned)"]
    print(f"  {'unaccounted':62s} {rest:8.3f} {rest / wall * 100:5.1f}%")


def show_imports(env: dict, reps: int) -> None:
    """`python -X importtime`: own import time summed per top-level package, for everything a
    PDF + DOCX build imports (interpreter start included: site, the editable-install finder)."""
    import statistics
    import subprocess
    runs = []
    for _ in range(reps):
        err = subprocess.run([PY, "-X", "importtime", "-c", IMPORTS.format(root=str(ROOT))], env=env,
                             capture_output=True, text=True, cwd=ROOT).stderr
        per: dict[str, float] = defaultdict(float)
        for line in err.splitlines():
            if line.startswith("import time:") and "self [us]" not in line:
                own, _, name = line[len("import time:"):].split("|")
                per[name.strip().split(".")[0]] += int(own) / 1e6
        runs.append(per)
    keys = {k for r in runs for k in r}
    med = {k: statistics.median(r.get(k, 0.0) for r in runs) for k in keys}
    total = statistics.median(sum(r.values()) for r in runs)
    print(f"\nimports of a PDF + DOCX build (python -X importtime, own time per top-level package, "
          f"median of {reps}; total {total:.3f} s, importtime's overhead included):")
    for name, value in sorted(med.items(), key=lambda kv: -kv[1])[:14]:
        print(f"  {name:30s} {value:7.3f} s")


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        spec = json.loads(sys.argv[2])
        child(spec["argv"], spec["formats"], spec["profiler"], spec["out"])
        return
    import argparse
    import os
    import shutil
    import tempfile
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--content", type=Path, default=ROOT / "content")
    ap.add_argument("--corpus", type=int, default=100, help="size of the corpus scenario (0: skip)")
    ap.add_argument("--cached", action="store_true",
                    help="bytecode cache on (PYTHONPYCACHEPREFIX in the temp folder) instead of "
                         "PYTHONDONTWRITEBYTECODE=1")
    ap.add_argument("--pyinstrument", type=Path, metavar="DIR")
    ap.add_argument("--cprofile", type=int, metavar="N")
    args = ap.parse_args()

    sys.path.insert(0, str(ROOT / "bench"))
    from run import corpus, environment, ordered, speeches_in   # the same helpers as run.py

    tmp = Path(tempfile.mkdtemp(prefix="handout-profile-"))
    try:
        env = environment("cached" if args.cached else "DWB=1", tmp)
        content = tmp / "content"
        content.mkdir()
        for p in speeches_in(args.content.resolve()):
            shutil.copyfile(p, content / p.name)
        if (args.content / "_collection.yaml").is_file():
            shutil.copyfile(args.content / "_collection.yaml", content / "_collection.yaml")
        speech = ordered(content)[0]
        out = tmp / "out"
        one = [str(speech), "--only", "pdf", "--output", str(tmp / "one"), "--force", "--quiet"]
        batch = ["--content", str(content), "--output", str(out), "--force", "--jobs", "1", "--quiet"]
        scenarios = [(f"one speech, PDF only ({speech.name})", one, ["pdf"]),
                     ("batch: 3 speeches × PDF + DOCX + booklet, --jobs 1", batch, ["pdf", "docx"])]
        print(f"bytecode: {'cached' if args.cached else 'PYTHONDONTWRITEBYTECODE=1'}; "
              f"{os.cpu_count()} cores, Python {sys.version.split()[0]}")
        for title, argv, formats in scenarios:
            run_child(argv, formats, env)                       # warm-up (disk cache, bytecode)
            show(title, [run_child(argv, formats, env) for _ in range(args.reps)])
        noop = [a for a in batch if a != "--force"]
        run_child(noop, [], env)
        show("no-op rebuild", [run_child(noop, [], env) for _ in range(args.reps)])
        show_imports(env, args.reps)
        if args.corpus:
            folder = corpus(content, tmp, args.corpus)
            argv = ["--content", str(folder), "--output", str(tmp / "out-corpus"), "--force",
                    "--jobs", "1", "--quiet"]
            show(f"{args.corpus} speeches + booklet, PDF + DOCX, --jobs 1", [run_child(argv, ["pdf", "docx"], env)])

        for tool, wanted in (("pyinstrument", args.pyinstrument), ("cprofile", args.cprofile)):
            if not wanted:
                continue
            for name, argv, formats in (("one", one, ["pdf"]), ("batch", batch, ["pdf", "docx"])):
                if tool == "pyinstrument":
                    args.pyinstrument.mkdir(parents=True, exist_ok=True)
                    target = str(args.pyinstrument.resolve() / f"pyinstrument-{name}")
                    run_child(argv, formats, env, "pyinstrument", target)
                    print(f"\npyinstrument profile of `{name}`: {target}.txt / .html")
                else:
                    target = str(tmp / f"{name}.prof")
                    run_child(argv, formats, env, "cprofile", target)
                    import pstats
                    print(f"\ncProfile `{name}`, top {args.cprofile} by own time (profiler overhead included):")
                    pstats.Stats(target).sort_stats("tottime").print_stats(args.cprofile)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
