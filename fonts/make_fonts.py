#!/usr/bin/env python3
"""Rebuild the free fonts in fonts/ from Debian packages and the shared Zhuque Fangsong.

    python fonts/make_fonts.py                # all six fonts + LICENSES/
    python fonts/make_fonts.py --only kaiti   # one role
    python fonts/make_fonts.py --check        # rebuild into a temp dir, compare sha256 with fonts/

Needs:  apt-get install fonts-noto-cjk fonts-noto-cjk-extra fonts-arphic-gkai00mp fonts-liberation2
        pip install fonttools   (4.68 used; reportlab only for the load check)

Why this script exists: reportlab's TTFont only reads TrueType (glyf) outlines, and rejects
the CFF-based Noto CJK collections ("postscript outlines are not supported"). So every font
is cut down to GB 2312 + ASCII + CJK punctuation (a few MB instead of 20+), and the Noto
faces are converted from cubic (CFF) to quadratic (glyf) curves. Subsetting first makes the
conversion fast (~7.5k glyphs instead of 65k).

The output is deterministic: the head timestamps of the source font are kept (fontTools
would otherwise stamp the current time), so two runs give byte-identical files.
"""

import argparse
import gzip
import hashlib
import os
import shutil
import sys
import tempfile
import time

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

# ---------------------------------------------------------------- sources (override on the CLI)
NOTO_DIR = "/usr/share/fonts/opentype/noto"                     # Debian fonts-noto-cjk(-extra)
KAI_TTF = "/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf"  # fonts-arphic-gkai00mp
ZHUQUE_DIR = "/work/shared/fonts"                               # ZhuqueFangsong-Regular.ttf + OFL
NOTO_COPYRIGHT = "/usr/share/doc/fonts-noto-cjk/copyright"
# The Latin face of the house style "digits and Latin letters in Times New Roman" (theme.yaml
# `latin: times`): Liberation Serif, metric-compatible with Times New Roman, from Debian's
# fonts-liberation2 (2.x, OFL 1.1; the 1.x of fonts-liberation is GPL). A subset is a Modified
# Version, which may not keep the Reserved Font Names "Liberation" and "Tinos": its family is
# "Handout Latin Serif", and fonts.conf sends Times New Roman to it.
LIBERATION_DIR = "/usr/share/fonts/truetype/liberation2"
LIBERATION_COPYRIGHT = "/usr/share/doc/fonts-liberation2/copyright"
ARPHIC_DOC = "/usr/share/doc/fonts-arphic-gkai00mp"
OUT_DIR = os.path.dirname(os.path.abspath(__file__))

# Date written into each font's name table as the "how and when modified" notice (the Arphic
# Public License requires one). A constant, not today's date, so rebuilds stay identical;
# change it when the recipe changes.
MODIFIED_ON = "2026-12-01"

# Cubic->quadratic tolerance in font units (1000/em): 1.0 is fontTools' otf2ttf default and
# invisible at print sizes.
CU2QU_MAX_ERR = 1.0

# Tables reportlab never reads. Layout (GSUB/GPOS...) and vertical metrics would only cost
# space; reportlab does no shaping and sets text horizontally.
DROP_TABLES = ["DSIG", "VORG", "BASE", "GDEF", "GPOS", "GSUB", "JSTF", "MATH",
               "vhea", "vmtx", "mort", "morx", "kern", "LTSH", "hdmx", "VDMX", "PCLT", "FFTM"]


