"""Several reviewers, one speech: copies of one build edited independently (python-docx, as
Word writes them), ingested in either order while the clerk edits the content file, all come
back; the same sentence changed differently is a conflict; tracked changes by two authors are
taken per author; comments are kept for the next round. The expected files are the original
Markdown with the same edits made by string replacement (not our merge's idea of them)."""

from __future__ import annotations

import shutil

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from handout.docx_in import apply_docx_plan, plan_docx, read_comments
from tests.docx_in.helpers import body_paragraphs, build_docx, content_copy, edit_docx, ingest, replace_in

SPEECH = "2022-kaiban.md"
# (block, old, new): block is the body paragraph's index, as body_paragraphs() counts them
A_EDIT = (5, "这客观地反映了基层组工干部队伍不稳定。", "这客观地反映了基层组工干部队伍还不够稳定。")
B_EDITS = [(5, "提高大家的业务水平。", "提高大家的业务能力。"),        # the same paragraph, another sentence
           (9, "能力比较过硬", "能力总体过硬")]
CLERK = [("拿出X天时间", "拿出3天时间"), ("有近X%的组织委员", "有近30%的组织委员")]   # X filled in content/


def reviewer_copy(out, tmp_path, name: str, edits, who: str):
    """A copy of the built DOCX with `edits` made and saved by `who` (Word sets lastModifiedBy)."""
    path = tmp_path / name
    shutil.copy(out / SPEECH.replace(".md", ".docx"), path)

    def make(document):
        paragraphs = body_paragraphs(document)
        for index, old, new in edits:
            replace_in(paragraphs[index], old, new)
        document.core_properties.last_modified_by = who
    edit_docx(path, make)
    return path


def all_edits(text: str, edits) -> str:
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@pytest.fixture
def office(tmp_path):
    """content/ copied and built; copies A (王主任) and B (张处长) of that one build."""
    content = content_copy(tmp_path)
    out = build_docx(content, tmp_path / "out")
    a = reviewer_copy(out, tmp_path, "a.docx", [A_EDIT], "王主任")
    b = reviewer_copy(out, tmp_path, "b.docx", B_EDITS, "张处长")
    return content, out, a, b


def clerk_fills(content) -> None:
    path = content / SPEECH
    path.write_text(all_edits(path.read_text(encoding="utf-8"), CLERK), encoding="utf-8")


def test_two_reviewers_and_the_clerk_all_edits_kept_in_either_order(office, tmp_path, capsys):
    content, _out, a, b = office
    original = (content / SPEECH).read_text(encoding="utf-8")
    expected = all_edits(original, CLERK + [A_EDIT[1:]] + [e[1:] for e in B_EDITS])
    results = []
    for first, second in ((a, b), (b, a)):
        folder = tmp_path / f"content-{first.stem}"
        shutil.copytree(content, folder)
        assert ingest(capsys, first, "--content", folder)[0] == 0
        clerk_fills(folder)                                     # the clerk, between the two
        status, stdout, _ = ingest(capsys, second, "--content", folder)
        assert status == 0 and "written (merged with its edits since the build)" in stdout
        results.append((folder / SPEECH).read_bytes())
    assert results[0] == results[1]
    assert results[0].decode("utf-8") == expected
    # the second copy again, or a copy nobody edited: everything is in already, and it says so
    for again in (a, _out / "2022-kaiban.docx"):
        status, stdout, _ = ingest(capsys, again, "--content", folder)
        assert status == 0 and "unchanged (nothing to merge" in stdout
        assert (folder / SPEECH).read_bytes() == results[1]


def test_the_same_sentence_changed_differently_is_a_conflict(office, tmp_path, capsys):
    content, out, a, _b = office
    other = reviewer_copy(out, tmp_path, "c.docx", [(5, "队伍不稳定。", "队伍很不稳定。")], "张处长")
    assert ingest(capsys, a, "--content", content)[0] == 0
    after_a = (content / SPEECH).read_bytes()
    status, stdout, _ = ingest(capsys, other, "--content", content)
    assert status == 3 and "1 conflict(s)" in stdout
    assert (content / SPEECH).read_bytes() == after_a              # today's text kept there
    report = (content / "_reports" / "c.md").read_text(encoding="utf-8")
    assert "Edited by: 张处长" in report
    assert "| where | built from | today (2022-kaiban.md) | 张处长 |" in report
    assert ("| ¶6 | 这客观地反映了基层组工干部队伍不稳定。 | 这客观地反映了基层组工干部队伍还不够稳定。 "
            "| 这客观地反映了基层组工干部队伍很不稳定。 |") in report
    assert ingest(capsys, other, "--content", content, "--ours")[0] == 0
    assert (content / SPEECH).read_bytes() == after_a
    assert ingest(capsys, other, "--content", content, "--theirs")[0] == 0
    assert (content / SPEECH).read_text(encoding="utf-8") == after_a.decode("utf-8").replace(
        "队伍还不够稳定。", "队伍很不稳定。")


