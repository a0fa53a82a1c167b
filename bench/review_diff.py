"""The review page's character diff on long lines: the bounded diff (handout/ingest/review.py
_diff) against a plain character diff (difflib, autojunk off: what it did before), in one run.

    python bench/review_diff.py

The plain diff is given BUDGET_S per case and reported as "> budget" beyond it (run in a
child process that is stopped then), so the bench ends in minutes whatever the inputs.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from handout.ingest.review import _diff  # noqa: E402

BUDGET_S = 30.0
SENTENCE = "我们要切实扛起责任，不能有丝毫松懈，推动各项工作落实落地。"


def cases() -> dict[str, tuple[str, str]]:
    one_line = "".join(SENTENCE[: 8 + i % 20] + "&nbsp;。" for i in range(5000))
    return {
        "10 KB line, 2,000 &amp;": ("&amp;" * 2000, "&" * 2000),
        f"{len(one_line.encode()) // 1024} KB one-line page": (one_line, one_line.replace("&nbsp;", "")),
        "2 KB paragraph": ((SENTENCE + "&nbsp;") * 20, SENTENCE * 20),
    }


def plain(before: str, after: str) -> None:
    SequenceMatcher(None, before, after, autojunk=False).get_opcodes()


def timed_plain(before: str, after: str) -> float | None:
    process = multiprocessing.get_context("fork").Process(target=plain, args=(before, after))
    started = time.perf_counter()
    process.start()
    process.join(BUDGET_S)
    if process.is_alive():
        process.kill()
        process.join()
        return None
    return time.perf_counter() - started


def main() -> None:
    print(f"{'case':<28} {'bounded':>10} {'plain difflib':>15}  ratio")
    for name, (before, after) in cases().items():
        started = time.perf_counter()
        _diff(before, after)
        bounded = time.perf_counter() - started
        reference = timed_plain(before, after)
        shown = f"> {BUDGET_S:.0f} s" if reference is None else f"{reference:.3f} s"
        ratio = f"> {BUDGET_S / bounded:,.0f}×" if reference is None else f"{reference / bounded:,.1f}×"
        print(f"{name:<28} {bounded:>8.3f} s {shown:>15}  {ratio}")


if __name__ == "__main__":
    main()
