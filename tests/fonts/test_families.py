"""The shipped fonts have family names of their own, and fonts/fonts.conf sends each official
公文 name to the shipped font of its role, also on a machine with Debian's fonts-noto-cjk
(whose "Noto Serif CJK SC" the page-number subset used to shadow). Read back with fontTools
and fontconfig's own fc-match/fc-list, not with our code."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from lxml import etree

from handout.theme import load_theme
from tests.conftest import ROOT

FONTS = ROOT / "fonts"
THEME = load_theme(ROOT / "templates" / "theme.yaml")
SHIPPED = sorted(FONTS.glob("*.ttf"))
NAMING = (1, 4, 6, 16)      # family, full name, PostScript name, typographic family


def names(path: Path) -> set[str]:
    table = TTFont(path, lazy=True)["name"]
    return {rec.toUnicode() for rec in table.names if rec.nameID in NAMING}


def family(path: Path) -> str:
    return TTFont(path, lazy=True)["name"].getDebugName(1)


def fontconfig(*args: str, config: Path | None = None) -> str:
    tool = shutil.which(args[0])
    if tool is None:
        pytest.skip(f"{args[0]} is not on PATH; CI installs fontconfig")
    env = {k: v for k, v in os.environ.items() if k != "FONTCONFIG_FILE"}
    if config:
        env["FONTCONFIG_FILE"] = str(config)
    return subprocess.run([tool, *args[1:]], capture_output=True, text=True, check=True,
                          env=env, timeout=60).stdout


def test_every_shipped_font_has_a_family_of_its_own():
    assert len(SHIPPED) == len(THEME.fonts)
    families = [family(p) for p in SHIPPED]
    assert len(set(families)) == len(families)
    for path in SHIPPED:
        assert family(path).startswith("Handout "), path.name
        # no record, in any language, still carries an upstream name
        assert all(n.replace(" ", "").startswith("Handout") for n in names(path)), names(path)


def test_no_installed_font_shares_a_shipped_family():
    """fc-list with the system's configuration only (not fonts.conf): what a desktop has."""
    installed = set()
    for line in fontconfig("fc-list", "--format", "%{family}\n").splitlines():
        installed.update(f.strip().replace(" ", "").lower() for f in line.split(","))
    for path in SHIPPED:
        assert family(path).replace(" ", "").lower() not in installed, path.name


RARE_FACES = {"HanaMinA", "HanaMinB", "BabelStone Han"}   # for rare ideographs, where installed


def test_fonts_conf_accepts_only_shipped_families():
    """Every official name goes to a shipped family first; only after it (宋体) or for
    SimSun-ExtB, which the DOCX names for rare ideographs, to the free full-coverage faces."""
    conf = etree.parse(str(FONTS / "fonts.conf"))
    accepted = {f.text for f in conf.iterfind("alias/accept/family")}
    assert accepted - RARE_FACES == {family(p) for p in SHIPPED}
    for alias in conf.iterfind("alias"):
        first = alias.find("accept/family").text
        assert first in {family(p) for p in SHIPPED} or alias.findtext("family") == "SimSun-ExtB", first


def test_fc_match_gives_each_official_name_its_roles_shipped_file():
    official = {role.docx for role in THEME.fonts.values()}
    for role in THEME.fonts.values():
        shipped = role.files[-1]                  # the free font comes last in each list
        # an alternative that is another role's official name (宋体 for 小标宋) is that role's
        for name in {role.docx, role.docx_alt} - (official - {role.docx}):
            found = fontconfig("fc-match", "--format", "%{file}", name, config=FONTS / "fonts.conf")
            assert Path(found).name == shipped, (name, found)


def test_body_face_sets_quotes_full_width_with_the_ink_on_the_side_of_what_they_mark():
    font = TTFont(FONTS / THEME.fonts["fangsong"].files[-1])
    cmap, glyf, hmtx, em = font.getBestCmap(), font["glyf"], font["hmtx"], font["head"].unitsPerEm
    for ch in "“‘”’·":
        glyph = glyf[cmap[ord(ch)]]
        assert hmtx[cmap[ord(ch)]][0] == em, ch
        centre = (glyph.xMin + glyph.xMax) / 2 / em
        side = "right" if ch in "“‘" else "left" if ch in "”’" else "centre"
        assert {"right": centre > 0.7, "left": centre < 0.3, "centre": 0.45 < centre < 0.55}[side], (ch, centre)
