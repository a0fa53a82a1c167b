#!/usr/bin/env bash
# The Debian packages a task needs, each with the check that shows it is already there, and
# the installation of the missing ones: as root (CI, a fresh machine) with apt-get, else
# through sudo, else a line saying what to install. Nothing is fetched when nothing is missing.
#   bash tools/apt-needs.sh test      # what `make test` needs
#   bash tools/apt-needs.sh deb       # what `make deb` needs
# A new package is one line of a table below: the package(s), then a shell check. The checks
# look for the program, not the package, so a machine with another vendor's build of it (a
# nodesource nodejs, which bundles npm and conflicts with Debian's npm) is left alone.
set -euo pipefail

test_table() {
cat <<'TABLE'
libreoffice-writer  command -v soffice                         # opens our DOCX in the tests
python3-uno         /usr/bin/python3 -c "import uno"           # the system python3 drives LibreOffice (TOC update, edits)
poppler-utils       command -v pdftoppm                        # renders and inspects PDFs
qpdf                command -v qpdf                            # checks the PDFs' syntax
fontconfig          command -v fc-list
fonts-noto-cjk      fc-list | grep -q "Noto Serif CJK SC"      # a desktop's usual CJK fonts beside ours
fonts-hanazono      fc-list | grep -q "HanaMinB"               # every CJK ideograph (URO, Ext. A-F) in TrueType: rare
fonts-babelstone-han fc-list | grep -q "BabelStoneHan"         #   characters fall back to them (test_rare_characters.py)
chromium            command -v chromium                        # review pages, the serve page, ofd.js (Playwright)
nodejs,npm          command -v npm                             # ofd.js (npm ci in tests/writers/ofdjs)
TABLE
}

deb_table() {
cat <<'TABLE'
binutils            command -v objdump                         # PyInstaller reads the libraries' dependencies
dpkg-dev            command -v dpkg-shlibdeps                  # the .deb's Depends: from its binaries
lintian             command -v lintian                         # checks the .deb
patchelf            command -v patchelf                        # drops the build machine's RUNPATHs from the binaries
debootstrap         test -x /usr/sbin/debootstrap                 # the bullseye chroot the bundle is frozen in (glibc 2.31: packaging/deb/oldroot.sh)
TABLE
}

table=${1:?"usage: apt-needs.sh test|deb"}_table
need=()
while read -r packages check; do
  [ -n "$packages" ] || continue
  bash -c "$check" >/dev/null 2>&1 || need+=(${packages//,/ })
done < <("$table")
[ ${#need[@]} -gt 0 ] || exit 0

export DEBIAN_FRONTEND=noninteractive
install=(apt-get install -y -qq --no-install-recommends "${need[@]}")
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "apt-get install ${need[*]}"
  apt-get update -qq && "${install[@]}" >/dev/null
elif command -v apt-get >/dev/null && command -v sudo >/dev/null; then
  echo "sudo apt-get install ${need[*]}"
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive "${install[@]}" >/dev/null
else
  echo "please install: ${need[*]} (Debian/Ubuntu package names)" >&2
  exit 1
fi
