"""What the pilot tests of the reader share: waiting for it to start or to settle, and
reading its screen as drawn."""

from __future__ import annotations

from typing import Any

from bulletin_tui.tui.app import BulletinApp


async def started(app: BulletinApp, pilot: Any) -> None:
    """The archive loaded, every worker done, and the screen drawn after that."""
    await app.loaded.wait()
    await app.workers.wait_for_complete()
    for _ in range(3):
        await pilot.pause()


async def settle(app: BulletinApp, pilot: Any) -> None:
    """Every worker done, and the screen drawn after that."""
    await app.workers.wait_for_complete()
    for _ in range(3):
        await pilot.pause()


def screen_lines(app: BulletinApp) -> list[str]:
    """The active screen as drawn, a string a row (a wide character once)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]