def test_a_copy_from_two_builds_back_merges_against_its_own_base(office, tmp_path, capsys):
    content, out, a, _b = office                       # `a` is from round 0
    original = (content / SPEECH).read_text(encoding="utf-8")
    rounds = [("同志们：", "同志们，朋友们："), ("我讲三点意见：", "我讲三点意见。")]
    for n, edit in enumerate(rounds, 1):               # two more rounds: edit, build, send
        (content / SPEECH).write_text(all_edits((content / SPEECH).read_text(encoding="utf-8"), [edit]),
                                      encoding="utf-8")
        build_docx(content, tmp_path / f"out{n}")
    assert (tmp_path / "out2" / "2022-kaiban.docx").read_bytes() != (out / "2022-kaiban.docx").read_bytes()
    assert ingest(capsys, a, "--content", content)[0] == 0
    assert (content / SPEECH).read_text(encoding="utf-8") == all_edits(original, rounds + [A_EDIT[1:]])


def tracked(paragraph, old: str, new: str, author: str, first_id: int) -> None:
    """`old` replaced by `new` as a tracked change by `author`, as Word writes it: the runs
    around it kept, the deletion and the insertion each in their own run."""
    text = paragraph.text
    start = text.index(old)
    for run in paragraph.runs:
        run._r.getparent().remove(run._r)
    stamp = f'w:author="{author}" w:date="2026-12-0{first_id % 9 + 1}T09:30:00Z"'
    for xml in (f'<w:r {nsdecls("w")}><w:t xml:space="preserve">{text[:start]}</w:t></w:r>',
                f'<w:del {nsdecls("w")} w:id="{first_id}" {stamp}><w:r><w:delText>{old}</w:delText></w:r></w:del>',
                f'<w:ins {nsdecls("w")} w:id="{first_id + 1}" {stamp}><w:r><w:t>{new}</w:t></w:r></w:ins>',
                f'<w:r {nsdecls("w")}><w:t xml:space="preserve">{text[start + len(old):]}</w:t></w:r>'):
        paragraph._p.append(parse_xml(xml))


def test_tracked_changes_of_one_author_are_applied_exactly(office, tmp_path, capsys):
    content, out, _a, _b = office
    path = tmp_path / "t.docx"
    shutil.copy(out / "2022-kaiban.docx", path)

    def two_authors(document):
        paragraphs = body_paragraphs(document)
        tracked(paragraphs[1], "培训业务", "学习业务", "王主任", 11)
        tracked(paragraphs[9], "能力比较过硬", "能力总体过硬", "张处长", 21)
        tracked(paragraphs[3], "繁重", "繁忙", "张处长", 31)
    edit_docx(path, two_authors)
    original = (content / SPEECH).read_text(encoding="utf-8")
    status, stdout, _ = ingest(capsys, path, "--content", content, "--accept-changes=张处长")
    assert status == 0 and "6 tracked change(s) by 王主任, 张处长: 4 applied, 2 not applied" in stdout
    # read back from the file: exactly 张处长's two, not 王主任's
    assert (content / SPEECH).read_text(encoding="utf-8") == all_edits(
        original, [("能力比较过硬", "能力总体过硬"), ("任务十分繁重", "任务十分繁忙")])
    report = (content / "_reports" / "t.md").read_text(encoding="utf-8")
    lines = [line for line in report.splitlines() if " by 王主任" in line or " by 张处长" in line]
    assert len(lines) == 6
    assert "- deletion by 王主任, 2026-12-03 09:30:00, in “举办这次培训班，既是一次培训业务…”: “培训业务” — not applied" in lines
    assert "- insertion by 张处长, 2026-12-04 09:30:00, in “总体来看，全市组工干部队伍作风比…”: “能力总体过硬” — applied" in lines
    # none is lost: 王主任's, accepted later from the same copy, merge in beside 张处长's
    assert ingest(capsys, path, "--content", content, "--accept-changes=王主任")[0] == 0
    assert (content / SPEECH).read_text(encoding="utf-8") == all_edits(
        original, [("培训业务的活动", "学习业务的活动"), ("能力比较过硬", "能力总体过硬"), ("任务十分繁重", "任务十分繁忙")])


def test_comments_are_kept_per_speech_for_the_next_round(office, tmp_path, capsys):
    content, out, _a, _b = office
    notes = {"a.docx": (3, "X天是几天？请补上。", "办公室"), "b.docx": (9, "“四气三想”要展开吗？", "张处长")}
    for name, (index, text, author) in notes.items():
        path = tmp_path / "commented" / name
        path.parent.mkdir(exist_ok=True)
        shutil.copy(out / "2022-kaiban.docx", path)
        edit_docx(path, lambda d: d.add_comment(body_paragraphs(d)[index].runs[0], text=text, author=author))
        assert ingest(capsys, path, "--content", content)[0] == 0
    kept = read_comments(content, "2022-kaiban")
    assert [(c["paragraph"], c["author"], c["text"], c["copy"]) for c in kept] == [
        (4, "办公室", "X天是几天？请补上。", "a.docx"), (10, "张处长", "“四气三想”要展开吗？", "b.docx")]
    assert kept[0]["paragraph_text"].startswith("在各项工作任务十分繁重的情况下")
    ingest(capsys, tmp_path / "commented" / "a.docx", "--content", content)     # not added twice
    assert len(read_comments(content, "2022-kaiban")) == 2


