"""Run by /usr/bin/python3 (the system Python, which has LibreOffice's `uno` module): open
each DOCX given in LibreOffice, read every table of contents as the file has it, update all
indexes (Tools > Update > All Indexes), read them again, and print both as JSON.

    FONTCONFIG_FILE=fonts/fonts.conf /usr/bin/python3 lo_update_toc.py PROFILE_DIR A.docx …

The test (test_docx.py) compares the two: a pre-filled TOC must be what an update writes.
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


def connect(profile):
    pipe = f"handout_toc_{os.getpid()}"
    office = subprocess.Popen(["soffice", f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
                               "--headless", "--invisible", "--norestore",
                               f"--accept=pipe,name={pipe};urp;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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


def tocs(doc):
    indexes = doc.getDocumentIndexes()
    return [indexes.getByIndex(i).getAnchor().getString() for i in range(indexes.getCount())]


def main():
    profile, files = sys.argv[1], sys.argv[2:]
    office, desktop = connect(profile)
    out = {}
    try:
        for path in files:
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)),
                                               "_blank", 0, (prop("Hidden", True),))
            before = tocs(doc)
            indexes = doc.getDocumentIndexes()
            for i in range(indexes.getCount()):
                indexes.getByIndex(i).update()
            out[path] = {"before": before, "after": tocs(doc)}
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
