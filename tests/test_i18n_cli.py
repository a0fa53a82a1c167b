"""The command line in a Chinese locale says everything in Chinese: real mistakes and warnings
(bad front matter, a missing file, a skipped heading number, a rare character), an ingest of
the seed page and of a Word file, an edited DOCX taken back, the build's summary and the
watcher's lines. Every line of their output is checked for English words outside what is
typed as written (paths, file names, `code`, --options, U+ code points, product names);
the same runs in the C locale print English, as the tests of each command expect."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE

from tests.conftest import ROOT

SEED = ROOT / "content" / "sources" / "000_e1432cc8c8ea04d6.txt"
# Names that stay as they are in Chinese text (products, formats, encodings, keys)
KEPT_WORDS = {"PDF", "DOCX", "Word", "WPS", "LibreOffice", "UTF", "GBK", "YAML", "TOML", "HTML",
              "KB", "OpenCC", "XML", "OFD", "Ctrl", "VIP", "CSS", "lxml"}
AS_TYPED = re.compile(r"`[^`]*`"                               # code, keys
                      r"|(?:\S*/|\S*\.(?:md|txt|docx|pdf|yaml|html|json)\b)\S*"   # paths, files
                      r"|--[a-z][a-z-]*(?:=\S*)?"               # options
                      r"|U\+[0-9A-F]{4,6}"                      # code points
                      r"|\b(?:utf-8(?:-sig)?|gb18030|gbk|big5)\b"  # encodings as Python names them
                      r"|'[^']*'")                              # a character as Python shows it
WORD = re.compile(r"[A-Za-z]{2,}")


def english_words(text: str) -> list[str]:
    """The English words of `text` outside what is typed as written, line by line."""
    found = []
    for line in text.splitlines():
        for word in WORD.findall(AS_TYPED.sub(" ", line)):
            if word not in KEPT_WORDS:
                found.append(f"{word!r} in {line!r}")
    return found


def test_the_check_can_fail():
    assert english_words("content/a.md:3: 出错: the speech has no text") != []
    assert english_words("content/a.md:3: 出错: `title` 是空的：讲话稿需要标题") == []


def handout(args, cwd: Path, language: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": language, "LC_ALL": "",
           "LANGUAGE": "", "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *map(str, args)], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=300)


def _word_file(path: Path) -> None:
    """A Word file typed by someone: its own style, italic text, a skipped heading number."""
    document = docx.Document()
    document.styles.add_style("Custom Body", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("在全市工作会议上的讲话", style="Title")
    document.add_paragraph("同志们：", style="Custom Body")
    para = document.add_paragraph("今天我们召开会议，主要任务是总结工作、部署任务。", style="Custom Body")
    para.add_run("这是一段倾斜的文字。").italic = True
    document.add_paragraph("一、关于成绩", style="Heading 1")
    document.add_paragraph("过去一年，我们做了大量工作，取得了明显成效。", style="Custom Body")
    document.add_paragraph("三、关于问题", style="Heading 1")
    document.add_paragraph("存在的问题也不少，要认真对待，切实加以解决。", style="Custom Body")
    document.save(path)


def _cases(tmp_path: Path, language: str) -> list[tuple[str, subprocess.CompletedProcess]]:
    """Each case run in a folder of its own, in `language`."""
    folder = tmp_path / language
    content = folder / "content"
    content.mkdir(parents=True)
    (content / "dup.md").write_text("---\ntitle: 讲话\ntitle: 又一个\n---\n\n正文。\n", encoding="utf-8")
    (content / "date.md").write_text("---\ntitle: 讲话\ndate: 2022-02-30\n---\n\n正文。\n", encoding="utf-8")
    (content / "list.md").write_text("---\ntitle: [讲话]\n---\n\n正文。\n", encoding="utf-8")
    (content / "yaml.md").write_text("---\ntitle: 讲话: 又一个\n---\n\n正文。\n", encoding="utf-8")
    (content / "skip.md").write_text("---\ntitle: 关于工作的讲话\n---\n\n# 一、第一部分\n\n正文。\n\n"
                                     "# 三、第三部分\n\n今天表彰的先进个人中有刘䶮同志、吉𠮷祥同志。\n",
                                     encoding="utf-8")
    (content / "_collection.yaml").write_text("title: 汇编\norder: [skip, nobody]\n", encoding="utf-8")
    runs = [("build", handout(["--only", "pdf"], folder, language)),
            ("missing content file", handout([content / "nope.md"], folder, language)),
            ("missing page", handout(["ingest", folder / "nope.txt", "--content", folder / "in"],
                                     folder, language)),
            ("seed page", handout(["ingest", SEED, "--content", folder / "in"], folder, language)),
            ("seed page again, edited", None)]
    kaiban = folder / "in" / "2022-kaiban.md"
    kaiban.write_text(kaiban.read_text(encoding="utf-8") + "\n多出的一段。\n", encoding="utf-8")
    runs[-1] = ("seed page again, edited", handout(["ingest", SEED, "--content", folder / "in"],
                                                   folder, language))
    _word_file(folder / "typed.docx")
    runs.append(("typed Word file", handout(["ingest", folder / "typed.docx", "--content",
                                             folder / "word"], folder, language)))
    shutil.copy(ROOT / "content" / "2022-jieye.md", folder / "word" / "2022-jieye.md")
    runs.append(("handout DOCX", handout(["--only", "docx", folder / "word" / "2022-jieye.md",
                                          "--output", folder / "out"], folder, language)))
    edited = docx.Document(folder / "out" / "2022-jieye.docx")
    para = next(p for p in edited.paragraphs if "系统学习" in p.text)
    para.runs[0].text = "我们改了这一段。"
    for run in para.runs[1:]:
        run.text = ""
    edited.save(folder / "back.docx")
    runs.append(("edited DOCX back", handout(["ingest", folder / "back.docx", "--content",
                                              folder / "word"], folder, language)))
    return runs


@pytest.fixture(scope="module")
def chinese(tmp_path_factory):
    return _cases(tmp_path_factory.mktemp("zh"), "zh_CN.UTF-8")


def test_every_line_the_cli_prints_in_a_chinese_locale_is_chinese(chinese):
    for name, run in chinese:
        output = run.stdout + run.stderr
        assert "Traceback" not in output, (name, output)
        assert english_words(output) == [], (name, output)


def test_the_chinese_lines_say_what_happened_with_their_path_line_prefix(chinese):
    by_name = dict(chinese)
    build = by_name["build"].stderr
    assert by_name["build"].returncode == 2
    assert re.search(r"dup\.md:3: 出错: `title` 出现了两次（第 2 行和第 3 行）；请只保留一个", build)
    assert re.search(r"date\.md:3: 出错: `date`：没有 '2022-02-30' 这个日期", build)
    assert re.search(r"list\.md:2: 出错: `title` 应为文字，而不是列表", build)
    assert re.search(r"skip\.md:9: 警告: 标题“三、第三部分”在“一、第一部分”之后编为 三、：应为 二、", build)
    assert re.search(r"skip\.md:11: 警告: '䶮'（U\+4DAE）不在 `fangsong` 字体中", build)
    assert re.search(r"_collection\.yaml:2: 出错: `order` 中的 'nobody' 不是 content/ 中的讲话稿", build)
    assert re.search(r"yaml\.md:2: 出错: 文件头的 YAML 格式有误：此处不能写“键: 值”", build)
    assert "已写入 1 个文件，5 项失败" in by_name["build"].stdout
    assert by_name["missing content file"].stderr.endswith("nope.md: 出错: 没有这个内容文件\n")
    assert by_name["missing page"].stderr.endswith("nope.txt: 出错: 无法读取：没有这个文件或文件夹\n")
    seed = by_name["seed page"].stdout
    assert "000_e1432cc8c8ea04d6.txt：3 篇讲话，删去 8 行" in seed and "11 处待核对" in seed
    assert "导入写出后已被修改；未覆盖（要替换请用 --force）" in by_name["seed page again, edited"].stderr
    typed = by_name["typed Word file"]
    assert "typed.docx:6: 警告: 标题“三、关于问题”在“一、关于成绩”之后编为 三、：应为 二、" in typed.stdout
    assert "直接设置的格式已忽略（只保留加粗）：1 段有倾斜" in typed.stdout
    back = by_name["edited DOCX back"].stdout
    assert re.search(r"back\.docx：\S*2022-jieye\.md 已写入", back)


def test_the_reports_are_written_in_the_locales_language(chinese):
    seed = dict(chinese)["seed page"]
    text = (Path(seed.args[-1]) / "_reports" / "000_e1432cc8c8ea04d6.md").read_text(encoding="utf-8")
    assert text.startswith("# 导入报告：000_e1432cc8c8ea04d6.txt")
    assert "- 第 99 行（关键词列表）：推荐访问" in text
    assert english_words(_prose(text)) == []


def _prose(report: str) -> str:
    """The report's own words: the source lines it quotes (after “：” on a line entry, and
    the table rows) are the page's, which may hold anything."""
    lines = []
    for line in report.splitlines():
        if line.startswith("|"):
            continue
        lines.append(re.sub(r"[：:].*", "", line) if line.startswith("- ") else line)
    return "\n".join(lines)


