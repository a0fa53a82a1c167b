"""Signals a line gives about itself: how much it reads like speech, how much like a site's
furniture. Each returns a reason (for the report) or None; the lexicon and thresholds are data
(lexicon.yaml), so a new site's habit is a word added there, not a rule for one page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

import yaml

from .normalize import is_han
from ..i18n import Msg

LEXICON_FILE = Path(__file__).with_name("lexicon.yaml")
SENTENCE_PUNCT = "。！？!?"
CLAUSE_PUNCT = "，,；;：:、"
INNER_SPACES = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
PUNCT_OR_SPACE = re.compile(r"[\s\W_]+")
# Words a title ends with: the kind of text (after any decoration is taken off)
KIND_WORDS = ("讲话", "发言", "致辞", "讲稿", "发言稿", "演讲稿", "讲话稿", "主持词", "结束语", "开幕词", "闭幕词",
              "欢迎词", "答谢词", "贺词", "祝酒词", "串词", "报告", "党课", "动员讲话", "总结讲话", "发言材料",
              "欢送词", "欢迎辞", "致辞稿", "演讲词", "祝词", "献词", "感言", "开场白", "主持稿", "讲话提纲")


@dataclass(frozen=True)
class Lexicon:
    strong: tuple[str, ...]
    weak: tuple[str, ...]
    meta_labels: tuple[str, ...]
    end_markers: tuple[str, ...]
    summary_labels: tuple[str, ...]
    editor_site_cues: tuple[str, ...]
    editor_cues: tuple[str, ...]
    inline: tuple[tuple[str, re.Pattern], ...]
    meta_tokens: re.Pattern
    fields: re.Pattern
    address: re.Pattern
    site_name: re.Pattern
    decorations: tuple[re.Pattern, ...]
    openings: tuple[re.Pattern, ...]
    limits: dict


@lru_cache(maxsize=None)
def load_lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    longest_first = lambda words: tuple(sorted(words, key=len, reverse=True))
    inline = tuple((i["reason"], re.compile(i["pattern"])) for i in data["inline"])
    labels = "|".join(map(re.escape, longest_first(data["meta_labels"])))
    tokens = "|".join(data["meta_tokens"] + [f"(?:{labels})\\s*[:：]?"])
    return Lexicon(
        strong=longest_first(data["strong_words"]), weak=longest_first(data["weak_words"]),
        meta_labels=longest_first(data["meta_labels"]), end_markers=tuple(data["end_markers"]),
        summary_labels=tuple(data["summary_labels"]),
        editor_site_cues=tuple(data["editor_site_cues"]), editor_cues=tuple(data["editor_cues"]),
        inline=inline, meta_tokens=re.compile(tokens),
        fields=re.compile(f"(?:^|[\\s|｜（(【\\[])(?:{labels})\\s*[:：|｜]"),  # 作者：… or 作者 | …
        address=dict(inline)["web address"],
        site_name=re.compile(data["site_name"]),
        decorations=tuple(re.compile(p) for p in data["title_decorations"]),
        openings=tuple(re.compile(p) for p in data["occasion_from_opening"]),
        limits=dict(data["thresholds"]))


def han_count(text: str) -> int:
    return sum(is_han(ch) for ch in text)


def _hits(text: str, words: tuple[str, ...]) -> tuple[list[str], str]:
    """The words found (longest first, each span counted once) and the text without them."""
    found = []
    for word in words:
        if word in text:
            found.append(word)
            text = text.replace(word, " ")
    return found, text


def furniture_reason(text: str, lex: Lexicon) -> str | None:
    """Why a whole line is the site's (lexicon words, info tokens), or None."""
    limits = lex.limits
    raw, text = text, INNER_SPACES.sub("", text)          # 密   码： is 密码：
    strong, rest = _hits(text, lex.strong)
    weak, rest = _hits(lex.meta_tokens.sub(" ", rest), lex.weak)
    addresses = len(lex.address.findall(text))
    score = (limits["strong_score"] * len(strong) + limits["weak_score"] * len(weak)
             + limits["address_score"] * addresses)
    han = han_count(text)
    # a sentence of speech may name one such thing (客服、下载): a sentence needs two
    needed = 2 if _ends_sentence(text) and han >= limits["short_sentence_min_han"] else 1
    if len(strong) >= needed and score >= max(limits["strong_score"], han / limits["han_per_point"]):
        return Msg("site furniture ({words})", words="、".join(strong + weak))
    left = han_count(rest)
    if weak and left <= limits["weak_residual_han_max"] and not _ends_sentence(text) \
            and left * 2 < han:
        return Msg("site chrome ({words})", words="、".join(weak))
    if left <= limits["residual_han_max"] and not _ends_sentence(text):
        if not han or lex.meta_tokens.search(text):
            return Msg("info line (date, counts, labels)") if han else Msg("no Chinese text (markup, numbers)")
    return _field_line(text, lex) or _menu_line(raw, lex)


