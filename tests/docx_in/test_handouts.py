"""Our own DOCX back to content: the round trip without edits is the identity, and edits made
with python-docx come back as exactly those edits, with a report; a content file changed
since the build is not overwritten without --force."""

from __future__ import annotations

import base64
import hashlib
import zipfile
import zlib

import docx
import pytest
from lxml import etree

from tests.conftest import REVIEWED
from tests.docx_in.helpers import (ADDED, ADDED_AFTER, DELETED, REPLACEMENTS, assert_refused,
                                   body_paragraphs, build_docx, content_copy, edited_copy,
                                   expected_markdown, ingest, replace_in)

SPEECHES = sorted(p.name for p in REVIEWED.glob("*.md"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The reviewed speeches and booklet, copied and built to DOCX once."""
    root = tmp_path_factory.mktemp("roundtrip")
    content = content_copy(root)
    return content, build_docx(content, root / "out")


def snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.glob("*.md")}


@pytest.mark.parametrize("docx_name", [f"{n[:-3]}.docx" for n in SPEECHES] + ["huibian.docx"])
def test_round_trip_without_edits_gives_the_content_files_byte_for_byte(built, tmp_path, capsys, docx_name):
    content, out = built
    before = snapshot(content)
    # into the folder it was built from: nothing to write
    status, stdout, _ = ingest(capsys, out / docx_name, "--content", content)
    assert status == 0 and "unchanged" in stdout
    assert snapshot(content) == before
    # into an empty folder: the DOCX alone gives the same bytes
    empty = tmp_path / "empty"
    status, _, _ = ingest(capsys, out / docx_name, "--content", empty)
    assert status == 0
    expected = SPEECHES if docx_name == "huibian.docx" else [docx_name[:-5] + ".md"]
    assert snapshot(empty) == {name: before[name] for name in expected}


def test_the_docx_carries_slug_hash_and_front_matter(built):
    """Read with python-docx's own package reader, not ours."""
    content, out = built
    package = docx.Document(str(out / "2022-kaiban.docx")).part.package
    custom = next(p for p in package.iter_parts() if str(p.partname) == "/docProps/custom.xml")
    text = custom.blob.decode("utf-8")
    digest = hashlib.sha256((content / "2022-kaiban.md").read_bytes()).hexdigest()
    assert "2022-kaiban" in text and digest in text and "source: 000_e1432cc8c8ea04d6.txt:3-42" in text



def test_the_docx_carries_the_content_file_itself(built):
    """The base, read with lxml and the standard library: its pieces joined, base64-decoded
    and inflated, are the content file's bytes."""
    content, out = built
    package = docx.Document(str(out / "huibian.docx")).part.package
    custom = next(p for p in package.iter_parts() if str(p.partname) == "/docProps/custom.xml")
    values = {prop.get("name"): prop[0].text for prop in etree.fromstring(custom.blob)}
    slugs = [values[f"handout.{n}.slug"] for n in (1, 2, 3)]
    for n, slug in enumerate(slugs, 1):
        pieces = int(values[f"handout.{n}.base"])
        assert all(len(values[f"handout.{n}.base.{i}"]) <= 255 for i in range(1, pieces + 1))
        text = "".join(values[f"handout.{n}.base.{i}"] for i in range(1, pieces + 1))
        assert zlib.decompress(base64.b64decode(text)) == (content / f"{slug}.md").read_bytes()


def make_edits(document) -> None:
    paragraphs = body_paragraphs(document)
    for index, old, new in REPLACEMENTS:
        replace_in(paragraphs[index], old, new)
    paragraphs[DELETED]._p.getparent().remove(paragraphs[DELETED]._p)
    paragraphs[ADDED_AFTER].insert_paragraph_before(ADDED, style="Body Text")


def test_python_docx_edits_come_back_as_exactly_those_edits(built, tmp_path, capsys):
    folder, path = edited_copy(built, tmp_path, make_edits, name="2022-kaiban.docx")
    original = (folder / "2022-kaiban.md").read_text(encoding="utf-8")
    status, stdout, _ = ingest(capsys, path, "--content", folder)
    assert status == 0 and "2022-kaiban.md written" in stdout
    assert (folder / "2022-kaiban.md").read_text(encoding="utf-8") == expected_markdown(original)
    report = (folder / "_reports" / "2022-kaiban.md").read_text(encoding="utf-8")
    assert "2022-kaiban.md: 5 change(s)" in report
    assert "- ¶2 changed: 举办这次培训班，既是一次[-培训-]{+学习+}业务的活动" in report
    assert "- ¶3 changed: # 一、[-办班-]为什么{+办这次培训班+}" in report
    assert f"- ¶4 added (after ¶3): {ADDED}" in report
    assert "- ¶5 changed: …的情况下，为什么专门拿出[-X-]{+3+}天时间" in report
    assert "- ¶12 (old numbering) deleted: ~~**二是不安心位子想换岗。**" in report


def test_a_content_file_changed_since_the_build_is_merged_with_the_copy(built, tmp_path, capsys):
    """The file's own edit (a paragraph added at the end) and the copy's five all stay; with
    --force the copy's text replaces the file, as before."""
    folder, path = edited_copy(built, tmp_path, make_edits, name="2022-kaiban.docx")
    target = folder / "2022-kaiban.md"
    original = target.read_text(encoding="utf-8")
    target.write_text(original + "\n追加的一段。\n", encoding="utf-8")
    status, stdout, _ = ingest(capsys, path, "--content", folder)
    assert status == 0 and "written (merged with its edits since the build)" in stdout
    assert target.read_text(encoding="utf-8") == expected_markdown(original).rstrip("\n") + "\n\n追加的一段。\n"
    status, _, _ = ingest(capsys, path, "--content", folder, "--force")
    assert status == 0 and target.read_text(encoding="utf-8") == expected_markdown(original)
    report = (folder / "_reports" / "2022-kaiban.md").read_text(encoding="utf-8")
    assert "(old numbering) deleted: ~~追加的一段。~~" in report     # what --force replaced is shown


def without_base(path) -> None:
    """The DOCX as an older handout built it: no handout.N.base properties."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    root = etree.fromstring(parts["docProps/custom.xml"])
    for prop in list(root):
        if ".base" in prop.get("name"):
            root.remove(prop)
    parts["docProps/custom.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_docx_without_its_base_is_refused_for_a_changed_file_without_force(built, tmp_path, capsys):
    folder, path = edited_copy(built, tmp_path, make_edits, name="2022-kaiban.docx")
    without_base(path)
    target = folder / "2022-kaiban.md"
    original = target.read_text(encoding="utf-8")
    target.write_text(original + "\n追加的一段。\n", encoding="utf-8")
    mine = target.read_bytes()
    status, _, stderr = ingest(capsys, path, "--content", folder)
    assert status == 2 and stderr.strip().splitlines() == [
        f"{target}: error: changed since 2022-kaiban.docx was built from it, and that DOCX (made by "
        "an older handout) does not carry the text it was built from, so the two cannot be merged; "
        "not overwritten (rebuild and send the new DOCX, or use --force to replace the file with "
        "the DOCX's text)"]
    assert target.read_bytes() == mine and not (folder / "_reports").exists()
    status, _, _ = ingest(capsys, path, "--content", folder, "--force")
    assert status == 0 and target.read_text(encoding="utf-8") == expected_markdown(original)


def test_title_block_edits_change_only_those_front_matter_lines(built, tmp_path, capsys):
    def retitle(document):
        for p in document.paragraphs:
            if p.style.name == "Title":
                p.runs[0].text, rest = "在全市组工干部培训班开班式上的讲话", p.runs[1:]
                for run in rest:
                    run._r.getparent().remove(run._r)
            elif p.style.name == "Byline" and p.text.startswith("（"):
                replace_in(p, "2022年X月X日", "2022年10月28日")
    folder, path = edited_copy(built, tmp_path, retitle)
    original = (folder / "2022-kaiban.md").read_text(encoding="utf-8")
    assert ingest(capsys, path, "--content", folder)[0] == 0
    expected = (original.replace("title: 在全市组工干部培训班开班仪式上的讲话", "title: 在全市组工干部培训班开班式上的讲话")
                .replace("date: 2022年X月X日", "date: 2022年10月28日"))
    assert (folder / "2022-kaiban.md").read_text(encoding="utf-8") == expected
    report = (folder / "_reports" / "k.md").read_text(encoding="utf-8")
    assert "front matter: date: '2022年X月X日' → '2022年10月28日'" in report


def test_booklet_edits_go_to_each_speech_own_file(built, tmp_path, capsys):
    def two_edits(document):
        texts = [p for p in document.paragraphs if p.style.name == "Body Text"]
        first = next(p for p in texts if "培训业务的活动" in p.text)
        replace_in(first, "培训业务的活动", "学习业务的活动")
        last = [p for p in texts if p.text.strip()][-1]
        last.insert_paragraph_before("最后补充一句。", style="Body Text")
    folder, path = edited_copy(built, tmp_path, two_edits, source="huibian.docx", name="book.docx")
    before = snapshot(folder)
    assert ingest(capsys, path, "--content", folder)[0] == 0
    after = snapshot(folder)
    changed = sorted(n for n in after if after[n] != before[n])
    assert changed == ["2022-jieye.md", "2022-kaiban.md"]   # the booklet: kaiban first, jieye last
    assert "学习业务的活动" in after["2022-kaiban.md"].decode()
    assert "\n\n最后补充一句。\n\n" in after["2022-jieye.md"].decode()


def test_a_removed_date_line_and_a_new_speaker_edit_the_front_matter(built, tmp_path, capsys):
    def bylines(document):
        for p in document.paragraphs:
            if p.style.name == "Byline" and p.text.startswith("（"):
                p._p.getparent().remove(p._p)
            elif p.style.name == "Byline":
                replace_in(p, "市委书记", "市委副书记")
    folder, path = edited_copy(built, tmp_path, bylines)
    original = (folder / "2022-kaiban.md").read_text(encoding="utf-8")
    assert ingest(capsys, path, "--content", folder)[0] == 0
    expected = original.replace("date: 2022年X月X日\n", "").replace("speaker: 市委书记", "speaker: 市委副书记")
    assert (folder / "2022-kaiban.md").read_text(encoding="utf-8") == expected


@pytest.mark.parametrize("typed, written", [
    ("# 这不是标题", "\\# 这不是标题"), ("## 也不是", "\\## 也不是"),
    ("**好。**不是加粗", "\\**好。\\**不是加粗"), ("\\# 反斜杠", "\\\\# 反斜杠")])
def test_a_paragraph_that_would_read_as_markup_comes_back_escaped(built, tmp_path, capsys, typed, written):
    """`# `, `**` or a backslash at a paragraph's start: the content file escapes it, and
    reads back the paragraph as typed."""
    from handout.content import read_content

    def markup_start(document):
        paragraph = body_paragraphs(document)[1]
        paragraph.runs[0].text = typed + paragraph.runs[0].text
    folder, path = edited_copy(built, tmp_path, markup_start)
    assert ingest(capsys, path, "--content", folder)[0] == 0
    assert "\n" + written in (folder / "2022-kaiban.md").read_text(encoding="utf-8")
    texts = [b["text"] for b in read_content(folder / "2022-kaiban.md").body]
    assert any(t.startswith(typed) for t in texts)
