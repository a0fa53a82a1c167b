"""Update the tables of contents of DOCX files in LibreOffice through UNO; run by
/usr/bin/python3 (the system Python, which has LibreOffice's `uno` module from python3-uno),
one office process for all files:

    /usr/bin/python3 lo_uno.py toc PROFILE_DIR A.docx …           # TOCs before/after an update

Only for what needs no layout: a document loaded hidden through UNO is laid out differently
from LibreOffice's window (our booklet's last speech was on the character grid there and off
it in the window). To see a DOCX as a person does, use `soffice --convert-to pdf`, which
agrees with the window (README.md; tests/writers/test_docx_libreoffice.py).

`toc` reads every table of contents as the file has it, updates all indexes (Tools > Update >
All Indexes), reads them again and prints both as JSON: a pre-filled TOC must be what an
update writes (tests/writers/test_docx.py checks both commands' results).
"""

import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def fontconfig_env():
    """The environment for soffice: the project's fonts.conf unless the caller names another.
    fontconfig reads a relative FONTCONFIG_FILE from its own folder (/etc/fonts), not from
    the current one, so the path is made absolute."""
    here = os.path.dirname(os.path.abspath(__file__))
    given = os.environ.get("FONTCONFIG_FILE") or os.path.join(here, "..", "fonts", "fonts.conf")
    return {**os.environ, "FONTCONFIG_FILE": os.path.abspath(given)}


def connect(profile):
    pipe = f"handout_uno_{os.getpid()}"
    office = subprocess.Popen(["soffice", f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
                               "--headless", "--invisible", "--norestore",
                               f"--accept=pipe,name={pipe};urp;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=fontconfig_env())
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return office, ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:           # not listening yet
            time.sleep(0.25)
    office.kill()
    sys.exit("LibreOffice did not start")


def load(desktop, path):
    return desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)),
                                        "_blank", 0, (prop("Hidden", True),))


def tocs(doc):
    indexes = doc.getDocumentIndexes()
    return [indexes.getByIndex(i).getAnchor().getString() for i in range(indexes.getCount())]


def update_tocs(doc):
    before = tocs(doc)
    indexes = doc.getDocumentIndexes()
    for i in range(indexes.getCount()):
        indexes.getByIndex(i).update()
    return {"before": before, "after": tocs(doc)}


def main():
    command, profile, *files = sys.argv[1:]
    if command != "toc":
        sys.exit(f"usage: lo_uno.py toc PROFILE_DIR A.docx …  (not {command!r})")
    office, desktop = connect(profile)
    out = {}
    try:
        for path in files:
            doc = load(desktop, path)
            out[path] = update_tocs(doc)
            doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:           # the bridge goes down with the office
            pass
        office.wait(timeout=60)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
