"""Messages for people, in Chinese or English: gettext catalogs kept as Babel .po files.

The messages are written in English in the code (the msgids); `handout/locale/zh_CN/
LC_MESSAGES/messages.po` holds their Chinese. The .po file is read when first needed and
compiled in memory (Babel's read_po + write_mo, a few milliseconds), so a fresh clone works
without a compile step and there is no .mo file to fall out of step with its .po.

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
