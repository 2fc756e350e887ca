"""The reader keeps only the newest items' text in memory for search; older items are
searched in the cache, with the same answers in the same order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bulletin_tui import index as index_module
from bulletin_tui.archive import Archive
from bulletin_tui.index import Index
from bulletin_tui.search import search

from .conftest import small_issue


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    archive = Archive(tmp_path / "issues")
    for number in range(1, 9):
        archive.create(small_issue(number=number, date=dt.date(2024, 1, number)))
    return archive


@pytest.mark.parametrize("terms", [["县"], ["企业"], ["窨井盖"], ["热线", "群众"], ["没有的词"]])
@pytest.mark.parametrize("limit", [None, 3, 12])
def test_a_bounded_memory_answers_as_the_cache_does(archive, monkeypatch, terms, limit):
    plain = Index(archive)
    plain.refresh()
    want = [(h.path, h.section_index, h.item_index) for h in search(plain, terms, limit=limit)]
    monkeypatch.setattr(index_module, "KEEP_CHARACTERS", 60)  # a few items only
    kept = Index(archive, keep_text=True)
    kept.prepare_search()
    assert kept._text is not None
    assert not kept._text.complete
    assert 0 < len(kept._text.ids) < 24
    got = [(h.path, h.section_index, h.item_index) for h in search(kept, terms, limit=limit)]
    assert got == want