# ---------------------------------------------------------------- character sets
def gb2312_chars():
    """Every character of GB 2312: decode each valid 2-byte code (rows A1-F7, cols A1-FE)."""
    chars = set()
    for row in range(0xA1, 0xF8):
        for col in range(0xA1, 0xFF):
            try:
                chars.add(bytes([row, col]).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # unassigned code (e.g. rows AA-AF, D7FA-D7FE)
    return {ord(c) for c in chars}


def gb2312_hanzi():
    """The 6,763 hanzi of GB 2312 (rows B0-F7), used to verify coverage."""
    out = set()
    for row in range(0xB0, 0xF8):
        for col in range(0xA1, 0xFF):
            try:
                out.add(ord(bytes([row, col]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return out


def gbk_hanzi():
    """The 20,902 hanzi of GBK: names such as 朱镕基, 王堃, 张喆 are GBK, not GB 2312."""
    out = set()
    for hi in range(0x81, 0xFF):
        for lo in range(0x40, 0xFF):
            try:
                ch = bytes([hi, lo]).decode("gbk")
            except UnicodeDecodeError:
                continue
            if len(ch) == 1 and 0x4E00 <= ord(ch) <= 0x9FFF:
                out.add(ord(ch))
    return out


def ranges(*spans):
    out = set()
    for lo, hi in spans:
        out.update(range(lo, hi + 1))
    return out


# Punctuation that Chinese text uses but Python's gb2312 codec maps elsewhere (it gives
# U+2015 for the dash, U+30FB for the middle dot), plus common symbols of speeches.
EXTRA = ranges(
    (0x0020, 0x007E),  # printable ASCII
    (0x00A0, 0x00A0), (0x00B7, 0x00B7), (0x00D7, 0x00D7), (0x00F7, 0x00F7),
    (0x2010, 0x2027),  # dashes, quotes, ellipsis
    (0x2030, 0x203B),  # per mille, primes, reference mark
    (0x2103, 0x2103), (0x2116, 0x2116),  # degree Celsius, numero
    (0x2160, 0x216B),  # Roman numerals
    (0x2460, 0x2473),  # circled numbers 1-20
    (0x2E3A, 0x2E3A),  # two-em dash
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF01, 0xFF5E),  # full-width forms
    (0xFFE0, 0xFFE5),  # full-width signs
)

# Page numbers only ("— 1 —"): ASCII, the dashes, middle dot, ellipsis, full-width digits.
PAGE_NUMBER_SET = ranges((0x0020, 0x007E), (0x2014, 0x2014), (0x2013, 0x2013),
                         (0x00B7, 0x00B7), (0x2026, 0x2026), (0xFF10, 0xFF19))

# The Latin face: ASCII (what the PDF sets in it), Latin-1 and Latin Extended-A (what Word's
# w:hAnsi slot and LibreOffice may set in it: é, ü, ā).
LATIN_SET = ranges((0x0020, 0x007E), (0x00A0, 0x017F))

CHECK_PUNCT = "，。、；：？！“”‘’（）《》—…·"
WIDTH_CHARS = "“”‘’—…，"


# ---------------------------------------------------------------- the five fonts
# The family name each output font gets. A subset is not the font it came from: under the
# upstream name it would shadow (or be shadowed by) the full font wherever both are installed
# (LibreOffice took the 109-glyph page-number subset for "Noto Serif CJK SC" and showed every
# title as boxes), and the OFL asks a Modified Version to be named apart from the original
# too. fonts.conf maps the official 公文 names to these.
FAMILIES = {
    "fangsong": "Handout Zhuque Fangsong",
    "heiti": "Handout Noto Sans SC Medium",
    "kaiti": "Handout AR PL KaitiM GB",
    "xiaobiaosong": "Handout Noto Serif SC Bold",
    "songti": "Handout Noto Serif SC Numerals",
    "times": "Handout Latin Serif",
}


def targets(args):
    """role -> (output file, source file, family to pick from a .ttc, char set, from CFF?)."""
    full = gb2312_chars() | EXTRA
    return {
        # The body face, and the first fallback for every other role: it keeps every GBK
        # hanzi Zhuque draws (about 11,000), so rare name characters never stop a build.
        "fangsong": ("ZhuqueFangsong-GB.ttf",
                     os.path.join(args.zhuque_dir, "ZhuqueFangsong-Regular.ttf"), None,
                     full | gbk_hanzi()),
        "heiti": ("NotoSansSC-Medium-GB.ttf",
                  os.path.join(args.noto_dir, "NotoSansCJK-Medium.ttc"), "Noto Sans CJK SC", full),
        "kaiti": ("ARPLKaitiMGB-GB.ttf", args.kai, None, full),
        "xiaobiaosong": ("NotoSerifSC-Bold-GB.ttf",
                         os.path.join(args.noto_dir, "NotoSerifCJK-Bold.ttc"),
                         "Noto Serif CJK SC", full),
        "songti": ("NotoSerifSC-Regular-Min.ttf",
                   os.path.join(args.noto_dir, "NotoSerifCJK-Regular.ttc"),
                   "Noto Serif CJK SC", PAGE_NUMBER_SET),
        "times": ("HandoutLatinSerif.ttf",
                  os.path.join(args.liberation_dir, "LiberationSerif-Regular.ttf"), None, LATIN_SET),
    }


# ---------------------------------------------------------------- steps
def open_font(path, family):
    """Open a font; in a .ttc pick the face whose (typographic) family is `family`.

    Checked by name rather than trusting index 2, since the face order of the Noto
    collections (JP, KR, SC, TC, HK) is a packaging detail.
    """
    number = 0
    if path.endswith(".ttc"):
        faces = TTCollection(path, lazy=True).fonts
        for number, face in enumerate(faces):
            name = face["name"]
            fam = name.getDebugName(16) or name.getDebugName(1)
            if fam == family:
                break
        else:
            sys.exit(f"{path}: no face named {family!r}")
    # recalcTimestamp=False: keep the source's head.modified instead of "now" (determinism).
    return TTFont(path, fontNumber=number, recalcTimestamp=False, lazy=False)


def subset_font(font, unicodes):
    """Keep only `unicodes` (whatever the font has) and drop what reportlab does not use."""
    opts = subset.Options()
    opts.layout_features = []          # reportlab does no shaping
    opts.name_IDs = ["*"]              # keep copyright/licence/version records
    opts.name_languages = ["*"]        # keep the Chinese family names too
    opts.notdef_outline = True         # a visible box for missing glyphs
    opts.recalc_bounds = True
    opts.hinting = False               # print use: hinting only costs space
    opts.glyph_names = True            # keep post names (handy when debugging)
    opts.drop_tables += [t for t in DROP_TABLES if t not in opts.drop_tables]
    sub = subset.Subsetter(options=opts)
    sub.populate(unicodes=unicodes)
    sub.subset(font)
    for tag in DROP_TABLES:            # subsetter keeps some of these if asked; be sure
        if tag in font:
            del font[tag]


def cff_to_glyf(font):
    """Convert CFF (cubic) outlines to glyf (quadratic), as fontTools' otf2ttf snippet does."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    quad = {}
    for name in order:
        tt_pen = TTGlyphPen(glyph_set)
        # reverse_direction: CFF contours run counter-clockwise, TrueType clockwise.
        glyph_set[name].draw(Cu2QuPen(tt_pen, CU2QU_MAX_ERR, reverse_direction=True))
        quad[name] = tt_pen.glyph()

    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = quad
    for tag in ("CFF ", "CFF2", "VORG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)  # sets each glyph's bounds

    # TrueType expects lsb == xMin; CFF fonts do not guarantee it.
    hmtx = font["hmtx"]
    for name, g in glyf.glyphs.items():
        if hasattr(g, "xMin"):
            hmtx[name] = (hmtx[name][0], g.xMin)

    # maxp 1.0 (TrueType) instead of 0.5 (CFF); no instructions, no twilight zone.
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions"):
        setattr(maxp, field, 0)
    maxp.maxComponentElements = max(
        (len(getattr(g, "components", []) or []) for g in glyf.glyphs.values()), default=0)
    font["maxp"] = maxp
    maxp.recalc(font)

    # post format 2 stores the glyph names (CFF kept them in the charset); 3 if they overflow.
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    try:
        post.compile(font)
    except OverflowError:
        post.formatType = 3.0

    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def add_notice(font, how):
    """Say in the font how and when it was changed (APL 2a; good manners under the OFL)."""
    name = font["name"]
    short = f"; {how} by fonts/make_fonts.py {MODIFIED_ON}"
    for rec in list(name.names):
        if rec.nameID == 5:
            name.setName(rec.toUnicode() + short, 5, rec.platformID, rec.platEncID, rec.langID)
    long = (f"Modified {MODIFIED_ON} by fonts/make_fonts.py: {how}. "
            "Outlines of the kept glyphs are the original's.")
    old = name.getName(10, 3, 1, 0x409)
    text = (old.toUnicode() + " | " + long) if old else long
    name.setName(text, 10, 3, 1, 0x409)


# Zhuque's quotes and middle dot are proportional (a third or half of an em). Chinese text
# sets them full width, and the PDF layout gives each a grid cell with the ink where GB/T
# 15834 puts it; Word and LibreOffice put a narrow glyph at the left of its cell, leaving a
# gap after an opening quote. So they get a full em with the ink placed as the layout
# places it: opening marks at the right (next to what they open), closing marks at the left,
# the middle dot centred. The outlines are unchanged, only moved.
FULL_WIDTH_MARKS = {"“": "right", "‘": "right", "”": "left", "’": "left", "·": "centre"}


def widen_marks(font, marks=FULL_WIDTH_MARKS):
    em = font["head"].unitsPerEm
    cmap, glyf, hmtx = font.getBestCmap(), font["glyf"], font["hmtx"]
    glyph_set = font.getGlyphSet()
    # outlines recorded (components resolved) before any is moved: “ is built from ‘
    outlines = {}
    for ch in marks:
        outlines[ch] = DecomposingRecordingPen(glyph_set)
        glyph_set[cmap[ord(ch)]].draw(outlines[ch])
    for ch, side in marks.items():
        name = cmap[ord(ch)]
        advance = hmtx[name][0]
        shift = {"left": 0, "right": em - advance, "centre": (em - advance) // 2}[side]
        pen = TTGlyphPen(None)
        outlines[ch].replay(TransformPen(pen, (1, 0, 0, 1, shift, 0)))
        glyf[name] = pen.glyph()
        glyf[name].recalcBounds(glyf)
        hmtx[name] = (em, glyf[name].xMin)


NAME_IDS_OF_THE_FAMILY = (1, 2, 3, 4, 6, 16, 17, 18, 21, 22)   # every name that says which font it is


def rename(font, family):
    """Give the font a family of its own (one face, style Regular): every record naming the
    original family, in any language, is replaced, so no program can match the old name."""
    name = font["name"]
    version = name.getDebugName(5).split(";")[0]
    postscript = family.replace(" ", "") + "-Regular"
    name.names = [rec for rec in name.names if rec.nameID not in NAME_IDS_OF_THE_FAMILY]
    for name_id, text in ((1, family), (2, "Regular"), (3, f"{version};{postscript}"),
                          (4, family), (6, postscript)):
        name.setName(text, name_id, 3, 1, 0x409)
    # one face: its style bits say Regular, whatever the weight (OS/2 usWeightClass keeps it)
    font["OS/2"].fsSelection = (font["OS/2"].fsSelection & ~0b100001) | 0b1000000
    font["head"].macStyle &= ~0b11


def save(font, path):
    font.recalcTimestamp = False
    font.save(path, reorderTables=True)


def build(role, out_name, src, family, unicodes, out_dir):
    t0 = time.perf_counter()
    font = open_font(src, family)
    is_cff = "CFF " in font
    n_src = len(font.getGlyphOrder())
    subset_font(font, unicodes)
    how = "subset to GB 2312 + ASCII + CJK punctuation, hinting and layout tables removed"
    if role == "fangsong":
        how = how.replace("GB 2312", "GB 2312 + the GBK hanzi it draws")
    if unicodes is PAGE_NUMBER_SET:
        how = "subset to ASCII, dashes and full-width digits, layout tables removed"
    if unicodes is LATIN_SET:
        how = "subset to ASCII, Latin-1 and Latin Extended-A, hinting and layout tables removed"
    if role == "fangsong":
        widen_marks(font)
        how += ", quotes and middle dot set full width"
    if is_cff:
        cff_to_glyf(font)
        how += ", CFF outlines converted to TrueType"
    how += f", renamed {FAMILIES[role]!r}"
    add_notice(font, how)
    rename(font, FAMILIES[role])
    path = os.path.join(out_dir, out_name)
    save(font, path)
    dt = time.perf_counter() - t0
    print(f"{role:13s} {out_name:30s} {os.path.getsize(path)/1e6:6.2f} MB  "
          f"{len(font.getGlyphOrder()):5d}/{n_src} glyphs  {'CFF->glyf  ' if is_cff else ''}"
          f"{dt:5.1f} s   <- {src}" + (f" [{family}]" if family else ""))
    return path


# ---------------------------------------------------------------- licences
OFL_NOTO_HEADER = """\
Noto Sans CJK / Noto Serif CJK (the NotoSansSC-*.ttf and NotoSerifSC-*.ttf files here are
subsets of them, converted to TrueType outlines and renamed "Handout Noto ..."; Modified
Versions under OFL 1.1).

Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'.
  (upstream LICENSE; the fonts' own name table says "(c) 2017-2022 Adobe (http://www.adobe.com/).")
Copyright 2010-2012, Google Corporation (as recorded in Debian's fonts-noto-cjk copyright file).
Noto is a trademark of Google Inc.
Upstream: https://github.com/googlefonts/noto-cjk

This Font Software is licensed under the SIL Open Font License, Version 1.1.
This license is copied below, and is also available with a FAQ at:
https://openfontlicense.org

"""


def ofl_text_from_debian(copyright_path, key="SIL-1.1"):
    """Cut the 'License: SIL-1.1' paragraph out of a Debian copyright file (DEP-5)."""
    lines = open(copyright_path, encoding="utf-8").read().splitlines()
    # The first "License: SIL-1.1" line belongs to the Files: stanza; the text follows the
    # stand-alone one, i.e. the one followed by indented lines.
    start = next(i for i, l in enumerate(lines[:-1])
                 if l.strip() == f"License: {key}" and lines[i + 1].startswith(" "))
    body = []
    for line in lines[start + 1:]:
        if not line.startswith(" "):
            break
        body.append("" if line.strip() == "." else line[1:])
    return "\n".join(body).rstrip() + "\n"


def write_liberation_license(args, lic):
    """Debian's copyright stanza (holders, Reserved Font Names) and the OFL text under it."""
    lines = open(args.liberation_copyright, encoding="utf-8").read().splitlines()
    start = lines.index("Copyright:") + 1
    holders = [line.strip() for line in lines[start:] if line.startswith(" ")][:2]
    with open(os.path.join(lic, "OFL-Liberation.txt"), "w", encoding="utf-8") as f:
        f.write("HandoutLatinSerif.ttf is a Modified Version of Liberation Serif Regular\n"
                "(Liberation Fonts 2.1.5, Debian's fonts-liberation2): subset to ASCII, Latin-1\n"
                "and Latin Extended-A, hinting and layout tables removed, and renamed\n"
                f"\"{FAMILIES['times']}\", as the Reserved Font Names below require\n"
                f"({MODIFIED_ON}, fonts/make_fonts.py). Glyph outlines and advances are unchanged.\n"
                "Upstream: https://github.com/liberationfonts\n\n" + "\n".join(holders) + "\n\n"
                + ofl_text_from_debian(args.liberation_copyright, "SIL-OFL-1.1"))


def write_licenses(args, out_dir):
    lic = os.path.join(out_dir, "LICENSES")
    os.makedirs(lic, exist_ok=True)
    write_liberation_license(args, lic)
    shutil.copyfile(os.path.join(args.zhuque_dir, "ZhuqueFangsong-OFL.txt"),
                    os.path.join(lic, "OFL-ZhuqueFangsong.txt"))
    with open(os.path.join(lic, "OFL-NotoCJK.txt"), "w", encoding="utf-8") as f:
        f.write(OFL_NOTO_HEADER + ofl_text_from_debian(args.noto_copyright))
    # The APL must travel unaltered, so it is copied byte for byte; the notice goes beside it.
    with gzip.open(os.path.join(args.arphic_doc, "license/english/ARPHICPL.TXT.gz")) as src, \
            open(os.path.join(lic, "ArphicPublicLicense.txt"), "wb") as dst:
        dst.write(src.read())
    debian = open(os.path.join(args.arphic_doc, "copyright"), encoding="utf-8").read()
    header = debian.split("Copyright:")[0].rstrip()
    with open(os.path.join(lic, "ArphicPublicLicense-NOTICE.txt"), "w", encoding="utf-8") as f:
        f.write(
            "ARPLKaitiMGB-GB.ttf is a modified version of \"AR PL KaitiM GB\" (gkai00mp.ttf,\n"
            "Version 2.11), (c) Copyright 1994-1999, Arphic Technology Co., Ltd.,\n"
            "distributed under the ARPHIC PUBLIC LICENSE (ArphicPublicLicense.txt, unaltered).\n\n"
            f"Modification ({MODIFIED_ON}, fonts/make_fonts.py, which reproduces it from the\n"
            "Debian package fonts-arphic-gkai00mp): subset to the GB 2312 character set plus\n"
            "ASCII and CJK punctuation; TrueType hinting instructions and the 'mort', 'vhea'\n"
            "and 'vmtx' tables removed; renamed \"" + FAMILIES["kaiti"] + "\" (a family name of\n"
            "its own, so it never stands in for the original). Glyph outlines are unchanged.\n"
            "The same notice is in the font's name table (IDs 5 and 10). The modified font\n"
            "is Freely Available under the same licence.\n\n"
            "From Debian's /usr/share/doc/fonts-arphic-gkai00mp/copyright:\n\n"
            + header + "\n\nCopyright: (C) 1999 Arphic Technology Co., Ltd.\n"
            "11Fl. No.168, Yung Chi Rd., Taipei, 110 Taiwan\n")


# ---------------------------------------------------------------- checks
def verify(paths):
    """reportlab must load each font; report coverage and the quote/dash widths in em."""
    from reportlab.pdfbase.ttfonts import TTFont as RLFont
    hanzi = gb2312_hanzi()
    print(f"\n{'file':30s} rl-load  GB2312 hanzi  punct   " + "  ".join(WIDTH_CHARS) + "  (em)")
    for role, path in paths.items():
        RLFont(role, path)  # raises on CFF / broken tables
        f = TTFont(path)
        cmap, upm, hmtx = f.getBestCmap(), f["head"].unitsPerEm, f["hmtx"]
        have = len(hanzi & cmap.keys())
        miss_p = [c for c in CHECK_PUNCT if ord(c) not in cmap]
        widths = ["%.2f" % (hmtx[cmap[ord(c)]][0] / upm) if ord(c) in cmap else " -- "
                  for c in WIDTH_CHARS]
        punct = "all" if not miss_p else "miss " + "".join(miss_p)
        if role in ("songti", "times"):
            punct = "n/a"  # page numbers only, Latin only, by design
        print(f"{os.path.basename(path):30s} ok     {have:5d}/{len(hanzi)}   "
              f"{punct:6s}  " + " ".join(widths))
        wanted = {"songti": PAGE_NUMBER_SET, "times": LATIN_SET}.get(role, gb2312_chars() | EXTRA)
        absent = sorted(wanted - cmap.keys())
        if absent:
            print(f"    asked for but not in the source ({len(absent)}): {spans(absent)}")


def spans(codes):
    """[0x41, 0x42, 0x43, 0x50] -> 'U+0041-0043 U+0050' (sorted input)."""
    out, start = [], codes[0]
    for prev, cur in zip(codes, codes[1:] + [None]):
        if cur != prev + 1 if cur is not None else True:
            out.append(f"U+{start:04X}" + (f"-{prev:04X}" if prev != start else ""))
            start = cur
    return " ".join(out)


def sha256(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--noto-dir", default=NOTO_DIR)
    ap.add_argument("--kai", default=KAI_TTF)
    ap.add_argument("--zhuque-dir", default=ZHUQUE_DIR)
    ap.add_argument("--noto-copyright", default=NOTO_COPYRIGHT)
    ap.add_argument("--arphic-doc", default=ARPHIC_DOC)
    ap.add_argument("--liberation-dir", default=LIBERATION_DIR)
    ap.add_argument("--liberation-copyright", default=LIBERATION_COPYRIGHT)
    ap.add_argument("--out", default=OUT_DIR, help="output folder (default: beside this script)")
    ap.add_argument("--only", action="append", help="role(s) to build, e.g. --only heiti")
    ap.add_argument("--check", action="store_true",
                    help="build into a temp folder and compare sha256 with --out")
    args = ap.parse_args()

    out = tempfile.mkdtemp(prefix="fonts-check-") if args.check else args.out
    t0 = time.perf_counter()
    built = {}
    for role, (name, src, family, chars) in targets(args).items():
        if args.only and role not in args.only:
            continue
        built[role] = build(role, name, src, family, chars, out)
    write_licenses(args, out)
    print(f"total {time.perf_counter() - t0:.1f} s")
    verify(built)

    print()
    same = True
    for path in built.values():
        digest = sha256(path)
        line = f"{digest}  {os.path.basename(path)}"
        if args.check:
            ref = os.path.join(args.out, os.path.basename(path))
            ok = os.path.exists(ref) and sha256(ref) == digest
            same &= ok
            line += "  " + ("identical" if ok else "DIFFERS from " + ref)
        print(line)
    if args.check:
        shutil.rmtree(out)
        sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
