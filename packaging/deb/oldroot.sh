#!/usr/bin/env bash
# An older Debian userland to freeze handout in, so the .deb runs on older desktops.
#
# A PyInstaller bundle carries the build machine's libpython and libraries, which reference
# the glibc they were linked against; they run on that glibc and newer only. UOS 20 (Debian 10
# base, glibc 2.28) and Kylin V10 (Ubuntu 20.04 base, glibc 2.31) are older than this
# machine's Debian 12 (2.36). Debian's mirror still serves bullseye (Debian 11, glibc 2.31),
# not buster, so the bundle is built in a bullseye chroot, with a Python 3.11 compiled there
# from Debian's own source package (bullseye has 3.9; handout needs >= 3.11), without the
# symbol versions glibc 2.29 and 2.30 added (glibc-2.28.h): every binary then needs 2.28.
#
#   bash packaging/deb/oldroot.sh prepare        # make (or update) the chroot; quick when cached
#   bash packaging/deb/oldroot.sh ready          # exit 0 if the chroot and its Python are there
#   bash packaging/deb/oldroot.sh run CMD…       # CMD in the chroot, this repository at /src
#   bash packaging/deb/oldroot.sh path           # where the chroot is
#
# Cached under $HANDOUT_OLDROOT (/var/cache/handout-deb/bullseye): debootstrap (~3 min), the
# Python build (6-10 min on two busy cores), the venv with handout's dependencies and PyInstaller (rebuilt when
# pyproject.toml changes). Needs root (debootstrap, chroot) and debootstrap itself
# (tools/apt-needs.sh deb). Mounts live in a private mount namespace (unshare -m), so none
# outlives the command.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
OLDROOT=${HANDOUT_OLDROOT:-/var/cache/handout-deb/bullseye}
SUITE=bullseye
MIRROR=http://deb.debian.org/debian
PYSOURCE=python3.11                       # Debian 12's source package: upstream 3.11.2
PYTHON=/opt/python/bin/python3.11         # inside the chroot
PYBUILD="3.11.2 glibc-2.28"               # a new recipe below: change this, and Python is rebuilt
VENV=/opt/venv                            # inside the chroot: handout's dependencies + PyInstaller
# what the Python build and the dependencies' sdists need; binutils for PyInstaller (objdump)
PACKAGES=build-essential,pkg-config,libssl-dev,zlib1g-dev,libffi-dev,libbz2-dev,liblzma-dev,libsqlite3-dev,uuid-dev,ca-certificates,xz-utils,binutils

# /proc, and /dev/shm as tmpfs: without it glibc's sem_open fails, Python's configure finds no
# POSIX semaphores and multiprocessing (the build's parallel jobs) has no locks
in_root() {   # in_root [--repo] CMD…: CMD in the chroot (the repository bound at /src with --repo)
  local bind=""
  if [ "$1" = --repo ]; then shift; bind="mkdir -p '$OLDROOT/src' && mount --bind '$REPO' '$OLDROOT/src' &&"; fi
  # this machine's name servers and trusted certificates (a proxy's own CA included), for pip
  cp /etc/resolv.conf "$OLDROOT/etc/resolv.conf"
  [ ! -f /etc/ssl/certs/ca-certificates.crt ] || cp /etc/ssl/certs/ca-certificates.crt "$OLDROOT/etc/ssl/certs/"
  unshare --mount --propagation private -- sh -c \
    "$bind mount -t proc proc '$OLDROOT/proc' && mount -t tmpfs shm '$OLDROOT/dev/shm' &&
     exec chroot '$OLDROOT' \"\$@\"" sh \
    env -i HOME=/root LANG=C.UTF-8 PATH=/opt/python/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
    ${SOURCE_DATE_EPOCH:+SOURCE_DATE_EPOCH="$SOURCE_DATE_EPOCH"} "$@"
}

userland() {
  [ -f "$OLDROOT/.debootstrapped" ] && return
  echo "oldroot: debootstrap $SUITE into $OLDROOT"
  rm -rf "$OLDROOT.part"
  mkdir -p "$(dirname "$OLDROOT")"
  debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$OLDROOT.part" "$MIRROR" >/dev/null
  rm -rf "$OLDROOT"; mv "$OLDROOT.part" "$OLDROOT"
  touch "$OLDROOT/.debootstrapped"
}

build_python() {
  [ "$(cat "$OLDROOT/opt/python/.build" 2>/dev/null)" = "$PYBUILD" ] && return
  echo "oldroot: building Python from Debian's $PYSOURCE source package"
  echo "deb-src $MIRROR bookworm main" > "$OLDROOT/etc/apt/sources.list.d/bookworm-src.list"
  rm -rf "$OLDROOT/opt/python" "$OLDROOT$VENV" "$OLDROOT/tmp/python"
  mkdir "$OLDROOT/tmp/python"
  cp "$REPO/packaging/deb/glibc-2.28.h" "$OLDROOT/tmp/python/"
  # upstream's tarball, without Debian's patches (they lay Python out Debian's way: dist-packages);
  # shared libpython, as PyInstaller wants it; no PGO (minutes more for a speed we do not need);
  # no glibc 2.29+ symbol versions (glibc-2.28.h; CFLAGS_NODIST: Python's own files only)
  in_root sh -euc "
    apt-get update -qq
    cd /tmp/python
    apt-get source --download-only -qq $PYSOURCE 2>/dev/null
    tar xf ${PYSOURCE}_*.orig.tar.* && cd Python-*/
    ./configure -q --prefix=/opt/python --enable-shared --disable-test-modules \
      LDFLAGS=-Wl,-rpath,/opt/python/lib CFLAGS_NODIST='-include /tmp/python/glibc-2.28.h' \
      ac_cv_func_sem_clockwait=no
    make -j\$(nproc) > /tmp/python-build.log 2>&1 && make altinstall >> /tmp/python-build.log 2>&1 ||
      { tail -30 /tmp/python-build.log; exit 1; }
    cd / && rm -rf /tmp/python"
  [ -x "$OLDROOT$PYTHON" ] || { echo "oldroot: the Python build failed" >&2; exit 1; }
  echo "$PYBUILD" > "$OLDROOT/opt/python/.build"
}

venv() {   # handout's runtime dependencies and PyInstaller, as pyproject.toml names them
  local want; want=$(sha256sum "$REPO/pyproject.toml" | cut -c1-64)
  [ "$(cat "$OLDROOT$VENV/.pyproject" 2>/dev/null)" = "$want" ] && return
  echo "oldroot: installing handout's dependencies into $VENV"
  in_root --repo sh -euc "
    rm -rf $VENV && $PYTHON -m venv $VENV
    $VENV/bin/pip install -q --disable-pip-version-check --upgrade pip
    $VENV/bin/python /src/packaging/deb/requirements.py > /tmp/requirements.txt
    $VENV/bin/pip install -q --disable-pip-version-check -r /tmp/requirements.txt
    echo $want > $VENV/.pyproject"
}

case "${1:?usage: oldroot.sh prepare|ready|path|run CMD…}" in
  prepare) userland; build_python; venv ;;
  ready)   [ -f "$OLDROOT/.debootstrapped" ] && [ "$(cat "$OLDROOT/opt/python/.build" 2>/dev/null)" = "$PYBUILD" ] ;;
  run)     shift; in_root --repo "$@" ;;
  path)    echo "$OLDROOT" ;;
  *)       echo "usage: oldroot.sh prepare|ready|path|run CMD…" >&2; exit 2 ;;
esac
