"""An old binary Word file (.doc) or a Kingsoft WPS file (.wps) -> the bytes of a .docx.

Both are OLE compound files that only an office suite reads faithfully, so LibreOffice does
it, headless, in a temporary folder with a profile of its own (a LibreOffice the clerk has
open would otherwise take the job and convert nothing). The .docx is then read like any other.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import UserError
from ..i18n import N_, Msg

TIMEOUT_S = 180
KINDS = {".wps": Msg("a WPS file (.wps)"), ".et": Msg("a WPS spreadsheet (.et)"),
         ".dps": Msg("a WPS presentation (.dps)")}
INSTALL = N_("{kind}: LibreOffice is needed to read it and is not installed: install it (Debian/UOS/Kylin: "
           "apt install libreoffice-writer; Windows: libreoffice.org), or save the file as .docx "
           "in Word or WPS")


def kind_of(path: Path) -> str:
    """How the user calls the file, by its name (a .wps is not 'a .doc')."""
    return KINDS.get(path.suffix.lower(), Msg("an old binary Word file (.doc)"))


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_bytes(path: Path, data: bytes) -> bytes:
    """The file converted to .docx by LibreOffice, or one clear error."""
    office = soffice()
    if office is None:
        raise UserError(INSTALL, path, kind=kind_of(path))
    with tempfile.TemporaryDirectory(prefix="handout-convert-") as tmp:
        folder = Path(tmp)
        source = folder / ("in" + (path.suffix.lower() if path.suffix.lower() in (".doc", ".wps") else ".doc"))
        source.write_bytes(data)
        command = [office, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                   "--norestore", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder / "out"),
                   str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise UserError("{kind}: LibreOffice took more than {seconds} s to convert it; save it "
                            "as .docx in Word or WPS", path, kind=kind_of(path), seconds=TIMEOUT_S) from None
        converted = folder / "out" / (source.stem + ".docx")
        if not converted.is_file() or not converted.stat().st_size:
            raise UserError("{kind} that LibreOffice cannot read (damaged or not a document); open it "
                            "in Word or WPS and save it as .docx", path, kind=kind_of(path))
        return converted.read_bytes()
