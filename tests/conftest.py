"""Shared fixtures: a small archive written through the real code paths."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from bulletin_tui.archive import Archive
from bulletin_tui.model import Distribution, Issue, Item, Section

# CI runs the same examples every time; a developer's run explores new ones.
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

SAMPLE_TEXT = Path(__file__).parent.parent / "seeds" / "000_f8a72244530b702c.txt"


def small_issue(number: int = 5, date: dt.date | None = dt.date(2024, 4, 10)) -> Issue:
    """Two sections, three items, a footer: enough to exercise every field."""
    return Issue(
        series="工作动态",
        number=number,
        total=168,
        date=date,
        publisher="中共延津县委办公室",
        copies=80,
        distribution=(Distribution("本期发", ("县委常委", "各乡（镇）政府、街道办事处主要领导")),),
        sections=(
            Section(
                "助企服务",
                (Item("县开发区做好融资服务", ("聚焦重点企业。", "共帮助9家企业。"), "开发区"),),
            ),
            Section(
                "民生保障",
                (
                    Item("县城市管理局整治窨井盖", ("搭建智慧平台。",), "城市管理局"),
                    Item("潭龙街道提升热线质效", ("认真对待群众诉求。",), "潭龙街道", "张华"),
                ),
            ),
        ),
    )


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test keeps its index cache in its own folder, never the user's, and starts
    without the user's choice of language or archive."""
    monkeypatch.setenv("BULLETIN_CACHE", str(tmp_path / "index-cache"))
    for name in ("BULLETIN_LANG", "BULLETIN_ARCHIVE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def chinese() -> Iterator[None]:
    """The reader's screen in Chinese (its default), and back to it after the test."""
    from bulletin_tui.tui.i18n import choose_language

    choose_language("zh")
    yield
    choose_language("zh")


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    """An archive folder holding one issue, created through ``Archive.create``."""
    archive = Archive(tmp_path / "issues")
    archive.create(small_issue())
    return archive
