"""Ingest speed on a corpus of real pages: pages per second, cleaning in process (read, repair,
zones, titles, paragraphs, the Markdown text and the no-loss check; nothing written), and one
`build.py ingest` fresh process per page as a user runs it (the scorer's way).

    python bench/ingest.py [CORPUS ...] [--reps 5]

CORPUS is a folder with raw/ (and annotations.json), ../shared/corpus by default; several may
be given (tests/ingest/realpages too). Median of --reps rounds, after one untimed warm-up.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handout.ingest.markdown import speech_markdown      # noqa: E402
from handout.ingest.page import clean_page               # noqa: E402
from handout.ingest.readers import read_source           # noqa: E402
from handout.ingest.rules import load_rules              # noqa: E402


def clean_all(pages: list[Path]) -> int:
    rules, speeches = load_rules(), 0
    for raw in pages:
        lines, _ = read_source(raw)
        for speech in clean_page(lines, rules).speeches:
            speech.slug = f"s{speech.order}"
            speech_markdown(speech, raw.name)
            speeches += 1
    return speeches


def cli_each(pages: list[Path]) -> None:
    with tempfile.TemporaryDirectory() as out:
        for index, raw in enumerate(pages):
            subprocess.run([sys.executable, "build.py", "ingest", str(raw), "--content", f"{out}/{index}"],
                           cwd=ROOT, capture_output=True, check=False)


def timed(fn, pages, reps: int) -> float:
    fn(pages)                                     # warm-up: imports, OpenCC, the lexicon
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn(pages)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="*", default=[str(ROOT.parent / "shared" / "corpus")])
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--cli-reps", type=int, default=1, help="0: no fresh-process row")
    a = ap.parse_args()
    pages = sorted(p for c in a.corpus for p in (Path(c) / "raw").glob("*") if p.is_file())
    in_process = timed(clean_all, pages, a.reps)
    line = f"{len(pages)} pages: in process {in_process:.3f} s ({len(pages) / in_process:.0f} pages/s)"
    if a.cli_reps:
        cli = timed(cli_each, pages, a.cli_reps)
        line += (f"; one build.py ingest per page {cli:.2f} s ({len(pages) / cli:.1f} pages/s; "
                 f"cleaning is {in_process / cli:.1%} of it)")
    print(line)


if __name__ == "__main__":
    main()
