#!/usr/bin/env bash
# One-command set-up on a fresh Debian/Ubuntu machine (or any machine with Python >= 3.11):
#   bash setup.sh
# Installs the handout package with its test tools, and the programs the tests drive
# when they are missing: LibreOffice opens our DOCX (python3-uno drives it), poppler renders
# PDFs, Chromium shows ingest's review pages and `build.py serve`.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v soffice   >/dev/null || need_apt+=(libreoffice-writer)
command -v pdftoppm  >/dev/null || need_apt+=(poppler-utils)
command -v qpdf      >/dev/null || need_apt+=(qpdf)            # checks the PDFs' syntax in the tests
command -v fc-list   >/dev/null || need_apt+=(fontconfig)
command -v chromium  >/dev/null || need_apt+=(chromium)
command -v npm       >/dev/null || need_apt+=(nodejs npm)
# the system python3's uno module: tests drive LibreOffice through it (TOC update, edits)
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import uno" 2>/dev/null || need_apt+=(python3-uno)
# a desktop's usual CJK fonts: the LibreOffice checks then run beside them, as a user's would
fc-list 2>/dev/null | grep -q "Noto Serif CJK SC" || need_apt+=(fonts-noto-cjk)
# free faces with every CJK ideograph (URO, Extensions A-F) in TrueType: rare name characters
# fall back to them (handout/fonts.py, tests/writers/test_rare_characters.py)
fc-list 2>/dev/null | grep -q "HanaMinB" || need_apt+=(fonts-hanazono)
fc-list 2>/dev/null | grep -q "BabelStoneHan" || need_apt+=(fonts-babelstone-han)
if [ ${#need_apt[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  elif command -v apt-get >/dev/null && command -v sudo >/dev/null; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "setup: please install ${need_apt[*]} (the DOCX/PDF checks in the tests use them)" >&2
  fi
fi

python -m pip install -q --disable-pip-version-check -e ".[test]"
# pip compiles every installed package to bytecode, but not an editable project's own code;
# compile it once here, so that a build does not recompile handout/ on every run where
# PYTHONDONTWRITEBYTECODE is set (30 ms of a 100 ms no-op build, bench/README.md)
python -m compileall -q handout
# ofd.js, an independent OFD renderer, and docx-preview, the DOCX previewer of web office systems,
# both run by the tests in Chromium (tests/writers/test_ofd_render.py, test_docx_preview.py)
if command -v npm >/dev/null; then
  npm ci --prefix tests/writers/ofdjs --ignore-scripts --no-audit --no-fund --silent
  npm ci --prefix tests/writers/docxpreview --ignore-scripts --no-audit --no-fund --silent
fi
echo "setup: done. Build with: python build.py    Test with: python -m pytest"
