"""The workbench's two waits a clerk feels, against the CLI doing the same in fresh processes.

    python bench/workbench.py [--reps 9]

  filled X -> new page image   `build.py serve` running on a copy of content/ (default
                               formats: PDF and DOCX, with the booklet): POST one placeholder's
                               fill, then what the page does: poll /api/status until the
                               speech's version changes, GET its page list, GET the PNG of the
                               page that holds the filled character (checked to be in its text).
  CLI: the same                the same fill written by a fresh process, then `build.py
                               content/2022-kaiban.md --only pdf` and `pdftoppm` of that page:
                               the terminal's way to see the filled X.
  paste -> review shown        POST the seed page's text to /api/ingest, then GET the first
                               speech's data with its review (what the page shows beside it).
  CLI: the same                `build.py ingest page.txt` in a fresh process, then the report
                               read from content/_reports/.

Each row's median of --reps, interleaved round by round (round 0 untimed). Temporary copies
only: content/ and output/ are not touched. The HTTP client is this process (urllib), so the
browser's own drawing time (a few ms for one PNG) is not in the figure.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
SEED = ROOT / "content" / "sources" / "000_e1432cc8c8ea04d6.txt"
SPEECH = "2022-kaiban"
DIGITS = "一二三四五六七八九"


class Workbench:
    """`build.py serve --port 0` in `project`, and a client holding the page's token."""

    def __init__(self, project: Path):
        self.log = open(project / "serve.log", "w")
        self.proc = subprocess.Popen([PY, str(ROOT / "build.py"), "serve", "--port", "0"], cwd=project,
                                     env=ENV, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            text = (project / "serve.log").read_text()
            found = re.search(r"serving ((http://127\.0\.0\.1:\d+)/\?token=[\w-]+) ", text)
            if found and "watching" in text:
                login, self.url = found.groups()
                break
            time.sleep(0.05)
        else:
            raise SystemExit("the workbench did not start:\n" + (project / "serve.log").read_text())
        # a browser's cookie jar: the login address sets the cookie every later request sends
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        page = self.opener.open(login, timeout=60).read().decode()
        self.token = re.search(r'name="handout-token" content="([^"]+)"', page).group(1)

    def get(self, path: str) -> bytes:
        with self.opener.open(self.url + path, timeout=60) as answer:
            return answer.read()

    def json(self, path: str):
        return json.loads(self.get(path))

    def post(self, path: str, body: bytes, kind: str):
        request = urllib.request.Request(self.url + path, data=body, method="POST", headers={
            "Content-Type": kind, "X-Handout-Token": self.token, "Origin": self.url})
        with self.opener.open(request, timeout=60) as answer:
            return json.loads(answer.read())

    def version(self, name: str) -> str:
        return next(r["version"] for r in self.json("/api/status")["rows"] if r["name"] == name)

    def stop(self):
        self.proc.send_signal(2)
        self.proc.wait(30)
        self.log.close()


def fill_in_page(bench: Workbench, n: int) -> float:
    """One placeholder filled through the page's API, until its page's new image arrives."""
    speech = bench.json(f"/api/speech/{SPEECH}")
    place = next(p for p in speech["placeholders"] if not p["in_date"])
    word = DIGITS[n % 9] + "十"
    before = bench.version(SPEECH)
    started = time.perf_counter()
    bench.post(f"/api/speech/{SPEECH}/fill", json.dumps({**{k: place[k] for k in ("line", "start")},
               "old": place["text"], "new": word, "version": speech["version"]}).encode(), "application/json")
    while bench.version(SPEECH) == before:
        time.sleep(0.005)
    pages = bench.json(f"/api/pages/{SPEECH}")["pages"]
    wanted = place["before"][-4:] + word
    page = next(p for p in pages if wanted in p["text"].replace("\n", ""))
    png = bench.get(page["image"])
    assert png.startswith(b"\x89PNG")
    return time.perf_counter() - started


def fill_by_cli(project: Path, n: int) -> float:
    """The same through the terminal: a fresh process writes the fill, build.py builds the
    speech's PDF, pdftoppm draws the page."""
    source = project / "content" / f"{SPEECH}.md"
    script = ("import sys; from pathlib import Path; from handout import edit; p = Path(sys.argv[1]); "
              "x = next(x for x in edit.placeholders(p) if not x.in_date); "
              "edit.fill_placeholder(p, x.line, x.start, x.text, sys.argv[2], edit.version_of(p)); print(x.line)")
    started = time.perf_counter()
    subprocess.run([PY, "-c", script, str(source), DIGITS[n % 9] + "十"], env=ENV, check=True,
                   capture_output=True)
    subprocess.run([PY, str(ROOT / "build.py"), f"content/{SPEECH}.md", "--only", "pdf"], cwd=project,
                   env=ENV, check=True, capture_output=True)
    subprocess.run(["pdftoppm", "-png", "-r", "90", "-f", "2", "-l", "2", str(project / "output" / f"{SPEECH}.pdf"),
                    str(project / "page")], check=True)
    return time.perf_counter() - started


def paste_in_page(bench: Workbench, n: int) -> float:
    text = SEED.read_text(encoding="utf-8") + f"\n（本次粘贴第{n}次）\n"
    boundary = "benchboundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n{text}\r\n"
            f"--{boundary}--\r\n").encode()
    started = time.perf_counter()
    answer = bench.post("/api/ingest", body, f"multipart/form-data; boundary={boundary}")
    while not any(r["name"] == answer["speeches"][0] for r in bench.json("/api/status")["rows"]):
        time.sleep(0.005)
    speech = bench.json(f"/api/speech/{answer['speeches'][0]}")
    assert speech["review"] and "Ingest report" in speech["review"]
    return time.perf_counter() - started


