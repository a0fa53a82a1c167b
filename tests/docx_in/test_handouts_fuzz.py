"""Property: for any speech (front matter, headings, paragraphs with bold leads, text full of
asterisks, hashes, brackets and other marks), build -> DOCX -> ingest gives the content file
byte for byte, both into an empty folder (the DOCX alone) and into the folder it was built from."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from handout import jobs
from handout.docx_in import ingest_docx
from handout.docx_in.markdown import block_markdown, tidy_runs
from handout.errors import UserError
from handout.plan import Job
from handout.settings import load_settings
from tests.conftest import ROOT

PIECES = list("的一是在不了有和人组织工作干部学习，。、；：？！“”（）《》X2022 ab") + [
    "——", "……", "*", "_", "`", "\\", "#", "[", "]", "<", ">", "|", "~", "&", "&amp;", "&#42;", "1.", "- ", "+", "=", "\t",
    "# ", "## ", "### ", "**", "\\**"]
TEXT = st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("".join)
RUNS = st.lists(st.tuples(TEXT, st.booleans()), min_size=1, max_size=4).map(
    lambda runs: [{"text": t, "bold": b} for t, b in runs])
BLOCK = st.one_of(
    RUNS.map(lambda runs: {"kind": "para", "level": 0, "runs": runs}),
    RUNS.map(lambda runs: {"kind": "para", "level": 0, "runs": runs}),
    TEXT.map(lambda t: {"kind": "heading", "level": 1, "runs": [{"text": t, "bold": False}]}),
    TEXT.map(lambda t: {"kind": "heading", "level": 2, "runs": [{"text": t, "bold": False}]}),
    TEXT.map(lambda t: {"kind": "heading", "level": 3, "runs": [{"text": t, "bold": False}]}),
    TEXT.map(lambda t: {"kind": "heading", "level": 4, "runs": [{"text": t, "bold": False}]}))
WORDS = st.text(alphabet="在全市干部培训班开幕式上的讲话会议 XY（）2022—·", min_size=1, max_size=40).map(str.strip)
FRONT = st.fixed_dictionaries(
    {"title": WORDS.filter(bool)},
    optional={"subtitle": WORDS.filter(bool), "speaker": WORDS.filter(bool),
              "date": st.sampled_from(["2022年X月X日", "2022-10-28", "2023年3月"]),
              "occasion": WORDS.filter(bool), "order": st.integers(1, 99)})
CHECKED = []


@pytest.fixture(scope="module")
def kit():
    return jobs.prepare(load_settings(ROOT, {"formats": ("docx",), "quiet": True}))


def content_file(front: dict, blocks: list[dict]) -> str | None:
    """The speech as a content file, its runs as a DOCX paragraph's are read (tidy_runs)."""
    notes: list[str] = []
    blocks = [{**b, "runs": tidy_runs(b["runs"])} for b in blocks]
    try:
        body = [block_markdown(b, notes) for b in blocks if "".join(r["text"] for r in b["runs"]).strip()]
    except UserError:                 # a paragraph that reads as a heading: refused, tested elsewhere
        return None
    if not body:
        return None
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{header}---\n\n" + "\n\n".join(body) + "\n"


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                    HealthCheck.function_scoped_fixture])
@given(FRONT, st.lists(BLOCK, min_size=1, max_size=8))
# found by the property: a speaker in brackets, taken for the date; space split over two runs;
# a title whose space falls where its line breaks
@example({"title": "XXX················· 上"}, [{"kind": "heading", "level": 1, "runs": [{"text": "的", "bold": False}]}])
@example({"title": "0"}, [{"kind": "para", "level": 0, "runs": [{"text": "\t", "bold": False}, {"text": "\t的", "bold": False}]}])
@example({"title": "0", "speaker": "（）"}, [{"kind": "heading", "level": 1, "runs": [{"text": "的", "bold": False}]}])
def test_build_then_ingest_gives_the_same_markdown(kit, front, blocks):
    text = content_file(front, blocks)
    if text is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "content").mkdir()
        source = folder / "content" / "s.md"
        source.write_text(text, encoding="utf-8")
        result = jobs.run_job(Job("speech", [source], {"docx": folder / "s.docx"}), kit)
        assert result.error is None, result.error
        ingest_docx(folder / "s.docx", folder / "empty", echo=lambda m: None)
        assert (folder / "empty" / "s.md").read_text(encoding="utf-8") == text
        assert ingest_docx(folder / "s.docx", folder / "content", echo=lambda m: None) == []
        assert source.read_text(encoding="utf-8") == text
        CHECKED.append(source)


def test_the_property_really_checked_speeches():
    assert len(CHECKED) > 500, len(CHECKED)
