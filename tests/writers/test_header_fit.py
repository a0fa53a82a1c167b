"""A running header too long for the type area (from about 43 characters at 5号) is set
smaller, down to 7.5 pt, and past that cut with …, with a warning naming the file: never
into the margins or off the paper. Read back from the PDF with pdfplumber."""

from __future__ import annotations

import pytest

from handout.build import build_all
from handout.settings import load_settings
from tests.conftest import ROOT
from tests.pdfcheck import visual_lines
from tests.writers.docxcheck import M

BASE = "在全市组工干部培训班开班仪式暨全市组织系统业务能力提升专题培训动员部署会议上的讲话"


@pytest.mark.parametrize("title, fate", [(BASE[:30], None), (BASE[:41] + "稿全文及说明", "set at"),
                                         (BASE + "稿全文及其相关配套文件说明和补充材料汇总", "cut to fit")])
def test_the_running_header_stays_in_the_type_area(tmp_path, title, fate):
    content = tmp_path / "content"
    content.mkdir()
    (content / "s.md").write_text(f"---\ntitle: {title}\n---\n\n同志们：\n\n" + "正文内容。" * 400 + "\n",
                                  encoding="utf-8")
    settings = load_settings(ROOT, {"output": tmp_path / "out", "formats": ("pdf",), "quiet": True,
                                    "content": content})
    messages = []
    results = build_all(settings, None, echo=messages.append)
    assert not [r.error for r in results if r.error]
    warned = [m for m in map(str, messages) if "running header" in m]
    if fate is None:
        assert not warned
    else:
        assert len(warned) == 1 and fate in warned[0] and f"s.md:2: warning:" in warned[0], warned
    headers = [l for l in visual_lines(tmp_path / "out" / "s.pdf")
               if l.page == 2 and l.baseline < M.height - M.top - 2]
    assert len(headers) == 1
    header = headers[0]
    assert M.left - 0.5 <= header.x0 and header.x1 <= M.right + 0.5, (header.x0, header.x1)
    assert header.size >= 7.5 - 0.01
    text = header.text.replace(" ", "")
    assert text == title if fate != "cut to fit" else (text.endswith("…") and title.startswith(text[:-1]))
