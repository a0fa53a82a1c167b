"""Raw pages in every encoding a Chinese site saves; non-text refused with file and line."""

import codecs

import pytest

from handout.errors import UserError
from handout.ingest.decode import read_page

TEXT = "同志们:\n举办这次培训班,很重要。\n"


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8 with BOM"),
    (TEXT.encode("gbk"), "gb18030"),
    (TEXT.encode("gb18030"), "gb18030"),
    (TEXT.encode("utf-16"), "utf-16 with BOM"),
    (TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
])
def test_every_encoding_gives_the_same_lines(tmp_path, data, encoding):
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    lines, found = read_page(path)
    assert lines == ["同志们:", "举办这次培训班,很重要。", ""]
    assert found == encoding


@pytest.mark.parametrize("data, message, line", [
    (b"", "empty", None),
    (b"  \n\n", "empty", None),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", 3),
    ("第一行\n第二行".encode("utf-8") + b"\n\x01\x02\x03\x04", "binary", 3),
    (b"\xff\xfe\xff\xfe"[:1] + "正文".encode("utf-8") + b"\x80\x80\x80\xff", "not UTF-8 or GB18030", 1),
])
def test_what_is_not_a_text_page_is_refused(tmp_path, data, message, line):
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    with pytest.raises(UserError) as error:
        read_page(path)
    assert message in error.value.message
    assert error.value.line == line and error.value.path == str(path)
