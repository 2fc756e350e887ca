"""Make docs/screenshot.svg: the app on the bundled issues/, as the README shows it.

Run from the repository root: ``python docs/make_screenshot.py``.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from bulletin_tui.archive import Archive
from bulletin_tui.tui.app import BulletinApp
from bulletin_tui.tui.i18n import choose_language

ROOT = Path(__file__).parent.parent


async def main() -> None:
    choose_language("zh")
    app = BulletinApp(Archive(Path("issues")), watch_interval=0)
    async with app.run_test(size=(120, 34)) as pilot:
        await app.loaded.wait()
        await app.workers.wait_for_complete()
        for _ in range(3):
            await pilot.pause()
        app.save_screenshot(str(ROOT / "docs" / "screenshot.svg"))


if __name__ == "__main__":
    asyncio.run(main())
