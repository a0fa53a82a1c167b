"""Edit a DOCX in LibreOffice, as an office would, and save it as DOCX again.

Run with a Python that has LibreOffice's `uno` module (Debian: /usr/bin/python3 with
python3-uno), not the project's venv:

    /usr/bin/python3 lo_edit.py IN.docx OUT.docx EDITS.json PROFILE_DIR

EDITS.json is a list of {"op": "replace", "old", "new"} (search and replace in the whole
text), {"op": "insert_after", "after", "text", "style_of"} (a new paragraph after the one
whose text is exactly `after`, in the paragraph style of the one starting with `style_of`)
and {"op": "delete", "start"} (the paragraph starting with `start`); {"op": "author", "name"}
makes `name` the user (Tools > Options > User Data: who saves the file, who makes the
tracked changes) and {"op": "track"} records the edits after it as tracked changes (Edit >
Track Changes > Record). LibreOffice runs headless with the private profile PROFILE_DIR and
is shut down at the end.
"""

import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK

CONNECT_SECONDS = 60


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def paragraphs(doc):
    found = []
    enumeration = doc.Text.createEnumeration()
    while enumeration.hasMoreElements():
        element = enumeration.nextElement()
        if element.supportsService("com.sun.star.text.Paragraph"):
            found.append(element)
    return found


def one(doc, test, what):
    matches = [p for p in paragraphs(doc) if test(p.getString())]
    if len(matches) != 1:
        raise SystemExit(f"lo_edit: {len(matches)} paragraphs match {what!r}")
    return matches[0]


def set_user(ctx, name):
    provider = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", ctx)
    data = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
                                                (prop("nodepath", "/org.openoffice.UserProfile/Data"),))
    data.setPropertyValue("givenname", name)
    data.setPropertyValue("sn", "")
    data.commitChanges()


def apply(doc, edit):
    if edit["op"] == "track":
        doc.RecordChanges = True
    elif edit["op"] == "replace":
        search = doc.createReplaceDescriptor()
        search.SearchString, search.ReplaceString = edit["old"], edit["new"]
        if not doc.replaceAll(search):
            raise SystemExit(f"lo_edit: {edit['old']!r} not found")
    elif edit["op"] == "insert_after":
        anchor = one(doc, lambda t: t == edit["after"], edit["after"])
        style = one(doc, lambda t: t.startswith(edit["style_of"]), edit["style_of"]).ParaStyleName
        text = anchor.getText()
        cursor = text.createTextCursorByRange(anchor.getEnd())
        text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        cursor.ParaStyleName = style
        text.insertString(cursor, edit["text"], False)
    elif edit["op"] == "delete":
        one(doc, lambda t: t.startswith(edit["start"]), edit["start"]).dispose()


def main(source, target, edits_path, profile):
    with open(edits_path, encoding="utf-8") as handle:
        edits = json.load(handle)
    pipe = f"handout_lo_edit_{os.getpid()}"
    office = subprocess.Popen(["soffice", f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
                               "--headless", "--invisible", "--norestore", "--nologo",
                               f"--accept=pipe,name={pipe};urp;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desktop = None
    try:
        ctx = connect(pipe)
        for edit in edits:
            if edit["op"] == "author":
                set_user(ctx, edit["name"])
        edits = [edit for edit in edits if edit["op"] != "author"]
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0,
                                           (prop("Hidden", True),))
        for edit in edits:
            apply(doc, edit)
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)),
                       (prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)
    finally:
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:             # the office may already be gone; it is killed below
            pass
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(*sys.argv[1:5])
