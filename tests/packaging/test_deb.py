"""The Debian package (`make deb`): lintian finds no error; installed, it builds a folder
holding only content/ for a normal user exactly as the repository's build.py does; its
desktop launcher makes the starter project in the user's documents folder, starts
`handout serve` and opens the page, which answers on 127.0.0.1; removed, it leaves no
file behind under /opt, /usr and /etc/xdg.

Runs where it can install a package: as root (CI) with dpkg-deb; elsewhere it is skipped.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
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
    run(["make", "-C", str(ROOT), "deb", "ARGS=--no-lintian"], env=env)   # lintian: the test below
    (path,) = (ROOT / "dist").glob("handout_*.deb")
    return path


def test_lintian_finds_no_error(deb):
    result = subprocess.run(["lintian", "--fail-on", "error", str(deb)], capture_output=True, text=True, timeout=600)
    errors = [line for line in result.stdout.splitlines() if line.startswith("E:")]
    assert result.returncode == 0 and not errors, result.stdout + result.stderr
    fields = run(["dpkg-deb", "-f", str(deb), "Depends", "Package"]).stdout
    assert fields.startswith("Depends: libc6") and "python" not in fields, fields


def test_installed_it_builds_serves_and_removed_it_leaves_nothing(deb, tmp_path):
    before = files_under(WATCHED)
    home = Path(tempfile.mkdtemp(prefix="handout-home-", dir="/tmp"))
    try:
        run(["dpkg", "-i", str(deb)])
        try:
            installed(home, tmp_path)
        finally:
            run(["dpkg", "-r", "handout"])
        after = files_under(WATCHED)
        assert sorted(after - before) == [] and sorted(before - after) == []
    finally:
        shutil.rmtree(home, ignore_errors=True)


def installed(home: Path, tmp_path: Path) -> None:
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
    reference = tmp_path / "reference"
    run([sys.executable, ROOT / "build.py", "--quiet", "--output", reference], cwd=ROOT,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    expected = sorted(p.name for p in reference.iterdir() if p.suffix in (".pdf", ".docx"))
    assert len(expected) == 8
    for name in expected:
        assert (project / "output" / name).read_bytes() == (reference / name).read_bytes(), name

    launched(home, as_user)


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
        starter = sorted(p.name for p in (home / "Documents" / "讲话稿" / "content").iterdir())
        assert starter == sorted([*(p.name for p in (ROOT / "content").glob("*.md")), "_collection.yaml"])
        # launched again while its server runs: the same page opened, no second server
        opened.unlink()
        again = subprocess.run(command, cwd=home, capture_output=True, text=True, timeout=60)
        assert again.returncode == 0 and opened.read_text().strip() == url, again.stderr
    finally:
        os.killpg(launcher.pid, 15)          # the launcher and the server it started
        launcher.wait(timeout=30)
