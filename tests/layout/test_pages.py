"""The grid row a placed line knows (the DOCX writer pages by it) is the row the PDF shows
its text on: read back with pdfplumber, every line's baseline is PageMetrics.baseline of
its row."""

from __future__ import annotations

import io

import pdfplumber

from handout.content import read_content
from handout.layout.pages import lay_out
from handout.template import render_document
from tests.layout.test_pages_kept import PLAIN, kit  # noqa: F401 (a fixture)


def laid_out(kit, tmp_path, body: str):  # noqa: F811
    path = tmp_path / "x.md"
    path.write_text("---\ntitle: 讲话\n---\n\n" + body, encoding="utf-8")
    content = read_content(path)
    doc = render_document(kit.env, kit.settings.template, {"meta": content.meta, "body": content.body},
                          str(path))
    return doc, lay_out(doc, kit.theme, kit.fonts, kit.metrics)


def test_each_placed_line_is_printed_on_the_baseline_of_its_row(tmp_path, kit):  # noqa: F811
    body = "".join(f"{'一二三'[n]}、第{n + 1}部分\n\n" + f"{PLAIN}\n\n" * 9 for n in range(3))
    doc, layout = laid_out(kit, tmp_path, body)
    assert len(layout.pages) >= 2
    m = kit.metrics
    with pdfplumber.open(io.BytesIO(kit.writers["pdf"].render(doc, layout))) as pdf:
        for page, printed in zip(layout.pages, pdf.pages, strict=True):
            rows = [placed.row for placed in page.lines]
            assert rows == sorted(set(rows)) and 0 <= rows[0] and rows[-1] < m.lines
            expected = {round(m.baseline(p.row, p.role.size), 1) for p in page.lines}
            in_type_area = [c for c in printed.chars if m.bottom < c["matrix"][5] < m.top]
            assert {round(c["matrix"][5], 1) for c in in_type_area} == expected


def test_a_line_ends_where_its_last_unit_ends(tmp_path, kit):  # noqa: F811
    _, layout = laid_out(kit, tmp_path, "短句。\n")
    placed = next(p for page in layout.pages for p in page.lines if p.line.text == "短句。")
    line = placed.line
    assert placed.end == placed.x + line.xs[-1] + line.widths[-1] > placed.x
