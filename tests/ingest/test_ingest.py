"""`build.py ingest` end to end: the seed page, a page in another site's habits, bad input."""

import re
import subprocess
import sys

import pytest

from handout.content import read_content
from handout.errors import UserError
from handout.ingest import ingest
from handout.ingest.decode import read_page
from handout.ingest.page import clean_page
from handout.ingest.rules import load_rules
from tests.conftest import ROOT, SEED

GOLDEN = ROOT / "tests" / "ingest" / "golden"        # golden/seed: conftest.REVIEWED
HAN = re.compile(r"[\u4e00-\u9fff]")


def han(text: str) -> str:
    return "".join(HAN.findall(text))


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("content")
    ingest([SEED], out, echo=lambda m: None)
    return out


def test_the_seed_gives_three_speeches_with_titles_speakers_and_dates(seed_out):
    metas = {p.name: read_content(p).meta for p in sorted(seed_out.glob("*.md"))}
    assert {name: (m["title"], m["speaker"], m["date"], m["order"]) for name, m in metas.items()} == {
        "2022-kaiban.md": ("在全市组工干部培训班开班仪式上的讲话", "市委书记", "2022年X月X日", 1),
        "2022-jieye.md": ("在全市组工干部培训班结业仪式上的讲话", "市委书记", "2022年X月X日", 2),
        "2022-gongzuo-huiyi.md": ("在全市组工干部培训班工作会议上的讲话", "领导干部", "2022年X月X日", 3),
    }


def test_the_seed_gives_the_reviewed_markdown(seed_out):
    """The seed's speeches were reviewed line by line (golden/seed/, as content/ had them
    before a user filled in any X): a rule change that alters them must be deliberate.
    content/ itself is the user's, to edit as the report asks."""
    made = sorted(p.name for p in seed_out.glob("*.md"))
    assert made == sorted(p.name for p in (GOLDEN / "seed").glob("*.md"))
    for name in made:
        assert (seed_out / name).read_text(encoding="utf-8") == (GOLDEN / "seed" / name).read_text(encoding="utf-8"), name


def test_only_furniture_is_dropped_and_each_drop_has_a_reason():
    page = clean_page(read_page(SEED)[0], load_rules())
    assert [(d.line, d.reason.split(":")[0]) for d in page.dropped] == [
        (1, "page title"), (2, "speech separator"), (3, "editor line with a pasted teaser in front"),
        (43, "speech separator"), (44, "editor line with a pasted teaser in front"),
        (74, "speech separator"), (75, "editor line with a pasted teaser in front"),
        (99, "keyword list")]


def test_no_character_of_a_kept_line_is_lost(seed_out):
    """Every Han character of every seed line that was not dropped is in the bodies, in order."""
    lines = read_page(SEED)[0]
    dropped = {d.line for d in clean_page(lines, load_rules()).dropped}
    kept = han("".join(line for n, line in enumerate(lines, 1) if n not in dropped))
    bodies = "".join(han("".join(b["text"] for b in read_content(seed_out / name).body))
                     for name in ("2022-kaiban.md", "2022-jieye.md", "2022-gongzuo-huiyi.md"))
    assert bodies == kept and len(kept) > 9000


def test_no_boilerplate_reaches_the_content(seed_out):
    for path in seed_out.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        for furniture in ("小编", "推荐访问", "众鑫", "希望大家喜欢", "交流发言篇", "交流发言3篇"):
            assert furniture not in text, (path.name, furniture)
        body = text.split("\n---\n", 1)[1]
        assert not re.search(r"[\u4e00-\u9fff][,:;?!()]|[,:;?!()][\u4e00-\u9fff]", body), path.name


def test_every_heading_line_of_the_seed_is_a_heading(seed_out):
    heading_line = re.compile(r"^(?:[一二三四五六七八九十]、|\d、|第[一二三][，,]|第[一二三]句话).{0,40}$")
    expected = [l.strip().replace(",", "，").replace(":", "：") for l in read_page(SEED)[0]
                if heading_line.match(l.strip()) and l.count("。") <= 1]
    found = [b["text"] for name in ("2022-kaiban.md", "2022-jieye.md", "2022-gongzuo-huiyi.md")
             for b in read_content(seed_out / name).body if b["kind"] == "heading"]
    assert found == expected and len(found) == 27


