"""Font subsets and compressed streams kept across PDFs in one process (build.py watch)
change no byte: a speech written again from what was kept equals a fresh process's PDF."""

from __future__ import annotations

import os
import subprocess
import sys

from handout.writers import pdf_reuse
from handout.memo import Memo
from tests.conftest import ROOT, build_into


def test_a_pdf_written_from_kept_subsets_is_byte_identical_to_a_fresh_one(tmp_path):
    speech = ROOT / "content" / "2022-kaiban.md"
    fresh = tmp_path / "fresh"
    subprocess.run([sys.executable, str(ROOT / "build.py"), str(speech), "--only", "pdf",
                    "--output", str(fresh), "--quiet"], cwd=ROOT, check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    build_into(tmp_path / "first", files=[speech])
    kept = len(pdf_reuse._memo.items)
    build_into(tmp_path / "again", files=[speech])
    assert kept > 0 and len(pdf_reuse._memo.items) == kept       # the second one only reused
    data = (tmp_path / "again" / "2022-kaiban.pdf").read_bytes()
    assert data == (fresh / "2022-kaiban.pdf").read_bytes()


def test_the_memo_stays_within_its_bytes():
    memo = Memo(limit=1000)
    for n in range(20):
        memo.get(n, lambda: b"x" * 300)
    assert memo.size <= 1000 and len(memo.items) == 3
    assert list(memo.items) == [17, 18, 19]                      # the oldest went first
    assert memo.get(19, lambda: b"other") == b"x" * 300
