"""Edit-to-PDF latency of `build.py watch`, against Typst recompiling the same edit warm.

    python bench/watch.py [--edits 15] [--memory-edits 100] [--fresh-reps 5]

A content file is rewritten (as an editor saves it) and the clock stops when its PDF has
been replaced by a complete new one. Rows, interleaved edit by edit so the machine's drift
hits them alike, medians reported:

  Typst, warm compile    typst.Compiler reused in this process (its memoisation on):
                         the .typ file rewritten, compile() until the PDF is written
  Typst watch            Typst's own watcher (Compiler.watch) in its own process:
                         the .typ file rewritten -> its PDF replaced, timed as ours
  ours, watch: speech    `build.py watch` on a folder of the three speeches without the
                         booklet: a speech rewritten -> its PDF replaced
  ours, watch: + booklet the same folder with _collection.yaml: the speech's PDF, then the
                         booklet's (which holds it)
  ours, warm rebuild     build_all on the edited file in this process: the rebuild alone,
                         without noticing the change (the peer of Typst's warm compile)

Then the watcher's memory over many edits (RSS after 10 and after all of them, and its
peak), and the fresh-process rows of bench/run.py (a full batch, the Typst batch) for the
gap a resident process closes. Temporary copies only: content/ and output/ are not touched.
"""

from __future__ import annotations

import argparse
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from typst_peer import TYPST_SCRIPT, to_typst, typst_files

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "fonts"
PY = sys.executable
SPEECH = "2022-kaiban"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

TYPST_WATCH = """
import sys, typst
compiler = typst.Compiler(sys.argv[1], font_paths=[sys.argv[2]], ignore_system_fonts=True)
compiler.watch(sys.argv[3])
"""


def edited(text: str, n: int) -> str:
    """Edit n of a speech: a sentence that differs every time, in the first paragraph."""
    return text.replace("同志们：", f"同志们：这是第{n}稿。", 1)


def stamp(path: Path):
    try:
        s = path.stat()
        return (s.st_ino, s.st_mtime_ns, s.st_size)
    except FileNotFoundError:
        return None


def wait_replaced(path: Path, before, started: float, timeout: float = 30.0) -> float:
    """Seconds from `started` until `path` is a new, complete PDF."""
    return wait_all({path: before}, started, timeout)[path]


def wait_all(before: dict, started: float, timeout: float = 30.0) -> dict:
    """Seconds from `started` until each file is a new, complete PDF (polled every ms)."""
    done = {}
    while len(done) < len(before) and time.perf_counter() - started < timeout:
        for path, old in before.items():
            now = stamp(path)
            if path not in done and now is not None and now != old \
                    and path.read_bytes().rstrip().endswith(b"%%EOF"):
                done[path] = time.perf_counter() - started
        time.sleep(0.001)
    if len(done) < len(before):
        raise SystemExit(f"not replaced within {timeout} s: {sorted(set(before) - set(done))}")
    return done


class Process:
    """A resident process (a watcher) whose stdout lines are collected."""

    def __init__(self, cmd: list[str], cwd: Path, ready: str | None):
        self.proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        if ready:
            self.wait_line(ready, 120)

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_line(self, part: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            if part in line:
                return line
        raise SystemExit(f"no line with {part!r} from {self.proc.args}")

    def memory_kb(self) -> dict[str, int]:
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        return {k: int(line.split()[1]) for line in status.splitlines()
                for k in ("VmRSS", "VmHWM") if line.startswith(k + ":")}

    def stop(self):
        self.proc.send_signal(2)               # Ctrl-C
        self.proc.wait(30)


def project(tmp: Path, name: str, booklet: bool) -> Path:
    root = tmp / name
    (root / "content").mkdir(parents=True)
    for md in (ROOT / "content").glob("*.md"):
        shutil.copy(md, root / "content")
    if booklet:
        shutil.copy(ROOT / "content" / "_collection.yaml", root / "content")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--memory-edits", type=int, default=100)
    parser.add_argument("--fresh-reps", type=int, default=5)
    args = parser.parse_args()
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "handout")], check=True)
    with tempfile.TemporaryDirectory(prefix="handout-watch-bench-") as tmp_name:
        tmp = Path(tmp_name)
        times, memory = measure(tmp, args.edits, args.memory_edits)
        fresh = fresh_rows(tmp, args.fresh_reps)
    report(times, memory, fresh, args)


