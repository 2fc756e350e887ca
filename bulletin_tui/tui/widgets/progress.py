"""The build progress: a bar under the panes while the index cache is being built."""

from __future__ import annotations

from textual.widgets import ProgressBar


class BuildProgress(ProgressBar):
    """Mounted when a cold build starts and removed when it ends, so an app started on a
    fresh cache costs nothing for it."""

    DEFAULT_CSS = """
    BuildProgress {
        height: 1;
        padding: 0 1;
    }
    """

    def __init__(self) -> None:
        super().__init__(show_eta=False, id="progress")