def paste_by_cli(project: Path, n: int) -> float:
    page = project / f"page-{n}.txt"
    page.write_text(SEED.read_text(encoding="utf-8") + f"\n（本次粘贴第{n}次）\n", encoding="utf-8")
    started = time.perf_counter()
    subprocess.run([PY, str(ROOT / "build.py"), "ingest", str(page), "--content", str(project / "content"),
                    "--force"], env=ENV, check=True, capture_output=True)
    assert "Ingest report" in (project / "content" / "_reports" / f"page-{n}.md").read_text(encoding="utf-8")
    return time.perf_counter() - started


def project_copy(where: Path, name: str) -> Path:
    project = where / name
    shutil.copytree(ROOT / "content", project / "content", ignore=shutil.ignore_patterns("sources"))
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=9)
    reps = parser.parse_args().reps
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "handout")], check=True)
    times: dict[str, list[float]] = {k: [] for k in ("fill page", "fill cli", "paste page", "paste cli")}
    with tempfile.TemporaryDirectory(prefix="handout-bench-") as tmp:
        tmp = Path(tmp)
        served = project_copy(tmp, "served")
        cli = project_copy(tmp, "cli")
        pasted = tmp / "pasted"
        (pasted / "content").mkdir(parents=True)
        (tmp / "cli-ingest" / "content").mkdir(parents=True)
        subprocess.run([PY, str(ROOT / "build.py")], cwd=cli, env=ENV, check=True, capture_output=True)
        bench, paste_bench = Workbench(served), Workbench(pasted)
        try:
            for n in range(reps + 1):
                rows = [("fill page", lambda: fill_in_page(bench, n)), ("fill cli", lambda: fill_by_cli(cli, n)),
                        ("paste page", lambda: paste_in_page(paste_bench, n)),
                        ("paste cli", lambda: paste_by_cli(tmp / "cli-ingest", n))]
                for key, run in rows:
                    seconds = run()
                    time.sleep(1.5)                    # the watcher's rebuild of the booklet settles
                    if n:
                        times[key].append(seconds)
        finally:
            bench.stop()
            paste_bench.stop()
    median = {k: statistics.median(v) for k, v in times.items()}
    print(f"{'what':58} {'median s':>9} {'min–max s':>13}  {'× CLI':>6}  target")
    for key, label, cli_key, target in (
            ("fill page", "workbench: filled X -> its page's new image", "fill cli", "≤ 0.3 s"),
            ("fill cli", "CLI: fill, build.py (PDF), pdftoppm, fresh processes", "fill cli", ""),
            ("paste page", "workbench: page pasted -> review shown", "paste cli", "≤ 1 s"),
            ("paste cli", "CLI: build.py ingest, fresh process", "paste cli", "")):
        values = times[key]
        print(f"{label:58} {median[key]:9.3f} {min(values):6.3f}–{max(values):.3f}  "
              f"{median[key] / median[cli_key]:6.2f}  {target}")


if __name__ == "__main__":
    main()