def measure(tmp: Path, edits: int, memory_edits: int):
    import typst
    sys.path.insert(0, str(ROOT))
    from handout.build import build_all
    from handout.settings import load_settings

    base = (ROOT / "content" / f"{SPEECH}.md").read_text(encoding="utf-8")
    typ = Path(typst_files([ROOT / "content" / f"{SPEECH}.md"], tmp / "typst")[0])
    typ_pdf, typ_watch_pdf = typ.with_suffix(".pdf"), typ.with_name("watched.pdf")
    compiler = typst.Compiler(str(typ), font_paths=[str(FONTS)], ignore_system_fonts=True)
    compiler.compile(output=str(typ_pdf))
    typst_watch = Process([PY, "-c", TYPST_WATCH, str(typ), str(FONTS), str(typ_watch_pdf)], tmp, None)
    wait_replaced(typ_watch_pdf, None, time.perf_counter(), 60)

    alone, with_booklet, inproc = (project(tmp, n, b) for n, b in
                                   (("alone", False), ("booklet", True), ("inproc", False)))
    ours = {name: Process([PY, str(ROOT / "build.py"), "watch"], root, "watching")
            for name, root in (("alone", alone), ("booklet", with_booklet))}
    settings = load_settings(inproc, {"jobs": 1})
    build_all(settings, None, echo=print)
    times = {k: [] for k in ("typst compile", "typst watch", "alone", "booklet speech",
                             "booklet booklet", "inproc", "alone reported", "booklet reported")}
    for n in range(1, edits + 1):
        # Typst, warm compile in this process
        started = time.perf_counter()
        typ.write_text(to_typst_text(base, n), encoding="utf-8")
        compiler.compile(output=str(typ_pdf))
        times["typst compile"].append(time.perf_counter() - started)
        # Typst's watcher
        before = stamp(typ_watch_pdf)
        started = time.perf_counter()
        typ.write_text(to_typst_text(base, n + 1000), encoding="utf-8")
        times["typst watch"].append(wait_replaced(typ_watch_pdf, before, started))
        time.sleep(0.2)                       # its write is done before the next edit
        # ours: watch, the speech alone
        times["alone"].append(edit_and_wait(ours["alone"], alone, base, n, times["alone reported"])[0])
        # ours: watch, the speech and the booklet
        speech, book = edit_and_wait(ours["booklet"], with_booklet, base, n, times["booklet reported"],
                                     with_booklet / "output" / "huibian.pdf")
        times["booklet speech"].append(speech)
        times["booklet booklet"].append(book)
        # ours: the rebuild alone, in this process
        md = inproc / "content" / f"{SPEECH}.md"
        started = time.perf_counter()
        md.write_text(edited(base, n), encoding="utf-8")
        build_all(settings, [md], echo=print)
        times["inproc"].append(time.perf_counter() - started)
    check_text(typ_pdf, edits)
    check_text(alone / "output" / f"{SPEECH}.pdf", edits)
    check_text(with_booklet / "output" / "huibian.pdf", edits)
    memory = memory_over_edits(ours["alone"], alone, base, memory_edits)
    for process in (*ours.values(), typst_watch):
        process.stop()
    return times, memory


def to_typst_text(base: str, n: int) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".md", encoding="utf-8", delete=False) as f:
        f.write(edited(base, n))
    try:
        return to_typst(Path(f.name))
    finally:
        os.unlink(f.name)


def edit_and_wait(process: Process, root: Path, base: str, n: int, reported: list,
                  *also: Path) -> list[float]:
    """Rewrite the speech (edit n); seconds until its PDF (and `also`) are replaced. The
    round's own line (what it wrote, how long it took) is waited for, so rounds do not overlap."""
    files = [root / "output" / f"{SPEECH}.pdf", *also]
    before = {path: stamp(path) for path in files}
    started = time.perf_counter()
    (root / "content" / f"{SPEECH}.md").write_text(edited(base, n), encoding="utf-8")
    replaced = wait_all(before, started)
    line = process.wait_line(" wrote ")
    reported.append(float(line.rsplit(" in ", 1)[1].split()[0]))
    return [replaced[path] for path in files]


