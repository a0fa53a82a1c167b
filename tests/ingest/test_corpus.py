"""Real pages scored by the shared scorer exactly as a user runs it from the project root: the
development corpus (../shared/corpus, not part of the project) and our own pages of other sites
(tests/ingest/realpages, a tuning and a checking part; issue 22)."""

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

CORPUS = ROOT.parent / "shared" / "corpus"
SCORER = ROOT.parent / "shared" / "tools" / "score_ingest.py"
pytestmark = pytest.mark.skipif(not (CORPUS / "annotations.json").exists() or not SCORER.exists(),
                                reason="../shared/corpus and its scorer are not here (they are not part of the project)")


OWN = ROOT / "tests" / "ingest" / "realpages"
LINE = re.compile(r"(\d+) pages: sentences kept (\d+)/(\d+), furniture removed (\d+)/(\d+), "
                  r"piece count right (\d+)/(\d+), titles (\d+)/(\d+), refused (\d+), tracebacks (\d+)")


def score(corpus):
    result = subprocess.run([sys.executable, str(SCORER), str(corpus), "--project", str(ROOT)],
                            capture_output=True, text=True, timeout=600)
    line = result.stdout.strip().splitlines()[-1]
    numbers = LINE.match(line)
    assert numbers, line
    return dict(zip("pages kept keep removed remove pieces pages2 titles titled refused tracebacks".split(),
                    map(int, numbers.groups())))


@pytest.fixture(scope="module")
def scores():
    return score(CORPUS)


def test_every_piece_of_furniture_is_removed(scores):
    assert scores["removed"] / scores["remove"] >= 0.98


def test_every_page_is_split_into_the_right_pieces(scores):
    assert scores["pieces"] == scores["pages"] == 54


def test_titles_are_the_editors(scores):
    assert scores["titles"] / scores["titled"] >= 0.95


def test_nothing_refused_and_no_traceback(scores):
    assert scores["refused"] == 0 and scores["tracebacks"] == 0


def test_sentences_kept_but_for_what_the_answer_key_contradicts(scores):
    """All but what the key contradicts: p53 asks to keep a sentence with the preview's chunk
    counter 2、 inside it (其次本次活动⏎2、让我……) and, as must_keep_sentences_joined, the same
    sentence without it; the counter goes, so the first form cannot be found."""
    assert scores["kept"] >= scores["keep"] - 1


@pytest.mark.parametrize("part", ["tune", "check"])
def test_our_own_pages_of_other_sites(part):
    """Every sentence kept, every piece of furniture gone, the pieces right, no refusal and no
    traceback; titles on the tuning part all but the one made from a host's opening (t03)."""
    got = score(OWN / part)
    assert got["kept"] == got["keep"] and got["removed"] == got["remove"], got
    assert got["pieces"] == got["pages"] and got["refused"] == got["tracebacks"] == 0, got
    assert got["titles"] >= got["titled"] - (1 if part == "tune" else 0), got
