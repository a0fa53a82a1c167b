"""Each kind of site furniture in patterns.yaml, with a line it must catch and one it must not."""

import pytest

from handout.ingest.rules import chinese_number, chinese_numeral, load_rules

RULES = load_rules()


@pytest.mark.parametrize("line, reason", [
    ("在全市组工干部业务培训示范班上的交流发言3篇", "page title"),
    ("2022年党课讲稿范文(精选)", "page title"),
    ("推荐访问:班上 业务培训 示范", "keyword list"),
    ("相关推荐：在全市……上的讲话", "keyword list"),
    ("手机版 | 电脑版", "site navigation"),
    ("您的当前位置：首页 > 讲话稿 > 领导讲话", "breadcrumb"),
    ("首页 > 范文大全 > 讲话稿", "breadcrumb"),
    ("来源：众鑫文档网 时间：2022-10-01 点击：1024", "article info"),
    ("上一篇：在……上的讲话", "previous/next link"),
    ("以上就是小编整理的讲话稿，供大家参考。", "site note"),
    ("供大家参考", "site note"),
    ("Copyright © 2022 众鑫文档网 版权所有", "copyright"),
])
def test_furniture_is_recognised(line, reason):
    assert RULES.boilerplate_reason(line) == reason


@pytest.mark.parametrize("line", [
    "同志们：",
    "一、办班为什么",
    "以上意见，请大家认真抓好落实。",
    "时间紧、任务重，大家要抓紧。",
    "首先，我代表市委向大家表示感谢。",
    "我们要为基层补充新鲜血液，供基层选用。",
])
def test_speech_lines_are_not_furniture(line):
    assert RULES.boilerplate_reason(line) is None
    assert RULES.separator(line) is None


@pytest.mark.parametrize("line, title", [
    ("在全市组工干部业务培训示范班上的交流发言篇1", None),
    ("【篇1】在全市组织工作会议上的讲话", "在全市组织工作会议上的讲话"),
    ("篇二：在党校开学典礼上的讲话", "在党校开学典礼上的讲话"),
    ("第3篇 在表彰大会上的致辞", "在表彰大会上的致辞"),
])
def test_separators_split_a_page_and_may_carry_the_title(line, title):
    match = RULES.separator(line)
    assert match and (match.groupdict().get("title") or None) == title


def test_the_editor_line_names_the_speech_and_follows_a_teaser():
    line = ("有的是由于家庭原因需要进城,可以理解。下面是众鑫文档网小编给大家带来的市委书记在"
            "2022年全市组工干部培训班开班仪式上的演讲材料,希望大家喜欢。")
    match = RULES.editor.search(line)
    assert match["what"] == "市委书记在2022年全市组工干部培训班开班仪式上的演讲材料"
    assert line[:match.start()] == "有的是由于家庭原因需要进城,可以理解。"
    assert RULES.editor.search("下面是小编为您推荐领导干部在工作会议讲话材料。")["what"] \
        == "领导干部在工作会议讲话材料"


@pytest.mark.parametrize("line, family", [
    ("一、办班为什么", 0), ("（一）加强学习", 1), ("(二)改进作风", 1), ("第一，把事业当家业", 2),
    ("第一句话：正确认识……", 2), ("1、人员变化快。", 3), ("2.工作标准高", 3), ("（1）看态度", 4),
    ("2022年的工作", None), ("3.5亿元", None), ("同志们：", None),
])
def test_heading_families(line, family):
    assert RULES.heading_family(line) == family


def test_chinese_numbers_round_trip():
    assert [chinese_number(n) for n in ("一", "九", "十", "十二", "二十", "二十三")] == [1, 9, 10, 12, 20, 23]
    assert all(chinese_number(chinese_numeral(n)) == n for n in range(1, 100))
