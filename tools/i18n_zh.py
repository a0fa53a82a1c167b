"""Update handout/locale/zh_CN/LC_MESSAGES/messages.po from the sources (the msgids) and the
translations below: `python tools/i18n_zh.py`. Extraction is Babel's (babel.cfg); a msgid
without a translation here stays untranslated, which tests/test_i18n.py refuses.

The translations live in tables a reviewer can read next to the English: ZH below (the
workbench and the CLI's edge) and ZH_ENGINE in tools/i18n_zh_engine.py (ingest, docx_in, the
build, the writers, watch). The .po is written from them deterministically (no dates), one
block per table, each block sorted; a message no table holds goes last, untranslated."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tools.i18n_zh_engine import ZH_ENGINE  # noqa: E402

PO = ROOT / "handout" / "locale" / "zh_CN" / "LC_MESSAGES" / "messages.po"

ZH = {
    ", {count} job(s) failed": "，{count} 项失败",
    "--port {port}: a port is a number from 0 to 65535 (0: any free port)":
        "--port {port}：端口是 0 到 65535 之间的数（0：任一空闲端口）",
    "Add a speech": "添加讲话稿",
    "Arrange the 汇编": "编排汇编",
    "Choose a handout on the left to see its pages.": "在左侧选择一篇讲话稿，查看其页面。",
    "No PDF yet.": "尚无 PDF。",
    "Nothing to fill.": "没有待填写的内容。",
    "Paste the text of the page:": "粘贴网页文本：",
    "Placeholders X and dates to fill": "待填写：占位符 X 和日期",
    "Take back an edited DOCX": "收回修改过的 DOCX",
    "Text": "正文",
    "The Word file that came back:": "收回的 Word 文件：",
    "The file changes nothing in content/.": "该文件对 content/ 没有任何改动。",
    "The pages of the last build that worked:": "上一次成功生成的页面：",
    "This handout is gone.": "这篇讲话稿已不存在。",
    "Title and cover lines": "标题与题注",
    "a heading is one line": "标题只能是一行",
    "a heading level is 1 or 2 (0: a paragraph)": "标题级别为 1 或 2（0：正文段落）",
    "a paragraph cannot be empty (to drop it, drop it from the review)": "段落不能为空（要删去，请在审阅中删去）",
    "add": "添加",
    "added": "新增",
    "all handouts": "全部讲话稿",
    "applied: written to content/": "已应用：已写入 content/",
    "apply these changes": "应用这些修改",
    "building": "生成中",
    "building…": "生成中…",
    "built": "已生成",
    "changed": "修改",
    "choose the Word file first": "请先选择 Word 文件",
    "connecting…": "连接中…",
    "date": "日期",
    "discard": "放弃",
    "drop": "删去",
    "put back": "放回",
    "Lines ingest dropped": "导入时删去的行",
    "after": "放在其后：",
    "at the start": "放在开头",
    "discarded: nothing written": "已放弃：未写入任何文件",
    "disconnected (is build.py serve running?)": "连接已断开（build.py serve 是否仍在运行？）",
    "down": "下移",
    "download": "下载",
    "download everything (zip)": "下载全部（zip）",
    "edit": "修改",
    "error": "出错",
    "file": "文件",
    "fill": "填写",
    "front matter is not closed by a `---` line": "文件头没有以 `---` 行结束",
    "in the 汇编": "收入汇编",
    "ingest review": "导入审阅",
    "interrupted": "已中断",
    "live": "实时",
    "make heading 一、": "改为一级标题",
    "make heading (一)": "改为二级标题",
    "make paragraph": "改为正文",
    "messages": "提示",
    "new speeches": "新讲话稿",
    "no pages": "无页面",
    "no such 讲话稿": "没有这篇讲话稿",
    "not a file of the content folder": "不是 content 文件夹中的文件",
    "nothing to do: every output is up to date": "无需生成：全部文件已是最新",
    "nothing to fill": "无待填写",
    "occasion": "场合",
    "only a paragraph of one line can become a heading": "只有一行的段落才能改为标题",
    "or choose a file (.txt, .html, .docx):": "或选择文件（.txt、.html、.docx）：",
    "organiser": "编印单位",
    "page {n}": "第 {n} 页",
    "pages": "页",
    "paste the text of a page first": "请先粘贴网页文本",
    "port {port} cannot be opened ({why}): choose another with --port N": "端口 {port} 无法打开（{why}）：请用 --port N 另选端口",
    "port {port} is in use: choose another with --port N": "端口 {port} 已被占用：请用 --port N 另选端口",
    "refused: a change must come from the workbench page": "已拒绝：修改只能来自工作台页面",
    "refused: the file is larger than {mb} MB": "已拒绝：文件大于 {mb} MB",
    "refused: the page's session has ended; reload the page": "已拒绝：页面会话已失效，请刷新页面",
    "refused: the request came from another site": "已拒绝：请求来自其他网站",
    "removed": "删去",
    "save": "保存",
    "saved": "已保存",
    "show the changes": "查看修改",
    "size": "大小",
    "speaker": "讲话人",
    "subtitle": "副标题",
    "text": "文字",
    "that paragraph is no longer there; reload the page": "该段落已不在原处，请刷新页面",
    "that placeholder is no longer there; reload the page": "该占位符已不在原处，请刷新页面",
    "the file is gone; reload the page": "文件已不存在，请刷新页面",
    "the file was changed after the changes were shown; nothing was written: drop the file again":
        "显示修改之后文件又被改动，未写入任何内容：请重新提交该文件",
    "the file was changed after you opened it (in another tab or an editor); reload to see the change, then make yours again":
        "打开之后文件已被改动（在其他标签页或编辑器中）：请刷新查看，再重新修改",
    "the request is incomplete; reload the page": "请求不完整，请刷新页面",
    "the 汇编 needs a title": "汇编需要标题",
    "those changes were already applied or discarded": "这些修改已应用或已放弃",
    "time": "用时",
    "title": "标题",
    "to fill": "待填写",
    "unknown Host header": "未知的 Host 请求头",
    "up": "上移",
    "up to date": "已是最新",
    "warnings": "有警告",
    "what stands in place of {x}": "替换 {x} 的内容",
    "write what stands in place of the placeholder, on one line": "请在一行内写出替换占位符的内容",
    "written": "已写入",
    "{count} file(s) written": "已写入 {count} 个文件",
    "汇编": "汇编",
    "讲话稿 and 汇编": "讲话稿与汇编",
    "讲话稿 workbench": "讲话稿工作台",
}

ZH_21B = {       # task 21b (the workbench: login token, comments, drag to arrange)
    "Open the workbench at the address it was started with: the one `build.py serve` printed, with "
    "?token= at its end; if it was started from the desktop menu, choose 讲话稿排版 there again.":
        "请用启动工作台时给出的地址打开：即 `build.py serve` 显示的、末尾带 ?token= 的地址；"
        "如果是从桌面菜单启动的，请在菜单中再点一次“讲话稿排版”。",
    "Reviewers' comments": "审阅批注",
    "Conflicts: changed both here and in the copy; today's text is kept":
        "冲突：此处今天的文件和修改稿都改过，保留了今天的文字",
    "the copy's text": "修改稿的文字",
    "today's text (kept)": "今天的文字（已保留）",
    "apply, taking the copy's text where they conflict": "应用，冲突处采用修改稿的文字",
    "there is no conflict to decide": "没有需要决定的冲突",
    "drag to move": "拖动可调整顺序",
    "serving {url} (this machine only; open this address, token included)":
        "工作台：{url}（仅限本机；请打开这个地址，连同其中的 token）",
}


ZH_23B = {       # task 23b (issue 23): ingest refuses what the build would refuse (handout/printable.py)
    "character {ch} ({name}) is in none of the fonts on this machine, in the paragraph “{paragraph}”: "
    "the build would refuse it; replace it, or install a font that has it":
        "段落“{paragraph}”中的字符 {ch}（{name}）本机所有字体都没有，生成时会被拒绝：请替换该字符，"
        "或安装含有它的字体",
}


# (comment heading the block in the .po, its table), in the order the .po holds them
BLOCKS = (("", ZH),
          ("task 21b (the workbench: login token, comments, drag to arrange)", ZH_21B),
          ("task 23b (issue 23): ingest refuses what the build would refuse (handout/printable.py)",
           ZH_23B),
          ("task 21a: ingest, docx_in, the build, the writers, watch (tools/i18n_zh_engine.py)",
           ZH_ENGINE))


def extracted_msgids() -> set[str]:
    """Every msgid of the sources, as Babel extracts them with babel.cfg."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg
    from handout.i18n import EXTRACT_KEYWORDS
    with open(ROOT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    return {message if isinstance(message, str) else message[0]
            for _file, _line, message, _comments, _context in extract_from_dir(
                ROOT, method_map, options_map, keywords=EXTRACT_KEYWORDS)}


def main() -> int:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po
    import datetime
    fixed = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)      # same bytes every run
    catalog = Catalog(locale="zh_CN", domain="messages", project="handout", version="0",
                      fuzzy=False, creation_date=fixed, revision_date=fixed,
                      header_comment="# Chinese messages of handout (written by tools/i18n_zh.py).",
                      last_translator="handout", language_team="handout",
                      msgid_bugs_address="-")
    msgids = extracted_msgids()
    placed: set[str] = set()
    for heading, table in BLOCKS:
        ids = sorted(msgids & set(table) - placed)
        for index, msgid in enumerate(ids):
            catalog.add(msgid, table[msgid],
                        user_comments=[heading] if heading and index == 0 else [])
        placed.update(ids)
    for msgid in sorted(msgids - placed):
        catalog.add(msgid, "")
    PO.parent.mkdir(parents=True, exist_ok=True)
    with open(PO, "wb") as out:
        write_po(out, catalog, omit_header=False, no_location=True, sort_output=False,
                 ignore_obsolete=True)
    missing = [m.id for m in catalog if m.id and not m.string]
    for msgid in missing:
        print(f"untranslated: {msgid!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