def test_merged_items_are_split_and_broken_lines_joined(seed_out):
    paragraphs = [b["text"] for b in read_content(seed_out / "2022-gongzuo-huiyi.md").body]
    assert any(p.startswith("二要有胸怀全局的站位。") for p in paragraphs)
    assert not any("。二要有胸怀全局" in p for p in paragraphs)
    jieye = [b["text"] for b in read_content(seed_out / "2022-jieye.md").body]
    assert any("新鲜血液；通过引进研究生" in p for p in jieye)


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "utf-8-sig", "crlf"])
def test_other_encodings_of_the_seed_give_the_same_files(tmp_path, seed_out, encoding):
    text = SEED.read_text(encoding="utf-8")
    copy = tmp_path / "raw" / SEED.name
    copy.parent.mkdir()
    if encoding == "crlf":
        copy.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    else:
        copy.write_bytes(text.encode(encoding))
    out = tmp_path / "content"
    ingest([copy], out, echo=lambda m: None)
    for made in seed_out.glob("*.md"):
        assert (out / made.name).read_bytes() == made.read_bytes(), made.name


def test_a_page_from_another_site_matches_its_golden_files(tmp_path):
    out = tmp_path / "content"
    ingest([GOLDEN / "other-site.txt"], out, echo=lambda m: None)
    expected = sorted(p.name for p in (GOLDEN / "other-site").glob("*.md"))
    assert sorted(p.name for p in out.glob("*.md")) == expected
    for name in expected:
        assert (out / name).read_text(encoding="utf-8") == (GOLDEN / "other-site" / name).read_text(encoding="utf-8")


def test_the_report_lists_drops_changes_and_placeholders(seed_out):
    report = (seed_out / "_reports" / f"{SEED.stem}.md").read_text(encoding="utf-8")
    assert "- line 99 (keyword list): 推荐访问" in report
    assert "- line 4: “同志们[:→：]”" in report
    assert "line 93: split before “二要”" in report
    lines = read_page(SEED)[0]
    dropped = {d.line for d in clean_page(lines, load_rules()).dropped}
    x_runs = sum(len(re.findall(r"X+", l)) for n, l in enumerate(lines, 1) if n not in dropped)
    assert report.count(": placeholder ") == x_runs == 21


def test_an_edited_content_file_is_not_overwritten_without_force(tmp_path):
    out = tmp_path / "content"
    ingest([SEED], out, echo=lambda m: None)
    ingest([SEED], out, echo=lambda m: None)                # unchanged: fine
    edited = out / "2022-kaiban.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("X天", "三天"), encoding="utf-8")
    with pytest.raises(UserError, match="edited since ingest wrote it"):
        ingest([SEED], out, echo=lambda m: None)
    assert "三天" in edited.read_text(encoding="utf-8")
    ingest([SEED], out, force=True, echo=lambda m: None)
    assert "三天" not in edited.read_text(encoding="utf-8")


@pytest.mark.parametrize("text", ["[1, 2]", "not json", '{"files": [1]}', '{"files": {"a.md": 5}}'])
def test_an_ingest_manifest_of_the_wrong_shape_is_ignored_with_a_warning(tmp_path, text):
    out = tmp_path / "content"
    out.mkdir()
    (out / ".ingest.json").write_text(text, encoding="utf-8")
    messages = []
    written = ingest([SEED], out, echo=messages.append)
    assert messages[0] == f"{out / '.ingest.json'}: warning: not an ingest manifest; ignored (existing " \
                          "content files are kept unless --force)"
    assert len(written) == 3
    ingest([SEED], out, echo=messages.append)               # its own manifest is good again
    assert sum("warning" in m for m in messages) == 1


def run_ingest(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "ingest", *map(str, args)],
                          cwd=cwd, capture_output=True, text=True)


@pytest.mark.parametrize("data, message", [
    (b"", "the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    ("手机版 | 电脑版\n推荐访问：讲话稿\nHello world, nothing here.\n".encode(), "no speech found"),
])
def test_bad_input_is_one_line_exit_2_and_nothing_written(tmp_path, data, message):
    raw = tmp_path / "page.txt"
    raw.write_bytes(data)
    out = tmp_path / "content"
    result = run_ingest(raw, "--content", out)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert result.stderr.startswith(f"{raw}")
    assert not out.exists()


def test_one_bad_page_among_good_ones_writes_nothing(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    out = tmp_path / "content"
    result = run_ingest(SEED, bad, "--content", out)
    assert result.returncode == 2 and not out.exists()