def check_text(pdf: Path, n: int) -> None:
    """The last edit is in the PDF (each row really compiled each edit)."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    if f"这是第{n}稿" not in "".join(text.split()):       # Typst spaces 第 7 稿
        raise SystemExit(f"{pdf}: the last edit is not in it")


def memory_over_edits(process: Process, root: Path, base: str, edits: int) -> dict:
    readings = {0: process.memory_kb()}
    for n in range(1, edits + 1):
        edit_and_wait(process, root, base, 10_000 + n, [])
        if n in (10, edits // 2, edits):
            readings[n] = process.memory_kb()
    return readings


def fresh_rows(tmp: Path, reps: int) -> dict:
    """bench/run.py's fresh-process rows, for the gap: a full batch, one speech, Typst."""
    root = project(tmp, "fresh", True)
    speeches = sorted((root / "content").glob("*.md"))
    typs = typst_files(speeches, tmp / "typst-fresh")
    one = typst_files([root / "content" / f"{SPEECH}.md"], tmp / "typst-one")
    commands = {
        "typst batch": [PY, "-c", TYPST_SCRIPT, str(FONTS), *typs],
        "typst one": [PY, "-c", TYPST_SCRIPT, str(FONTS), *one],
        "ours batch": [PY, str(ROOT / "build.py"), "--force", "--quiet"],
        "ours one": [PY, str(ROOT / "build.py"), f"content/{SPEECH}.md", "--only", "pdf", "--force", "--quiet"],
    }
    env = {**ENV, "PYTHONDONTWRITEBYTECODE": "1"}
    times = {k: [] for k in commands}
    for rep in range(reps + 1):                     # round 0: untimed warm-up
        for name, cmd in commands.items():
            started = time.perf_counter()
            subprocess.run(cmd, cwd=root, env=env, check=True, capture_output=True)
            if rep:
                times[name].append(time.perf_counter() - started)
    return times


def report(times: dict, memory: dict, fresh: dict, args) -> None:
    med = {k: statistics.median(v) for k, v in {**times, **fresh}.items()}
    spread = {k: f"{min(v):.4f}–{max(v):.4f}" for k, v in {**times, **fresh}.items()}
    load = os.getloadavg()
    print(f"\n{args.edits} edits, interleaved; medians. Load average {load[0]:.2f} {load[1]:.2f} "
          f"{load[2]:.2f} on {os.cpu_count()} cores.\n")
    rows = [
        ("Typst: warm compile of the edited speech (Compiler reused)", "typst compile", "typst compile"),
        ("Typst watch: edit -> PDF replaced", "typst watch", "typst watch"),
        ("ours, watch: edit -> the speech's PDF replaced (no booklet)", "alone", "typst compile"),
        ("ours, watch: edit -> speech PDF, booklet in the folder", "booklet speech", "typst compile"),
        ("ours, watch: edit -> booklet PDF replaced", "booklet booklet", "typst compile"),
        ("ours, warm rebuild in-process (build_all, PDF + DOCX)", "inproc", "typst compile"),
        ("ours, watch: its own line's time (speech PDF + DOCX)", "alone reported", "typst compile"),
        ("ours, watch: its own line's time (+ booklet PDF + DOCX)", "booklet reported", "typst compile"),
        ("Typst: 3 speeches, fresh process", "typst batch", "typst batch"),
        ("ours: full batch, fresh process (3 speeches + booklet, PDF + DOCX)", "ours batch", "typst batch"),
        ("Typst: one speech, fresh process", "typst one", "typst one"),
        ("ours: one speech, PDF only, fresh process", "ours one", "typst one"),
    ]
    print(f"{'what':70} {'median s':>9} {'min–max s':>15} {'× peer':>7}  peer")
    for label, key, peer in rows:
        print(f"{label:70} {med[key]:9.4f} {spread[key]:>15} {med[key] / med[peer]:7.2f}  {peer}")
    print(f"\n× Typst watch: ours (speech) {med['alone'] / med['typst watch']:.2f}, "
          f"ours (speech, booklet folder) {med['booklet speech'] / med['typst watch']:.2f}")
    print("\nwatcher memory (KiB) after N edits:")
    for n, reading in memory.items():
        print(f"  after {n:4d} edits: RSS {reading['VmRSS']:7d}   peak RSS {reading['VmHWM']:7d}")


if __name__ == "__main__":
    main()