def test_a_plan_writes_nothing_and_applying_it_writes_what_it_showed(office, tmp_path):
    content, _out, a, b = office
    assert ingest_quietly(a, content) == [content / SPEECH]
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    plan = plan_docx(b, content)
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before
    assert plan.open_conflicts == 0 and plan.speeches[0].changed and plan.speeches[0].merged
    assert plan.writes[content / SPEECH] == plan.speeches[0].new.encode("utf-8")
    apply_docx_plan(plan, echo=lambda line: None)
    assert all(path.read_bytes() == data for path, data in plan.writes.items())


def ingest_quietly(path, content):
    return apply_docx_plan(plan_docx(path, content), echo=lambda line: None)


def test_the_booklet_merges_per_speech(tmp_path, capsys):
    content = content_copy(tmp_path)
    out = build_docx(content, tmp_path / "out")
    path = tmp_path / "book.docx"
    shutil.copy(out / "huibian.docx", path)

    def edits(document):
        texts = [p for p in document.paragraphs if p.style.name == "Body Text"]
        replace_in(next(p for p in texts if "培训业务的活动" in p.text), "培训业务的活动", "学习业务的活动")
        last = [p for p in texts if p.text.strip()][-1]
        last.insert_paragraph_before("最后补充一句。", style="Body Text")
    edit_docx(path, edits)
    clerk_fills(content)
    jieye = (content / "2022-jieye.md").read_text(encoding="utf-8")
    (content / "2022-jieye.md").write_text(jieye.replace("同志们：", "同志们，学员们："), encoding="utf-8")
    kaiban = (content / SPEECH).read_text(encoding="utf-8")
    assert ingest(capsys, path, "--content", content)[0] == 0
    assert (content / SPEECH).read_text(encoding="utf-8") == kaiban.replace("培训业务的活动", "学习业务的活动")
    merged = (content / "2022-jieye.md").read_text(encoding="utf-8")
    assert "同志们，学员们：" in merged and "\n\n最后补充一句。\n\n" in merged


def test_accepting_the_changes_of_someone_who_made_none_is_said(office, tmp_path, capsys):
    content, out, _a, _b = office
    path = tmp_path / "t.docx"
    shutil.copy(out / "2022-kaiban.docx", path)
    edit_docx(path, lambda d: tracked(body_paragraphs(d)[1], "培训业务", "学习业务", "王主任", 11))
    before = (content / SPEECH).read_bytes()
    status, stdout, _ = ingest(capsys, path, "--content", content, "--accept-changes=王主仼")
    assert status == 0 and (content / SPEECH).read_bytes() == before
    assert "--accept-changes=王主仼: the file has no tracked change by 王主仼 (it has changes by 王主任)" in stdout


def test_a_paragraph_inserted_as_a_tracked_change_is_added_only_when_accepted(office, tmp_path, capsys):
    """Word marks a new paragraph's runs and its paragraph mark as inserted."""
    content, out, _a, _b = office
    path = tmp_path / "p.docx"
    shutil.copy(out / "2022-kaiban.docx", path)
    stamp = 'w:author="王主任" w:date="2026-12-01T09:00:00Z"'

    def insert(document):
        anchor = body_paragraphs(document)[3]
        anchor._p.addnext(parse_xml(
            f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="BodyText"/><w:rPr><w:ins w:id="41" {stamp}/></w:rPr>'
            f'</w:pPr><w:ins w:id="42" {stamp}><w:r><w:t>各单位要按时报送参训人员名单。</w:t></w:r></w:ins></w:p>'))
    edit_docx(path, insert)
    before = (content / SPEECH).read_text(encoding="utf-8")
    assert ingest(capsys, path, "--content", content)[0] == 0
    assert (content / SPEECH).read_text(encoding="utf-8") == before
    assert ingest(capsys, path, "--content", content, "--accept-changes=王主任")[0] == 0
    anchor = "主要是基于下面几点考虑：\n\n"
    assert (content / SPEECH).read_text(encoding="utf-8") == before.replace(
        anchor, anchor + "各单位要按时报送参训人员名单。\n\n", 1)


def test_a_damaged_comments_file_is_refused_with_its_line_and_nothing_written(office, tmp_path, capsys):
    content, out, _a, _b = office
    side = content / "_reports" / "2022-kaiban.comments.yaml"
    side.parent.mkdir()
    side.write_text("- paragraph: 4\n  text: [未闭合\n", encoding="utf-8")
    path = tmp_path / "n.docx"
    shutil.copy(out / "2022-kaiban.docx", path)
    edit_docx(path, lambda d: d.add_comment(body_paragraphs(d)[3].runs[0], text="请核实。", author="办公室"))
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    status, _, stderr = ingest(capsys, path, "--content", content)
    assert status == 2 and stderr.startswith(f"{side}:3: error: bad YAML")
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before