def test_the_same_runs_in_the_c_locale_are_english(tmp_path):
    folder = tmp_path / "c"
    content = folder / "content"
    content.mkdir(parents=True)
    (content / "dup.md").write_text("---\ntitle: 讲话\ntitle: 又一个\n---\n\n正文。\n", encoding="utf-8")
    run = handout(["--only", "pdf"], folder, "C.UTF-8")
    assert run.returncode == 2
    assert run.stderr.endswith("dup.md:3: error: `title` is given twice, on lines 2 and 3; keep one\n")
    seed = handout(["ingest", SEED, "--content", folder / "in"], folder, "C.UTF-8")
    assert "000_e1432cc8c8ea04d6.txt: 3 speech(es), 8 line(s) dropped" in seed.stdout
    report = (folder / "in" / "_reports" / "000_e1432cc8c8ea04d6.md").read_bytes()
    assert report == (ROOT / "content" / "_reports" / "000_e1432cc8c8ea04d6.md").read_bytes()


def test_the_watchers_lines_follow_the_locale(monkeypatch):
    from handout.watch import Rebuild, describe
    round_ = Rebuild(written=[(Path("out/a.pdf"), 3), (Path("out/a.docx"), 3)], failed=["x"],
                     seconds=1.5)
    monkeypatch.setenv("LANGUAGE", "zh_CN")
    line = describe(round_)
    assert re.fullmatch(r"\d\d:\d\d:\d\d  已写入 a\.pdf（3 页），a\.docx；1 项失败，用时 1\.50 秒", line)
    assert english_words(line) == []
    monkeypatch.setenv("LANGUAGE", "en")
    assert re.fullmatch(r"\d\d:\d\d:\d\d  wrote a\.pdf \(3 p\.\), a\.docx; 1 failed in 1\.50 s",
                        describe(round_))


def test_argparse_speaks_the_locales_language_too(tmp_path):
    """A mistyped option is the commonest mistake at a terminal: argparse's own error line and
    the help go through the catalog (usage lines keep the options' names as typed)."""
    wrong = handout(["--jobs", "x"], tmp_path, "zh_CN.UTF-8")
    assert wrong.returncode == 2
    assert wrong.stderr.startswith("用法：")
    assert wrong.stderr.splitlines()[-1] == "build.py: 出错: 参数 --jobs：无效的 int 值：'x'"
    unknown = handout(["--bogus"], tmp_path, "zh_CN.UTF-8")
    assert unknown.stderr.splitlines()[-1] == "build.py: 出错: 无法识别的参数：--bogus"
    helped = handout(["ingest", "--help"], tmp_path, "zh_CN.UTF-8").stdout
    assert "把抓取的原始讲话网页" in helped and "覆盖手工修改过的内容文件" in helped
    english = handout(["--jobs", "x"], tmp_path, "C.UTF-8")
    assert english.stderr.splitlines()[-1] == "build.py: error: argument --jobs: invalid int value: 'x'"
