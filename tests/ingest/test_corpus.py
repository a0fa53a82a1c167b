"""The development corpus of real pages (../shared/corpus, not part of the project), scored by
its own scorer exactly as a user runs it from the project root."""

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

CORPUS = ROOT.parent / "shared" / "corpus"
SCORER = ROOT.parent / "shared" / "tools" / "score_ingest.py"
pytestmark = pytest.mark.skipif(not (CORPUS / "annotations.json").exists() or not SCORER.exists(),
                                reason="../shared/corpus and its scorer are not here (they are not part of the project)")


@pytest.fixture(scope="module")
def scores():
    result = subprocess.run([sys.executable, str(SCORER), str(CORPUS), "--project", str(ROOT)],
                            capture_output=True, text=True, timeout=600)
    line = result.stdout.strip().splitlines()[-1]
    numbers = re.match(r"(\d+) pages: sentences kept (\d+)/(\d+), furniture removed (\d+)/(\d+), "
                       r"piece count right (\d+)/(\d+), titles (\d+)/(\d+), refused (\d+), tracebacks (\d+)", line)
    assert numbers, line
    return dict(zip("pages kept keep removed remove pieces pages2 titles titled refused tracebacks".split(),
                    map(int, numbers.groups())))


def test_every_piece_of_furniture_is_removed(scores):
    assert scores["removed"] / scores["remove"] >= 0.98


def test_every_page_is_split_into_the_right_pieces(scores):
    assert scores["pieces"] == scores["pages"] == 27


def test_titles_are_the_editors(scores):
    assert scores["titles"] / scores["titled"] >= 0.90


def test_nothing_refused_and_no_traceback(scores):
    assert scores["refused"] == 0 and scores["tracebacks"] == 0


def test_sentences_kept_but_for_what_the_answer_key_contradicts(scores):
    """179/179 is out of reach as the key stands: p01 asks to keep two sentences with the chunk
    counters 2、/3、 in them while asking for those counters to be absent, and p16 asks to keep
    four sentences with the pinyin readings (開(kāi)) that issue 11 says to remove."""
    assert scores["kept"] >= scores["keep"] - 6
