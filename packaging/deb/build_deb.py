"""`make deb`: dist/handout_<version>_<arch>.deb, for Debian-based desktops (UOS, Kylin, …).

handout frozen with its own Python by PyInstaller (handout.spec, one folder) under
/opt/handout, so no system Python is needed; /usr/bin/handout on the PATH; the desktop entry
讲话稿排版 (handout.desktop, which runs handout-desktop); the starter project's three sample
speeches. Depends: from dpkg-shlibdeps over every binary in it (libc), and fontconfig,
whose fc-list finds an installed font for a character the shipped ones lack. Built by dpkg-deb as
root:root whoever runs it, then checked with lintian (an error fails the build).

    python packaging/deb/build_deb.py [--no-freeze] [--no-lintian] [--on-host]

Frozen in a Debian 11 (bullseye) chroot (oldroot.sh), so the bundle needs glibc 2.28 (UOS 20),
not this machine's: a PyInstaller bundle runs only on the glibc its binaries were linked for
and newer.
--on-host freezes with this machine's Python instead (quick; the .deb then needs this
machine's glibc, as its Depends says).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BUILD = ROOT / "build" / "deb"
FROZEN = BUILD / "dist" / "handout"              # PyInstaller's one folder
OPT = "opt/handout"
SUMMARY = "speech handouts to GB/T 9704 (PDF, DOCX) from Chinese web pages"
DESCRIPTION = """\
 handout turns speeches copied from document websites, and Word, WPS and PDF
 files, into clean Markdown with a report of every change, and that into
 print-ready GB/T 9704-2012 handouts: a PDF and an editable DOCX per speech,
 and the booklet for the print shop. The desktop entry starts its page in the
 browser on a project in the documents folder. It carries its own Python."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-freeze", action="store_true", help="reuse build/deb/dist (PyInstaller's last run)")
    parser.add_argument("--no-lintian", action="store_true", help="do not run lintian")
    parser.add_argument("--on-host", action="store_true", help="freeze with this machine's Python, not in the bullseye chroot")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from handout import __version__
    arch = run(["dpkg", "--print-architecture"]).strip()
    if not args.no_freeze:
        freeze_on_host() if args.on_host else freeze_in_oldroot()
    tree = stage()
    write_control(tree, __version__, arch, on_host=args.on_host)
    deb = ROOT / "dist" / f"handout_{__version__}_{arch}.deb"
    deb.parent.mkdir(exist_ok=True)
    timed("dpkg-deb", ["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build", str(tree), str(deb)])
    if not args.no_lintian:
        check(deb)
    print(deb.relative_to(ROOT))
    return 0


def freeze_on_host() -> None:
    """PyInstaller's one folder: build/deb/dist/handout/{handout,_internal/}."""
    timed("PyInstaller", [sys.executable, *pyinstaller(ROOT)])


def freeze_in_oldroot() -> None:
    """The same, by the chroot's Python (this repository is /src there, and on its path: the
    chroot's venv has handout's dependencies, not handout)."""
    oldroot = ["bash", str(HERE / "oldroot.sh")]
    timed("bullseye chroot", [*oldroot, "prepare"])
    timed("PyInstaller (bullseye)", [*oldroot, "run", "env", "PYTHONPATH=/src", "/opt/venv/bin/python",
                                     *pyinstaller(Path("/src"))])


def pyinstaller(root: Path) -> list[str]:
    work = root / BUILD.relative_to(ROOT)
    return ["-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", str(work / "dist"),
            "--workpath", str(work / "work"), str(root / HERE.relative_to(ROOT) / "handout.spec")]


