"""Which reader a page gets (issue 12, part 6): an HTML page is read through lxml's parser, a
content file given by mistake is refused, the same page given twice is ingested once."""

import subprocess
import sys

from handout.content import read_content
from handout.ingest import ingest
from tests.conftest import ROOT, SEED

HTML = """<!DOCTYPE html><html><head><title>讲话稿</title><style>p{color:red}</style>
<script>var ad = "下载";</script></head><body>
<div class="nav">首页 &gt; 讲话稿</div>
<h1>在全县安全生产工作会议上的讲话</h1>
<p>同志们：</p>
<p>今天，我们召开全县安全生产工作会议，学习&ldquo;四气三想&rdquo;，主要任务是部署今年工作。</p>
<p>安全生产责任重于泰山，各级各部门要切实扛起责任，<br>不能有丝毫松懈。</p>
</body></html>"""


def run_ingest(*args):
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "ingest", *map(str, args)],
                          cwd=ROOT, capture_output=True, text=True)


def test_an_html_page_is_read_as_its_text(tmp_path):
    raw = tmp_path / "page.html"
    raw.write_text(HTML, encoding="utf-8")
    [made] = ingest([raw], tmp_path / "content", echo=lambda m: None)
    content = read_content(made)
    body = "".join(b["text"] for b in content.body)
    assert content.meta["title"] == "在全县安全生产工作会议上的讲话"
    assert "学习“四气三想”，主要任务" in body and "&" not in body
    assert "<" not in body and "color" not in body and "var ad" not in body
    assert "各级各部门要切实扛起责任，不能有丝毫松懈。" in body


def test_entities_in_a_text_page_are_decoded(tmp_path):
    raw = tmp_path / "page.txt"
    raw.write_text("在全县会议上的讲话\n同志们：\n今天我们学习&ldquo;四气三想&rdquo;，要把学习成果转化为推动工作的实际行动。\n",
                   encoding="utf-8")
    [made] = ingest([raw], tmp_path / "content", echo=lambda m: None)
    assert "“四气三想”" in made.read_text(encoding="utf-8")


def test_a_content_file_given_to_ingest_is_refused_with_one_line(tmp_path):
    result = run_ingest(ROOT / "content" / "2022-kaiban.md", "--content", tmp_path / "out")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "already a content file" in result.stderr and "2022-kaiban.md:1:" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_same_page_given_twice_is_ingested_once(tmp_path):
    copy = tmp_path / "copy-of-seed.txt"
    copy.write_bytes(SEED.read_bytes())
    out = tmp_path / "content"
    messages = []
    ingest([SEED, SEED, copy], out, echo=messages.append)
    assert sorted(p.name for p in out.glob("*.md")) == ["2022-gongzuo-huiyi.md", "2022-jieye.md", "2022-kaiban.md"]
    assert sum("the same page as" in m for m in messages) == 2
    ingest([copy], out, echo=lambda m: None)                 # again, later, under another name
    assert len(list(out.glob("*.md"))) == 3
