"""A speech someone typed in Word (direct formatting only, no styles of ours) becomes a content
file as a careful editor would set it, through the same cleaner as a scraped page."""

from __future__ import annotations

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from handout.content import read_content
from tests.docx_in.helpers import ingest

TITLE = "在全市安全生产工作会议上的讲话"


def typed(path) -> None:
    document = docx.Document()

    def line(text="", bold=False, size=None, center=False):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        run.bold, run.font.size = bold or None, Pt(size) if size else None
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return paragraph
    line(TITLE, bold=True, size=22, center=True)
    line("（2023年3月5日）", size=16, center=True)
    line("同志们：")
    line("今天召开全市安全生产工作会议，主要任务是总结去年工作，部署今年任务。下面，我讲三点意见。")
    line("一、充分认识安全生产的重要性", bold=True, size=16)
    line("安全生产事关人民群众生命财产安全，事关改革发展稳定大局。")
    line("（一）思想认识要到位。", bold=True)
    lead = line("一是压实责任。", bold=True)
    lead.add_run("各级各部门要把安全生产摆上重要位置，")
    lead.add_run("做到党政同责、一岗双责。").italic = True
    line("二、全力抓好重点领域整治", bold=True, size=16)
    line("要聚焦道路交通、危化品、建筑施工等重点领域，开展拉网式排查。")
    line()
    line("同志们，安全生产责任重于泰山，让我们共同努力！")
    document.save(str(path))


def test_a_typed_word_file_becomes_a_content_file_with_headings_and_paragraphs(tmp_path, capsys):
    path = tmp_path / "anquan.docx"
    typed(path)
    content = tmp_path / "content"
    status, stdout, stderr = ingest(capsys, path, "--content", content)
    assert status == 0, stderr
    [speech] = [p for p in content.glob("*.md")]
    read = read_content(speech)
    assert (read.meta["title"], read.meta["date"]) == (TITLE, "2023年3月5日")
    shown = [("#" * b["level"] + " " if b["kind"] == "heading" else "")
             + "".join(f"**{r['text']}**" if r["bold"] else r["text"] for r in b["runs"]) for b in read.body]
    assert shown == [
        "同志们：",
        "今天召开全市安全生产工作会议，主要任务是总结去年工作，部署今年任务。下面，我讲三点意见。",
        "# 一、充分认识安全生产的重要性",
        "安全生产事关人民群众生命财产安全，事关改革发展稳定大局。",
        "## （一）思想认识要到位。",
        "**一是压实责任。**各级各部门要把安全生产摆上重要位置，做到党政同责、一岗双责。",
        "# 二、全力抓好重点领域整治",
        "要聚焦道路交通、危化品、建筑施工等重点领域，开展拉网式排查。",
        "同志们，安全生产责任重于泰山，让我们共同努力！",
    ]
    report = (content / "_reports" / "anquan.md").read_text(encoding="utf-8")
    assert "read as a Word document (.docx)" in report
    assert "direct formatting ignored (only bold is kept): " in report and "italic in 1 paragraph(s)" in report
    assert report.count("ignored (only bold is kept)") == 1          # once per file, not per paragraph
