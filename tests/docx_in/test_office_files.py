"""The Word and WPS files an office receives (.docx, and .doc/.wps through LibreOffice): the
title block read right, nothing of the text dropped but the furniture of a 公文 (named in the
report), 主送, 附件 and 落款 kept as paragraphs, tables kept row by row."""

from __future__ import annotations

import pytest

from tests.docx_in.helpers import ingest
from tests.docx_in.office import convert, ingested, line, new_document

TITLE = ("关于做好2026年暑期新时代文明实践工作的", "通知")


def notice(path) -> None:
    """A red-head 通知: 份号, 密级, 发文机关标志, 发文字号, a two-line title, 主送, headings,
    附件, 落款 and date flush right, 版记."""
    document = new_document()
    line(document, "000123")
    line(document, "秘密★1年")
    line(document, "中共云岭市委办公室文件", size=40, align="center")
    line(document, "云办发〔2026〕12号", align="center")
    for part in TITLE:
        line(document, part, size=22, align="center")
    line(document, "各县（市、区）委，市直各单位：")
    line(document, "为深入推动新时代文明实践走深走实，现就有关事项通知如下。")
    line(document, "一、提高政治站位")
    line(document, "各地各部门要充分认识新时代文明实践的重大意义。")
    line(document, "二、聚焦重点任务")
    line(document, "围绕群众需求，统筹志愿服务力量。")
    line(document, "附件：1．活动安排表")
    line(document, "2．联络员名单")
    line(document, "中共云岭市委办公室", align="right")
    line(document, "2026年7月16日", align="right")
    line(document, "抄送：市委各部委。")
    line(document, "中共云岭市委办公室　　2026年7月16日印发")
    document.save(str(path))


BODY = ["各县（市、区）委，市直各单位：", "为深入推动新时代文明实践走深走实，现就有关事项通知如下。",
        "# 一、提高政治站位", "各地各部门要充分认识新时代文明实践的重大意义。",
        "# 二、聚焦重点任务", "围绕群众需求，统筹志愿服务力量。",
        "附件：1．活动安排表", "2．联络员名单", "中共云岭市委办公室", "2026年7月16日"]
FURNITURE = {"000123": "份号", "秘密★1年": "密级", "中共云岭市委办公室文件": "发文机关标志",
             "云办发〔2026〕12号": "发文字号", "抄送：市委各部委。": "抄送",
             "中共云岭市委办公室　　2026年7月16日印发": "印发"}


def check_notice(tmp_path, capsys, path) -> None:
    meta, paragraphs, report = ingested(capsys, path, tmp_path / "content")
    assert meta["title"] == "".join(TITLE)                     # two lines, one title
    assert meta["date"] == "2026年7月16日"                      # from the 落款
    assert paragraphs == BODY
    assert "no salutation" not in report                 # the 主送 line opens a notice
    for text, kind in FURNITURE.items():
        assert any(row.endswith(f": {text}") and kind in row for row in report.splitlines()), (text, kind)


def test_a_red_head_notice_keeps_every_line_of_its_text_and_names_the_furniture(tmp_path, capsys):
    path = tmp_path / "tongzhi.docx"
    notice(path)
    check_notice(tmp_path, capsys, path)


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_doc_and_wps_are_read_through_libreoffice_like_the_docx(tmp_path, capsys, suffix):
    source = tmp_path / "made" / "tongzhi.docx"
    source.parent.mkdir()
    notice(source)
    binary = convert(source, "doc", tmp_path / "made")           # Word 97-2003, as WPS also saves
    path = tmp_path / f"tongzhi{suffix}"
    path.write_bytes(binary.read_bytes())
    assert path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    check_notice(tmp_path, capsys, path)


def test_a_wps_file_that_is_not_readable_is_named_a_wps_file(tmp_path, capsys):
    path = tmp_path / "broken.wps"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    status, _, err = ingest(capsys, path, "--content", tmp_path / "content")
    assert status == 2
    assert err.strip().splitlines() == [f"{path}: error: a WPS file (.wps) that LibreOffice cannot read "
                                        "(damaged or not a document); open it in Word or WPS and save it "
                                        "as .docx"]
    assert not (tmp_path / "content").exists()


def test_title_subtitle_date_and_speaker_of_a_title_block(tmp_path, capsys):
    document = new_document()
    line(document, "坚定理想信念", size=22, align="center")
    line(document, "——在全市青年干部培训班上的讲话", size=16, align="center")
    line(document, "（2024年5月4日）", size=16, align="center")
    line(document, "张明", size=16, align="center")
    line(document, "同志们：")
    line(document, "今天，我和大家交流三个问题。")
    line(document, "谢谢大家。")                    # a short file is a speech too
    path = tmp_path / "qingnian.docx"
    document.save(str(path))
    meta, paragraphs, _ = ingested(capsys, path, tmp_path / "content")
    assert (meta["title"], meta["subtitle"], meta["date"], meta["speaker"]) == \
        ("坚定理想信念", "在全市青年干部培训班上的讲话", "2024年5月4日", "张明")
    assert paragraphs == ["同志们：", "今天，我和大家交流三个问题。", "谢谢大家。"]


def test_a_table_is_kept_row_by_row_with_a_warning(tmp_path, capsys):
    document = new_document()
    line(document, "在全市工作推进会上的讲话", size=22, align="center")
    line(document, "同志们：")
    line(document, "下面把今年的任务分工说一下。")
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, (("任务", "牵头单位", "完成时限"), ("项目建设", "发改委", "6月底"),
                                      ("招商引资", "商务局", "年底"))):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    line(document, "请各单位抓好落实。")
    path = tmp_path / "tuijin.docx"
    document.save(str(path))
    _, paragraphs, report = ingested(capsys, path, tmp_path / "content")
    assert paragraphs == ["同志们：", "下面把今年的任务分工说一下。", "任务｜牵头单位｜完成时限",
                          "项目建设｜发改委｜6月底", "招商引资｜商务局｜年底", "请各单位抓好落实。"]
    assert "a table: each row is kept as one paragraph, its cells separated by 　" in report


def test_a_title_with_only_a_list_or_a_table_is_a_speech(tmp_path, capsys):
    from tests.docx_in.office import OUTLINE_LIST, number, numbering_xml, use_numbering
    document = new_document()
    line(document, "学习贯彻会议精神的几点要求", size=22, align="center")
    use_numbering(document, numbering_xml())
    for text in ("认真学习原文", "结合实际抓落实"):
        number(line(document, text), OUTLINE_LIST, 2)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "报送时间", "每月5日"
    path = tmp_path / "yaoqiu.docx"
    document.save(str(path))
    meta, paragraphs, _ = ingested(capsys, path, tmp_path / "content")
    assert meta["title"] == "学习贯彻会议精神的几点要求"
    assert paragraphs == ["1.认真学习原文", "2.结合实际抓落实", "报送时间｜每月5日"]