def _field_line(text: str, lex: Lexicon) -> str | None:
    """时间：… 来源：… 浏览：… (or one 责编：… on a short line): the article's info line."""
    fields = len(lex.fields.findall(text))
    short = han_count(text) <= lex.limits["field_line_max_han"] and not _ends_sentence(text)
    leads = lex.fields.match(text) or lex.meta_tokens.match(text)      # 2023年03月02日 | 来源：…
    if fields >= lex.limits["field_min_labels"] or (fields and short and leads):
        return Msg("info line (label: value fields)")
    return None


def _menu_line(text: str, lex: Lexicon) -> str | None:
    """首页  政务公开  政务服务 …: short items side by side with no punctuation of speech."""
    if any(ch in text for ch in SENTENCE_PUNCT + "，,；;、"):
        return None
    items = [item for item in re.split(r"[\s|｜/]+", text) if item]
    limit = lex.limits["menu_item_max_han"]
    # one item a link word (首页, 文档, 原创): a spaced slogan of the speech (时间紧 任务重 …) has none
    links = set(lex.weak + lex.strong)
    if len(items) >= lex.limits["menu_min_items"] and all(han_count(i) <= limit for i in items) \
            and links.intersection(items):
        return Msg("menu (a row of short links)")
    return None


def _ends_sentence(text: str) -> bool:
    return text.rstrip()[-1:] in SENTENCE_PUNCT


def is_end_marker(text: str, lex: Lexicon) -> bool:
    """The line that ends the speech's preview on a document site (预览结束, 相关文章 …)."""
    # a sentence of speech may name one (我推荐阅读……。): the marker stands in a line that is not one
    return any(marker in text for marker in lex.end_markers) and han_count(text) <= 30 \
        and not _ends_sentence(text)


def summary_label(text: str, lex: Lexicon) -> str | None:
    """内容摘要：/导语：… near the start of a line: the site's summary of the text."""
    head = text[:40]
    for label in lex.summary_labels:
        at = head.find(label)
        after = head[at + len(label):at + len(label) + 1]
        # 内容摘要：… anywhere near the start; 摘要 ——… (a space after it) only opening the line
        if at >= 0 and (after in (":", "：", "】", "]") or (at == 0 and after in (" ", "\u3000"))):
            return label
    return None


def editor_sentences(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Spans of the sentences in which the site speaks (下面是小编整理的……供大家参考)."""
    spans = []
    for match in re.finditer(r"[^。！？!?]+[。！？!?]*", text):
        sentence = match.group()
        if not any(cue in sentence for cue in lex.editor_site_cues):
            continue
        cues = sum(cue in sentence for cue in lex.editor_cues + lex.editor_site_cues)
        if cues >= lex.limits["editor_min_cues"]:
            spans.append(match.span())
    return spans


def is_sentence_like(text: str, lex: Lexicon) -> bool:
    """Reads like a sentence of speech: enough Chinese, with the punctuation of running text."""
    return (han_count(text) >= lex.limits["sentence_min_han"]
            and any(ch in text for ch in SENTENCE_PUNCT + CLAUSE_PUNCT))


def is_title_shaped(text: str, lex: Lexicon) -> bool:
    """A heading line, not running text: short, no sentence or clause punctuation."""
    return (4 <= han_count(text) and len(text) <= lex.limits["title_max_chars"]
            and not any(ch in text for ch in "。！？!?，,；;")
            and not text.endswith(("、", "：", ":")))


def ends_with_kind(text: str) -> bool:
    return text.endswith(KIND_WORDS)


def similarity(a: str, b: str) -> float:
    a, b = PUNCT_OR_SPACE.sub("", a), PUNCT_OR_SPACE.sub("", b)
    return SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def squeeze(text: str) -> str:
    """The text without spaces, for comparing lines that a site repeats."""
    return re.sub(r"\s+", "", text)
