"""Layout time of long runs of one kind of block: headings against paragraphs.

    python bench/layout_runs.py [--reps 3] [--sizes 1000,2000,4000]

A speech of N consecutive `#` headings, and as the peer, measured in the same run, a speech
of N paragraphs of the same text: placing a heading looks ahead at the headings that follow
it (a heading must not end a page), so a long run of them is where quadratic lookahead
shows. Reported: the median layout time (content read, template, line breaking, pages; no
writer) of each, the ratio headings / paragraphs, and ms per block at each N (linear: flat).
Runs in this process, after one untimed warm-up; nothing in content/ or output/ is touched.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handout import jobs                                   # noqa: E402
from handout.content import read_content                   # noqa: E402
from handout.layout.pages import lay_out                   # noqa: E402
from handout.settings import load_settings                 # noqa: E402
from handout.template import render_document               # noqa: E402


def speech(folder: Path, kind: str, n: int) -> Path:
    mark = "# " if kind == "headings" else ""
    body = "\n\n".join(f"{mark}第{i}个问题：抓好组工干部业务学习" for i in range(n))
    path = folder / f"{kind}-{n}.md"
    path.write_text(f"---\ntitle: 讲话\n---\n\n{body}\n", encoding="utf-8")
    return path


def layout_seconds(kit, path: Path) -> float:
    start = time.perf_counter()
    content = read_content(path)
    doc = render_document(kit.env, kit.settings.template,
                          {"meta": content.meta, "body": content.body}, str(path))
    lay_out(doc, kit.theme, kit.fonts, kit.metrics)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--sizes", default="1000,2000,4000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    kit = jobs.prepare(load_settings(ROOT, {"formats": ("pdf",), "quiet": True}))
    with tempfile.TemporaryDirectory() as tmp:
        files = {(kind, n): speech(Path(tmp), kind, n) for kind in ("headings", "paragraphs")
                 for n in sizes}
        layout_seconds(kit, files["headings", sizes[0]])        # warm-up: caches, fonts
        times = {key: [] for key in files}
        for _ in range(args.reps):                              # interleaved: drift hits all
            for key, path in files.items():
                times[key].append(layout_seconds(kit, path))
    print(f"{'blocks':>7} {'headings s':>11} {'paragraphs s':>13} {'× paragraphs':>13} "
          f"{'ms/heading':>11} {'ms/paragraph':>13}")
    for n in sizes:
        h, p = (statistics.median(times[kind, n]) for kind in ("headings", "paragraphs"))
        print(f"{n:>7} {h:>11.3f} {p:>13.3f} {h / p:>13.2f} {h / n * 1000:>11.3f} {p / n * 1000:>13.3f}")


if __name__ == "__main__":
    main()
