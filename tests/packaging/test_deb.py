"""The Debian package (`make deb`): lintian finds no error; its Depends names the newest
glibc symbol version any of its binaries references (read by objdump); installed, it builds
a folder holding only content/ for a normal user exactly as the repository's build.py does;
its desktop launcher makes the starter project in the user's documents folder, starts
`handout serve` and opens the page, which answers on 127.0.0.1; removed, it leaves no
file behind under /opt, /usr and /etc/xdg.

For UOS/Kylin the bundle is frozen in a Debian 11 chroot (packaging/deb/oldroot.sh): where
that chroot is cached here, the package is built in it, its binaries must need no glibc newer
than 2.28 (UOS 20), and its `handout build` runs inside the chroot (glibc 2.31) to the same bytes.
Where it is not (a fresh machine: making it takes ~10 minutes), the package is built with
this machine's Python (--on-host) and those two tests skip, saying so.

Runs where it can install a package: as root (CI) with dpkg-deb; elsewhere it is skipped.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason="installs a package: needs root (CI runs as root)"),
    pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="no dpkg-deb: not a Debian-based system"),
]
EPOCH = "1666915200"
WATCHED = (Path("/opt"), Path("/usr"), Path("/etc/xdg"))
USER = "nobody"
OLDROOT = ["bash", str(ROOT / "packaging" / "deb" / "oldroot.sh")]
IN_OLDROOT = subprocess.run([*OLDROOT, "ready"], capture_output=True).returncode == 0
FLOOR = (2, 28)                 # UOS 20's glibc (Debian 10 base); Kylin V10 has 2.31
NOT_IN_OLDROOT = "no Debian 11 chroot cached here (bash packaging/deb/oldroot.sh prepare): built on this machine"


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, **kwargs)
    assert result.returncode == 0, (command, result.stdout[-3000:], result.stderr[-3000:])
    return result


def files_under(folders) -> set[str]:
    """Every file, folder and link below `folders`; Python's own bytecode caches, which other
    programs (the system python3 the tests run LibreOffice with) may write meanwhile, aside."""
    found = set()
    for top in folders:
        for folder, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            found.update(os.path.join(folder, name) for name in dirs + files)
    return found


@pytest.fixture(scope="module")
def deb() -> Path:
    if subprocess.run(["dpkg", "-s", "handout"], capture_output=True).returncode == 0:
        pytest.skip("a handout package is installed here already: not replaced by a test")
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    where = "" if IN_OLDROOT else " --on-host"
    run(["make", "-C", str(ROOT), "deb", f"ARGS=--no-lintian{where}"], env=env)   # lintian: the test below
    (path,) = (ROOT / "dist").glob("handout_*.deb")
    return path


@pytest.fixture(scope="module")
def unpacked(deb, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("unpacked")
    run(["dpkg-deb", "-x", str(deb), str(folder)])
    return folder


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Path:
    """The repository's own build.py, into a folder: what every frozen build must equal."""
    folder = tmp_path_factory.mktemp("reference")
    run([sys.executable, ROOT / "build.py", "--quiet", "--output", folder], cwd=ROOT,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    built = sorted(p.name for p in folder.iterdir() if p.suffix in (".pdf", ".docx"))
    assert len(built) == 8
    return folder


def same_as_reference(output: Path, reference: Path) -> None:
    for name in sorted(p.name for p in reference.iterdir() if p.suffix in (".pdf", ".docx")):
        assert (output / name).read_bytes() == (reference / name).read_bytes(), name


def glibc_needed(folder: Path) -> tuple[int, ...]:
    """The newest GLIBC_x.y symbol version any ELF file under `folder` references (objdump)."""
    newest = (0,)
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink() and path.read_bytes()[:4] == b"\x7fELF":
            symbols = run(["objdump", "-T", str(path)]).stdout
            for version in re.findall(r"\bGLIBC_(\d+(?:\.\d+)+)\b", symbols):
                newest = max(newest, tuple(int(n) for n in version.split(".")))
    return newest


def test_lintian_finds_no_error(deb):
    result = subprocess.run(["lintian", "--fail-on", "error", str(deb)], capture_output=True, text=True, timeout=600)
    errors = [line for line in result.stdout.splitlines() if line.startswith("E:")]
    assert result.returncode == 0 and not errors, result.stdout + result.stderr
    fields = run(["dpkg-deb", "-f", str(deb), "Depends", "Package"]).stdout
    assert fields.startswith("Depends: libc6") and "python" not in fields, fields


def libc6_depends(deb: Path) -> tuple[int, ...]:
    depends = run(["dpkg-deb", "-f", str(deb), "Depends"]).stdout
    return tuple(int(n) for n in re.search(r"\blibc6 \(>= ([\d.]+)\)", depends).group(1).split("."))


def test_depends_asks_for_the_newest_glibc_its_binaries_reference(deb, unpacked):
    assert libc6_depends(deb) >= glibc_needed(unpacked / "opt" / "handout")


@pytest.mark.skipif(not IN_OLDROOT, reason=NOT_IN_OLDROOT)
def test_built_in_debian_11_it_needs_no_newer_glibc_than_uos_20(deb, unpacked):
    newest = glibc_needed(unpacked / "opt" / "handout")
    assert newest <= FLOOR and libc6_depends(deb) == newest, (newest, libc6_depends(deb))


@pytest.mark.skipif(not IN_OLDROOT, reason=NOT_IN_OLDROOT)
def test_its_handout_build_runs_on_debian_11s_glibc(unpacked, reference):
    """The bundle and a project copied into the chroot; `handout build` there (glibc 2.31:
    a binary that needs a newer one stops at once, 'GLIBC_2.xx not found')."""
    chroot = Path(run([*OLDROOT, "path"]).stdout.strip())
    place = Path(tempfile.mkdtemp(prefix="handout-deb-test-", dir=chroot / "tmp"))
    try:
        shutil.copytree(unpacked / "opt" / "handout", place / "handout", symlinks=True)
        shutil.copytree(ROOT / "content", place / "project" / "content")
        inside = Path("/") / place.relative_to(chroot)
        result = run([*OLDROOT, "run", "sh", "-c", f"cd {inside}/project && {inside}/handout/handout build --quiet "
                      "&& ldd --version | head -1"], env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
        assert "GLIBC 2.31" in result.stdout, result.stdout
        same_as_reference(place / "project" / "output", reference)
    finally:
        shutil.rmtree(place)


def test_installed_it_builds_serves_and_removed_it_leaves_nothing(deb, reference):
    before = files_under(WATCHED)
    home = Path(tempfile.mkdtemp(prefix="handout-home-", dir="/tmp"))
    try:
        run(["dpkg", "-i", str(deb)])
        try:
            installed(home, reference)
        finally:
            run(["dpkg", "-r", "handout"])
        after = files_under(WATCHED)
        assert sorted(after - before) == [] and sorted(before - after) == []
    finally:
        shutil.rmtree(home, ignore_errors=True)


def installed(home: Path, reference: Path) -> None:
    assert os.path.realpath("/usr/bin/handout") == "/opt/handout/handout"
    entry = Path("/usr/share/applications/handout.desktop").read_text(encoding="utf-8")
    assert "Name=讲话稿排版\n" in entry and "Name[en]=" in entry
    launcher = next(line.split("=", 1)[1] for line in entry.splitlines() if line.startswith("Exec="))
    assert os.access(launcher, os.X_OK)

    project = home / "project"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.chown(home, USER)
    run(["chown", "-R", f"{USER}:", str(home)])
    as_user = ["runuser", "-u", USER, "--", "env", "-i", f"HOME={home}", "PATH=/usr/bin:/bin",
               f"SOURCE_DATE_EPOCH={EPOCH}", "LANG=C.UTF-8"]
    run([*as_user, "handout", "build", "--quiet"], cwd=project)
    same_as_reference(project / "output", reference)

    launched(home, as_user)


def page_image(browser, url: str) -> bytes:
    """The first page of the first speech, once the server's first build has made its PDF."""
    deadline = time.monotonic() + 180
    while True:
        try:
            with browser.open(url + "api/status", timeout=30) as answer:
                name = json.loads(answer.read())["rows"][0]["name"]
            with browser.open(f"{url}api/pages/{urllib.parse.quote(name)}", timeout=60) as answer:
                image = json.loads(answer.read())["pages"][0]["image"]
            with browser.open(url + image.lstrip("/"), timeout=60) as answer:
                return answer.read()
        except (IndexError, urllib.error.HTTPError):        # no row, or no PDF yet
            assert time.monotonic() < deadline, "no page image"
            time.sleep(1)


def launched(home: Path, as_user: list[str]) -> None:
    """The desktop entry's launcher, with an xdg-open that notes the address it is given."""
    fake = home / "bin"
    fake.mkdir()
    (fake / "xdg-open").write_text(f'#!/bin/sh\necho "$1" > {home}/opened\n')
    (fake / "xdg-open").chmod(0o755)
    run(["chown", "-R", f"{USER}:", str(fake)])
    command = [*[a if not a.startswith("PATH=") else f"PATH={fake}:/usr/bin:/bin" for a in as_user],
               "/opt/handout/handout-desktop"]
    launcher = subprocess.Popen(command, cwd=home, start_new_session=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    events = None
    try:
        opened = home / "opened"
        deadline = time.monotonic() + 120
        while not opened.exists() and launcher.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert opened.exists(), launcher.communicate(timeout=5) if launcher.poll() is not None else "no page"
        url = opened.read_text().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[\w-]+", url), url
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())   # keeps the login cookie
        with browser.open(url, timeout=30) as page:
            assert page.status == 200 and page.url == url.split("?")[0]
            assert b'name="handout-token"' in page.read()
        with pytest.raises(urllib.error.HTTPError) as refused:       # without the token: nothing
            urllib.request.urlopen(url.split("?")[0] + "api/status", timeout=30)
        assert refused.value.code == 403
        base = url.split("?")[0]
        # held open as a tab holds it: the server ends a minute after its pages' last stream
        events = browser.open(base + "events", timeout=60)
        assert events.readline().startswith(b"event: hello")
        # in Chinese from the message catalog (Babel, with the locale data the bundle keeps)
        chinese = urllib.request.Request(base, headers={"Accept-Language": "zh-CN,zh;q=0.9"})
        with browser.open(chinese, timeout=30) as page:
            assert "讲话稿工作台" in page.read().decode("utf-8")
        # a page of a built speech as an image (pypdfium2 and Pillow's PNG encoder, in the bundle)
        assert page_image(browser, base).startswith(b"\x89PNG\r\n\x1a\n")
        # the server ends itself once its page's last tab is closed (serve --quit-after-close)
        pid, _url = (home / "Documents" / "讲话稿" / ".handout-serve").read_text().split()
        assert b"--quit-after-close" in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        starter = sorted(p.name for p in (home / "Documents" / "讲话稿" / "content").iterdir())
        assert starter == sorted([*(p.name for p in (ROOT / "content").glob("*.md")), "_collection.yaml"])
        # launched again while its server runs: the same page opened, no second server
        opened.unlink()
        again = subprocess.run(command, cwd=home, capture_output=True, text=True, timeout=60)
        assert again.returncode == 0 and opened.read_text().strip() == url, again.stderr
        # the last page closed: a minute later the server has ended, and the launcher with it
        events.close()
        closed = time.monotonic()
        assert launcher.wait(timeout=180) == 0
        assert 60 <= time.monotonic() - closed < 180 and not Path(f"/proc/{pid}").exists()
        assert not (home / "Documents" / "讲话稿" / ".handout-serve").exists()
    finally:
        if events is not None:
            events.close()
        with contextlib.suppress(ProcessLookupError):     # the group has ended already
            os.killpg(launcher.pid, 15)      # the launcher and the server it started
        launcher.wait(timeout=30)