def stage() -> Path:
    """The package's files as they will be installed, modes as Debian wants them."""
    tree = BUILD / "debian" / "handout"      # where dpkg-shlibdeps sees the package's own libraries
    shutil.rmtree(tree, ignore_errors=True)
    opt = tree / OPT
    shutil.copytree(FROZEN, opt, symlinks=True)
    shutil.copy(HERE / "handout-desktop", opt / "handout-desktop")
    starter = opt / "starter" / "content"
    starter.mkdir(parents=True)
    for path in sorted((ROOT / "content").glob("*.md")) + [ROOT / "content" / "_collection.yaml"]:
        shutil.copy(path, starter / path.name)
    place(tree / "usr/share/applications/handout.desktop", HERE / "handout.desktop")
    place(tree / "usr/share/icons/hicolor/scalable/apps/handout.svg", HERE / "handout.svg")
    place(tree / "usr/share/doc/handout/copyright", HERE / "copyright")
    place(tree / "usr/share/lintian/overrides/handout", HERE / "lintian-overrides")
    changelog = tree / "usr/share/doc/handout/changelog.gz"
    with open(changelog, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(changelog_text().encode())
    (tree / "usr/bin").mkdir(parents=True)
    os.symlink(f"/{OPT}/handout", tree / "usr/bin/handout")
    for path in elf_files(tree / OPT):
        drop_outside_rpath(path)
    normalise_modes(tree)
    return tree


def place(target: Path, source: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)


def changelog_text() -> str:
    from handout import __version__
    date = time.strftime("%a, %d %b %Y %H:%M:%S +0000",
                         time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", "946684800"))))
    return (f"handout ({__version__}) unstable; urgency=medium\n\n"
            f"  * Built from the handout repository (make deb).\n\n"
            f" -- handout maintainers <handout@example.org>  {date}\n")


def normalise_modes(tree: Path) -> None:
    """Directories and programs 0755, everything else 0644 (shared libraries too, as lintian
    asks); PyInstaller keeps whatever modes the libraries had in the build's environment."""
    programs = {tree / OPT / "handout", tree / OPT / "handout-desktop"}
    for path in tree.rglob("*"):
        if path.is_symlink():
            continue
        path.chmod(0o755 if path.is_dir() or path in programs else 0o644)


def write_control(tree: Path, version: str, arch: str, on_host: bool) -> None:
    size = sum(p.stat().st_size for p in tree.rglob("*") if p.is_file() and not p.is_symlink())
    control = tree / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        f"Package: handout\nVersion: {version}\nArchitecture: {arch}\n"
        f"Maintainer: handout maintainers <handout@example.org>\n"
        f"Installed-Size: {(size + 1023) // 1024}\n"
        f"Depends: {depends(tree, on_host)}, fontconfig\n"    # fc-list: a rare character's installed font (fonts.py)
        f"Recommends: xdg-utils, xdg-user-dirs\n"
        f"Section: text\nPriority: optional\n"
        f"Description: {SUMMARY}\n{DESCRIPTION}\n", encoding="utf-8")


def depends(tree: Path, on_host: bool) -> str:
    """What the binaries need from the system: dpkg-shlibdeps over every ELF file. The tree
    is debian/handout beside a debian/control, so the libraries PyInstaller bundled (found
    in their folders, -l) count as the package's own, not as other packages'.
    Run where they were built: a newer Debian's symbols files date the thread functions
    that glibc 2.34 moved into libc.so.6 at 2.34, even in binaries that take them from
    libpthread.so.0 as Debian 11's do."""
    elves = elf_files(tree / OPT)
    private = sorted({"/" + p.parent.relative_to(tree).as_posix() for p in elves if ".so" in p.name})
    (tree.parent / "control").write_text("Source: handout\n\nPackage: handout\nArchitecture: any\n")
    shlibdeps = ["dpkg-shlibdeps", "-O", "--ignore-missing-info", *[f"-l{d}" for d in private],
                 *[f"-e{p.relative_to(tree.parent.parent)}" for p in elves]]
    if on_host:
        out = run(shlibdeps, cwd=tree.parent.parent)
    else:
        inside = Path("/src") / tree.parent.parent.relative_to(ROOT)
        out = run(["bash", str(HERE / "oldroot.sh"), "run", "env", f"--chdir={inside}", *shlibdeps])
    found = re.search(r"^shlibs:Depends=(.*)$", out, re.M)
    return found.group(1).strip() if found else "libc6"


def elf_files(folder: Path) -> list[Path]:
    def is_elf(path: Path) -> bool:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF"
    return [p for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink() and is_elf(p)]


def drop_outside_rpath(path: Path) -> None:
    """The build machine's library folder (a pyenv Python's RUNPATH /root/.pyenv/…/lib) means
    nothing where the package is installed; PyInstaller's folder is found without it."""
    rpath = run(["patchelf", "--print-rpath", str(path)]).strip()
    if rpath and not all(d.startswith("$ORIGIN") for d in rpath.split(":")):
        run(["patchelf", "--remove-rpath", str(path)])


def check(deb: Path) -> None:
    """lintian: errors fail the build; warnings are printed (some are expected of a bundle)."""
    if shutil.which("lintian") is None:
        print("lintian is not installed: not checked (bash tools/apt-needs.sh deb)", file=sys.stderr)
        return
    started = time.monotonic()
    result = subprocess.run(["lintian", "--fail-on", "error", str(deb)], capture_output=True, text=True)
    print(result.stdout, end="")
    print(f"lintian: {time.monotonic() - started:.0f} s", file=sys.stderr)
    if result.returncode:
        raise SystemExit(f"lintian found errors in {deb.name}:\n{result.stderr}")


def timed(what: str, command: list[str]) -> None:
    started = time.monotonic()
    subprocess.run(command, check=True, cwd=ROOT)
    print(f"{what}: {time.monotonic() - started:.0f} s", file=sys.stderr)


def run(command: list[str], cwd: Path = ROOT) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True, cwd=cwd).stdout


if __name__ == "__main__":
    sys.exit(main())
