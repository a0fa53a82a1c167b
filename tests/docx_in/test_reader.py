"""What editors do in Word, read back: tracked changes refused or accepted, comments reported,
formatting beyond bold ignored with a note, tables and images kept as text or reported,
styles recognised under the names other programs give them."""

from __future__ import annotations

import io

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from tests.docx_in.helpers import (assert_refused, body_paragraphs, build_docx, content_copy,
                                   edited_copy, ingest)

REVISION = 'w:id="{id}" w:author="审稿人" w:date="2026-12-01T10:00:00Z"'


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("reader")
    content = content_copy(root)
    return content, build_docx(content, root / "out")


def track_replacement(paragraph, old: str, new: str) -> None:
    """`old` deleted and `new` inserted as tracked changes, as Word writes them."""
    text = paragraph.text
    start = text.index(old)
    for run in paragraph.runs:
        run._r.getparent().remove(run._r)
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>{text[:start]}</w:t></w:r>'))
    paragraph._p.append(parse_xml(f'<w:del {nsdecls("w")} {REVISION.format(id=1)}>'
                                  f'<w:r><w:delText>{old}</w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(f'<w:ins {nsdecls("w")} {REVISION.format(id=2)}>'
                                  f'<w:r><w:t>{new}</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>{text[start + len(old):]}</w:t></w:r>'))


def tracked_edit(document):
    track_replacement(body_paragraphs(document)[1], "培训业务", "学习业务")


def test_tracked_changes_are_not_applied_by_default_and_listed_in_the_report(built, tmp_path, capsys):
    folder, path = edited_copy(built, tmp_path, tracked_edit)
    before = (folder / "2022-kaiban.md").read_bytes()
    status, stdout, _ = ingest(capsys, path, "--content", folder)
    assert status == 0 and (folder / "2022-kaiban.md").read_bytes() == before
    assert "2 tracked change(s) by 审稿人: 0 applied, 2 not applied" in stdout
    report = (folder / "_reports" / "k.md").read_text(encoding="utf-8")
    assert "## Tracked changes: 2 (0 applied, 2 not applied)" in report
    assert "- deletion by 审稿人, 2026-12-01 10:00:00, in “举办这次培训班，既是一次培训业务…”: “培训业务” — not applied" in report
    assert "- insertion by 审稿人, 2026-12-01 10:00:00, in “举办这次培训班，既是一次培训业务…”: “学习业务” — not applied" in report


def test_accept_changes_applies_them(built, tmp_path, capsys):
    folder, path = edited_copy(built, tmp_path, tracked_edit)
    before = (folder / "2022-kaiban.md").read_text(encoding="utf-8")
    status, _, _ = ingest(capsys, path, "--content", folder, "--accept-changes")
    assert status == 0
    assert (folder / "2022-kaiban.md").read_text(encoding="utf-8") == before.replace("培训业务的活动", "学习业务的活动", 1)
    report = (folder / "_reports" / "k.md").read_text(encoding="utf-8")
    assert "## Tracked changes: 2 (2 applied, 0 not applied)" in report and "[-培训-]{+学习+}" in report


def test_a_deleted_paragraph_mark_joins_the_paragraphs_when_accepted(built, tmp_path, capsys):
    def delete_mark(document):
        first = body_paragraphs(document)[1]
        first._p.get_or_add_pPr().append(parse_xml(
            f'<w:rPr {nsdecls("w")}><w:del {REVISION.format(id=3)}/></w:rPr>'))
    folder, path = edited_copy(built, tmp_path, delete_mark)
    before = (folder / "2022-kaiban.md").read_text(encoding="utf-8")
    assert ingest(capsys, path, "--content", folder)[0] == 0            # not applied: as it was
    assert (folder / "2022-kaiban.md").read_text(encoding="utf-8") == before
    assert ingest(capsys, path, "--content", folder, "--accept-changes")[0] == 0
    joined = before.replace("我讲三点意见：\n\n# 一、办班为什么", "我讲三点意见：一、办班为什么")
    assert (folder / "2022-kaiban.md").read_text(encoding="utf-8") == joined


def test_comments_are_listed_in_the_report_and_the_text_is_unchanged(built, tmp_path, capsys):
    def comment(document):
        paragraph = body_paragraphs(document)[3]
        document.add_comment(paragraph.runs[0], text="X天是几天？请补上。", author="办公室")
    folder, path = edited_copy(built, tmp_path, comment)
    before = (folder / "2022-kaiban.md").read_bytes()
    status, _, _ = ingest(capsys, path, "--content", folder)
    assert status == 0 and (folder / "2022-kaiban.md").read_bytes() == before
    report = (folder / "_reports" / "k.md").read_text(encoding="utf-8")
    assert "## Comments in the file" in report
    assert "- on “在各项工作任务十分繁重的情况下，…”, 办公室: X天是几天？请补上。" in report


def test_formatting_beyond_bold_is_ignored_with_a_note_and_bold_is_kept(built, tmp_path, capsys):
    def format_runs(document):
        paragraph = body_paragraphs(document)[1]
        paragraph.runs[0].italic = True
        paragraph.add_run("（加粗的补充）").bold = True
    folder, path = edited_copy(built, tmp_path, format_runs)
    before = (folder / "2022-kaiban.md").read_text(encoding="utf-8")
    assert ingest(capsys, path, "--content", folder)[0] == 0
    after = (folder / "2022-kaiban.md").read_text(encoding="utf-8")
    assert after == before.replace("我讲三点意见：\n", "我讲三点意见：**（加粗的补充）**\n", 1)
    report = (folder / "_reports" / "k.md").read_text(encoding="utf-8")
    assert "italic ignored (only bold is kept)" in report


