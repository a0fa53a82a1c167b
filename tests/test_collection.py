"""content/_collection.yaml: values as written, every mistake one line naming the file, the
line and the key, and a broken collection fails the booklet only."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from handout.build import build_all
from tests.test_build import make_project, settings_for
from tests.test_reliability import run

BAD = [
    ("broken YAML", "title: [汇编\n", 2, "bad YAML"),
    ("empty", "", None, "the collection file is empty"),
    ("a list, not key: value", "- title\n", 1, "must be `key: value` lines"),
    ("no title", "slug: book\n", 1, "needs `title:`"),
    ("title a list", "title: [a]\n", 1, "`title` must be text, not a list or mapping"),
    ("order empty", "title: 汇编\norder:\n", 2, "`order:` has no value"),
    ("order not a list", "title: 汇编\norder: a\n", 2, "`order` must be a list of speech names"),
    ("order names no speech", "title: 汇编\norder:\n  - s1\n  - s7\n", 4, "`order` names 's7', which is not a speech"),
    ("order twice", "title: 汇编\norder: [s1, s1]\n", 2, "`order` names 's1' twice"),
    ("slug a list", "title: 汇编\nslug: [x, y]\n", 2, "`slug` must be text"),
    ("odd_pages quoted no", "title: 汇编\nodd_pages: 'no'\n", 2, "`odd_pages` must be true or false, not 'no'"),
    ("odd_pages yes", "title: 汇编\nodd_pages: yes\n", 2, "`odd_pages` must be true or false, not 'yes'"),
    ("back_cover unknown", "title: 汇编\nback_cover: 封面\n", 2, "`back_cover` must be one of none, blank, organiser, not '封面'"),
    ("unknown key", "title: 汇编\nsubtitel: 二〇二二\n", 2, "unknown key `subtitel`"),
    ("title twice", "title: 甲\nslug: b\ntitle: 乙\n", 3, "`title` is given twice, on lines 1 and 3"),
    ("U+FFFF", "title: 汇\uffff编\n", None, "bad YAML"),
]


@pytest.mark.parametrize("case, text, line, words", BAD, ids=[c[0] for c in BAD])
def test_a_bad_collection_is_one_line_and_the_speeches_are_built(tmp_path, case, text, line, words):
    content = make_project(tmp_path)
    collection = content / "_collection.yaml"
    collection.write_text(text, encoding="utf-8")
    messages = []
    results = build_all(settings_for(tmp_path, formats=("pdf",)), None, echo=messages.append)
    where = f"{collection}:{line}: error: " if line else f"{collection}"
    assert len(messages) == 1 and messages[0].startswith(where) and words in messages[0], messages
    assert [r.job.kind for r in results if r.error] == ["booklet"]
    assert {p.name for p in (tmp_path / "out").glob("*.pdf")} == {"s1.pdf", "s2.pdf"}


def test_on_the_command_line_a_bad_collection_exits_2_after_building_the_speeches(tmp_path):
    content = make_project(tmp_path)
    (content / "_collection.yaml").write_text("title: 汇编\norder: 5\n", encoding="utf-8")
    result = run("--content", content, "--output", tmp_path / "out", "--only", "pdf", "--jobs", "1")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"{content / '_collection.yaml'}:2: error: `order` must be a "
                                          "list of speech names, e.g. [2022-kaiban, 2022-jieye]"]
    assert (tmp_path / "out" / "s1.pdf").exists() and (tmp_path / "out" / "s2.pdf").exists()
    again = run("--content", content, "--output", tmp_path / "out", "--only", "pdf", "--jobs", "1")
    assert again.returncode == 2 and "error:" in again.stderr      # said again until it is fixed


def test_values_are_printed_as_written(tmp_path):
    content = make_project(tmp_path)
    (content / "_collection.yaml").write_text(
        "title: 第1:30号汇编  # a comment, as in any YAML\nsubtitle: '12:30 #2'\ndate: 2022-10-28\nslug: book\n"
        "order: [s2, s1]\nodd_pages: True\n", encoding="utf-8")
    build_all(settings_for(tmp_path, formats=("pdf",)), None, echo=lambda m: None)
    cover = PdfReader(tmp_path / "out" / "book.pdf").pages[0].extract_text()
    assert "第1:30号汇编" in cover and "12:30 #2" in cover and "2022年10月28日" in cover
    assert "comment" not in cover
    text = [page.extract_text() for page in PdfReader(tmp_path / "out" / "book.pdf").pages]
    first = next(i for i, t in enumerate(text) if "在2会议上的讲话" in t)
    second = next(i for i, t in enumerate(text) if "在1会议上的讲话" in t and i > 1)
    assert first < second and second % 2 == 0             # the order given; odd pages (0-based even)
