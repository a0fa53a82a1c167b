"""Messages for people, in Chinese or English: gettext catalogs kept as Babel .po files.

The messages are written in English in the code (the msgids); `handout/locale/zh_CN/
LC_MESSAGES/messages.po` holds their Chinese. The .po file is read when first needed and
compiled in memory (Babel's read_po + write_mo, a few milliseconds), so a fresh clone works
without a compile step and there is no .mo file to fall out of step with its .po.

How a message is written (tests/test_i18n.py checks the first three):
- text for a person made on the spot (a warning, a console line): `_("… {n} …").format(n=…)`
  where it is made, in the terminal's language;
- an error: `UserError("… {n} …", path, line, n=…)`; the msgid is kept and translated where
  the error becomes text (`str()` in the terminal's language, `.localized()` in the page's);
- text the code still reads after it is made (ingest's reasons for a dropped or repaired
  line, which later steps match): `Msg("… {n} …", n=…)`, an English str that keeps its
  msgid, shown through `localize()` by the report that prints it. Reasons that live in
  ingest's YAML rules are msgids as they stand (extracted by `extract_yaml_reasons`).
Never an f-string as a msgid: the catalog could not hold it.

Which language: the CLI follows LANGUAGE / LC_ALL / LC_MESSAGES / LANG as gettext does;
the served page follows the browser's Accept-Language. Anything not Chinese is English.
"""

from __future__ import annotations

import functools
import gettext
import io
import os
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
CHINESE = "zh_CN"
ENGLISH = "en"
LANGUAGES = (CHINESE, ENGLISH)


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalog of `language` (zh_CN or en); English is the msgids themselves."""
    if language != CHINESE:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    with open(LOCALE_DIR / CHINESE / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as po:
        catalog = read_po(po, locale=CHINESE)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def language_of_environment(environ=os.environ) -> str:
    """The CLI's language, from the variables gettext reads, in gettext's order."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable)
        if value:
            return CHINESE if _is_chinese(value.split(":")[0]) else ENGLISH
    return ENGLISH


def language_of_request(accept_language: str | None) -> str:
    """The page's language from an Accept-Language header (q-values honoured): the first
    language the browser prefers that we have; zh, zh-CN, zh-Hans, zh-SG… are Chinese."""
    choices = []
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and quality > 0:
            choices.append((-quality, index, tag.strip()))
    for _quality, _index, tag in sorted(choices):
        if _is_chinese(tag):
            return CHINESE
        if tag.lower().startswith("en") or tag == "*":
            return ENGLISH
    return ENGLISH


def _is_chinese(tag: str) -> bool:
    return tag.replace("-", "_").lower().split("_")[0].split(".")[0] == "zh"


def cli_gettext(message: str) -> str:
    """A message in the language of the terminal's locale."""
    return translations(language_of_environment()).gettext(message)


_ = cli_gettext


def N_(message: str) -> str:
    """Marks a msgid for extraction where it is translated later (UserError.localized)."""
    return message


class Msg(str):
    """An English message (its msgid filled with `values`) that remembers its msgid, so the
    code can go on reading it as text and a report can show it translated (`localize`)."""

    def __new__(cls, msgid: str, **values):
        self = super().__new__(cls, msgid.format(**values) if values else msgid)
        self.msgid, self.values = msgid, values
        return self

    def __reduce__(self):                      # pickled into and out of worker processes
        return (_msg, (self.msgid, self.values))


def _msg(msgid: str, values: dict) -> Msg:
    return Msg(msgid, **values)


def localize(text: str, gettext=cli_gettext) -> str:
    """A Msg (or a plain msgid, such as a reason from ingest's rules) in `gettext`'s
    language; values that are Msgs themselves are translated too, other values stay."""
    values = {k: localize(v, gettext) if isinstance(v, Msg) else v
              for k, v in getattr(text, "values", {}).items()}
    translated = gettext(getattr(text, "msgid", text))
    return translated.format(**values) if values else translated


def read_message(msgid: str, text: str) -> dict | None:
    """The values of `msgid` as filled in to make `text`, in any language of the catalogs
    (for text written earlier in a language not known now, such as an ingest report read
    back); None when `text` is not that message."""
    for pattern in _patterns(msgid):
        match = pattern.fullmatch(text)
        if match:
            return match.groupdict()
    return None


@functools.cache
def _patterns(msgid: str) -> list:
    import re
    import string
    forms = []
    for language in LANGUAGES:
        parts = []
        for literal, field, _spec, _conversion in string.Formatter().parse(
                translations(language).gettext(msgid)):
            parts.append(re.escape(literal))
            if field:
                parts.append(f"(?P<{field}>.*?)")
        forms.append("".join(parts))
    return [re.compile(form, re.S) for form in dict.fromkeys(forms)]


# What Babel extracts as msgids (tools/i18n_zh.py and the test use the same): gettext's
# names, the first argument of UserError and Msg, the second of the theme checker's fail.
# A msgid is one literal: `UserError("a" if x else "b")` would be read as "ab" (use N_).
EXTRACT_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None,
                    "UserError": None, "Msg": None, "fail": (2,)}       # fail: theme.py's checker


def extract_yaml_reasons(fileobj, keywords, comment_tags, options):
    """Babel extraction method for ingest's YAML rules: every `reason:` is a msgid."""
    import yaml
    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "reason" and isinstance(value, str):
                    yield value
                else:
                    yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)
    for reason in walk(yaml.safe_load(fileobj)):
        yield 0, None, reason, []