def test_a_table_is_kept_as_text_and_an_image_reported(built, tmp_path, capsys):
    from PIL import Image                              # Pillow comes with reportlab
    png = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(png, "PNG")

    def table_and_image(document):
        anchor = body_paragraphs(document)[3]
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "时间", "地点"
        anchor._p.addnext(table._tbl)
        picture = document.add_paragraph()
        picture.add_run().add_picture(io.BytesIO(png.getvalue()))
        anchor._p.addnext(picture._p)
    folder, path = edited_copy(built, tmp_path, table_and_image)
    before = (folder / "2022-kaiban.md").read_text(encoding="utf-8")
    assert ingest(capsys, path, "--content", folder)[0] == 0
    after = (folder / "2022-kaiban.md").read_text(encoding="utf-8")
    anchor = "主要是基于下面几点考虑：\n\n"
    assert after == before.replace(anchor, anchor + "时间　地点\n\n", 1)
    report = (folder / "_reports" / "k.md").read_text(encoding="utf-8")
    assert "a table: each row is kept as one paragraph" in report
    assert "an image or drawing was dropped" in report


STYLES_XML = f'''<w:styles {nsdecls("w")}>
  <w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="TextBody"><w:name w:val="Text Body"/></w:style>
  <w:style w:type="paragraph" w:styleId="ComplimentaryClose"><w:name w:val="ComplimentaryClose"/></w:style>
  <w:style w:type="paragraph" w:styleId="Contents1"><w:name w:val="Contents 1"/></w:style>
  <w:style w:type="paragraph" w:styleId="1"><w:name w:val="标题 1"/></w:style>
  <w:style w:type="paragraph" w:styleId="mine"><w:name w:val="我的小标题"/><w:basedOn w:val="1"/></w:style>
  <w:style w:type="paragraph" w:styleId="x2"><w:name w:val="Outline Two"/>
    <w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
</w:styles>'''


@pytest.mark.parametrize("style_id, kind, level", [
    ("TextBody", "body", 0), ("ComplimentaryClose", "salutation", 0), ("Contents1", "toc", 0),
    ("1", "heading", 1), ("mine", "heading", 1), ("x2", "heading", 2), (None, "body", 0),
    ("missing", "body", 0)])
def test_styles_are_recognised_by_name_id_basis_and_outline_level(style_id, kind, level):
    from handout.docx_in.styles import Styles
    meaning = Styles(parse_xml(STYLES_XML)).paragraph(style_id)
    assert (meaning.kind, meaning.level) == (kind, level)


TEXT_BOX = f'''<w:p {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
    xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
    xmlns:v="urn:schemas-microsoft-com:vml"><w:r><mc:AlternateContent>
  <mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>
    <w:p><w:r><w:t>框里的一句话。</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>
  <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
    <w:p><w:r><w:t>框里的一句话。</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
</mc:AlternateContent></w:r></w:p>'''


def test_a_text_box_is_kept_once_as_text_with_a_warning(built, tmp_path, capsys):
    def text_box(document):
        body_paragraphs(document)[3]._p.addnext(parse_xml(TEXT_BOX))
    folder, path = edited_copy(built, tmp_path, text_box)
    before = (folder / "2022-kaiban.md").read_text(encoding="utf-8")
    assert ingest(capsys, path, "--content", folder)[0] == 0
    anchor = "主要是基于下面几点考虑：\n\n"
    assert (folder / "2022-kaiban.md").read_text(encoding="utf-8") == before.replace(
        anchor, anchor + "框里的一句话。\n\n", 1)
    assert "a text box" in (folder / "_reports" / "k.md").read_text(encoding="utf-8")


def test_custom_properties_rewritten_by_another_program_still_read(built, tmp_path, capsys):
    """WPS adds its own property (KSOProductBuildVer) and programs renumber the pids."""
    import zipfile
    content, out = built
    source = out / "2022-kaiban.docx"
    path = tmp_path / "wps.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "docProps/custom.xml":
                text = data.decode("utf-8").replace('pid="', 'pid="1')
                data = text.replace("</Properties>", '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" '
                                    'pid="2" name="KSOProductBuildVer"><vt:lpwstr>2052-11.1.0</vt:lpwstr>'
                                    "</property></Properties>").encode("utf-8")
            new.writestr(info, data)
    empty = tmp_path / "empty"
    assert ingest(capsys, path, "--content", empty)[0] == 0
    assert (empty / "2022-kaiban.md").read_bytes() == (content / "2022-kaiban.md").read_bytes()


def test_a_footnote_is_not_lost_silently(built, tmp_path, capsys):
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    def footnote(document):
        blob = (f'<w:footnotes {nsdecls("w")}><w:footnote w:id="1"><w:p><w:r>'
                '<w:t>见市委〔2022〕X号文件。</w:t></w:r></w:p></w:footnote></w:footnotes>').encode("utf-8")
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES)
        body_paragraphs(document)[3]._p.append(parse_xml(
            f'<w:r {nsdecls("w")}><w:footnoteReference w:id="1"/></w:r>'))
    folder, path = edited_copy(built, tmp_path, footnote)
    assert ingest(capsys, path, "--content", folder)[0] == 0
    report = (folder / "_reports" / "k.md").read_text(encoding="utf-8")
    assert "a footnote after “…培训班，主要是基于下面几点考虑：” is not kept" in report and "“见市委〔2022〕X号文件。”" in report
