"""Drive LibreOffice through UNO; run by /usr/bin/python3 (the system Python, which has
LibreOffice's `uno` module from python3-uno), one office process for all files:

    /usr/bin/python3 lo_uno.py pdf PROFILE_DIR OUT_DIR A.docx …   # export each as OUT_DIR/A.pdf
    /usr/bin/python3 lo_uno.py toc PROFILE_DIR A.docx …           # TOCs before/after an update

`pdf` exports as File > Export as PDF does, blank pages kept (IsSkipEmptyPages false). Used
instead of `soffice --convert-to pdf`: in the PDF that --convert-to wrote of our booklet,
paragraphs on three pages of the last speech were set off the character grid (a character
short a line); exported through UNO, the same file has them on the grid.

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


def export_pdf(doc, path, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    target = os.path.join(os.path.abspath(out_dir), os.path.splitext(os.path.basename(path))[0] + ".pdf")
    options = uno.Any("[]com.sun.star.beans.PropertyValue", (prop("IsSkipEmptyPages", False),))
    # through uno.invoke, so that the filter data keeps its type (a sequence of properties)
    uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(target),
                                   (prop("FilterName", "writer_pdf_Export"), prop("FilterData", options))))
    return target


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
    command, profile, *rest = sys.argv[1:]
    out_dir, files = (rest[0], rest[1:]) if command == "pdf" else (None, rest)
    office, desktop = connect(profile)
    out = {}
    try:
        for path in files:
            doc = load(desktop, path)
            out[path] = export_pdf(doc, path, out_dir) if command == "pdf" else update_tocs(doc)
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
