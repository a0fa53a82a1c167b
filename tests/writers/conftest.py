"""Fixtures of the writer tests: the committed content built once as PDF, DOCX and OFD."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_into


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """content/ built once as PDF, DOCX and OFD (the same layout feeds all three)."""
    out = tmp_path_factory.mktemp("docx")
    build_into(out, formats=("pdf", "docx", "ofd"))
    return out


@pytest.fixture(scope="session")
def stems(built) -> list[str]:
    return sorted(p.stem for p in built.glob("*.docx"))
