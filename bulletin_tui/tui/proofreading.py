"""Proofreading in the app: the ``v`` panel of an issue's problems, going to one in the
reader with its spot highlighted, fixing one (undoable with ``u`` like every change)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work

from bulletin_tui.errors import BulletinError
from bulletin_tui.model import Item
from bulletin_tui.settings import LintSettings, load_lint_settings, load_settings
from bulletin_tui.tui.i18n import language, t
from bulletin_tui.tui.widgets.issue_tree import IssueTree, ItemTarget, issue_label

if TYPE_CHECKING:
    from bulletin_tui.proofread import Finding
    from bulletin_tui.proofread.archive_rules import ArchiveFacts
    from bulletin_tui.tui.app import BulletinApp
    from bulletin_tui.tui.screens.proofread import ProofreadScreen

# The rules, the panel and the fix path (tomlkit) are imported when first used: the
# reader starts without them.

Layout = Callable[[int], Text]


class Proofreader:
    """The app's proofreading actions (mixed into :class:`BulletinApp`)."""

    proofread_spot: Finding | None
    lint_settings: LintSettings
    _proofread_facts: ArchiveFacts | None = None

    def action_proofread(self: BulletinApp) -> None:
        """``v``: the problems of the selected issue, found off the UI thread."""
        tree = self.query_one(IssueTree)
        issue_file = tree.issue_of(tree.cursor_node)
        if issue_file is None:
            self.notify(t("select_issue"), severity="warning")
            return
        self.open_proofread(issue_file.path, issue_label(issue_file))

    @work(thread=True, exclusive=True, group="proofread", exit_on_error=False)
    def open_proofread(self: BulletinApp, path: Path, label: str) -> None:
        """Gather what the archive-wide rules need, proofread the issue, show the panel."""
        from bulletin_tui.proofread.archive_rules import ArchiveFacts
        from bulletin_tui.tui.screens.proofread import ProofreadScreen

        try:
            settings, problem = load_lint_settings(self.archive.root)
            if problem is not None:
                self.call_from_thread(self.notify, t("settings_problem", error=problem),
                                      severity="warning", markup=False)  # fmt: skip
            self.lint_settings = settings
            with self._index_lock:
                entries = self.index.entries()
            headers = [(f.path, f.header) for f in self.listing.issues]
            aliases = load_settings(self.archive.root)[0].aliases
            self._proofread_facts = ArchiveFacts.gather(headers, entries, aliases)
            findings = self.proofread_file(path)
        except (BulletinError, OSError) as error:
            self.call_from_thread(self.notify, t("proofread_failed", error=error),
                                  severity="error", markup=False)  # fmt: skip
            return
        screen = ProofreadScreen(path, label, findings)
        self.call_from_thread(self.push_screen, screen, self._proofread_chosen)

    def proofread_file(self: BulletinApp, path: Path) -> list[Finding]:
        """The problems of the issue stored at ``path``, as the file is now."""
        from bulletin_tui.proofread import Linter, read_for_lint

        return Linter(self.lint_settings).issues([read_for_lint(path)], self._proofread_facts)

    def _proofread_chosen(self: BulletinApp, finding: Finding | None) -> None:
        """Open the item (or the issue, for a header field) with the spot highlighted."""
        if finding is None:
            return
        self.proofread_spot = finding
        if finding.section_index is None:
            self.go_to(finding.path)
        else:
            self.open_item(ItemTarget(finding.path, finding.section, finding.title))
        tree = self.query_one(IssueTree)
        self.call_after_refresh(lambda: self._show_node(tree.cursor_node))

    def spotted(self: BulletinApp, layout: Layout, item: Item, path: Path | None) -> Layout:
        """``layout`` with the spot that the panel went to highlighted, when ``item`` is its
        item and the field still holds the text that was proofread."""
        finding = self.proofread_spot
        if finding is None or path != finding.path or item.title != finding.title:
            return layout
        stored = {"title": item.title, "source": item.source}.get(finding.field, item.body_text)
        if finding.field == "body" and [p for p in finding.text.split("\n") if p.strip()] != list(
            item.body
        ):
            return layout
        if finding.field != "body" and stored != finding.text:
            return layout
        from bulletin_tui.tui.screens.proofread import highlight_spot, spot_in_item

        target = spot_in_item(item, finding)
        if target is None:
            return layout
        return partial(highlight_spot, layout, target, finding.spot.length)

    # Handlers by name: ``@on`` is only collected from classes that are message pumps.
    def on_proofread_screen_fix_requested(
        self: BulletinApp, event: ProofreadScreen.FixRequested
    ) -> None:
        from bulletin_tui.proofread.fixes import FixText

        finding = event.finding
        base = next((f for f in self.listing.issues if f.path == finding.path), None)
        if base is None:
            self.notify(t("proofread_failed", error=finding.path), severity="error", markup=False)
            return
        if self.save_edit(base, FixText.of(finding)):
            self.notify(t("proofread_fixed", message=finding.message(language())), markup=False)
        self._proofread_again(event.screen)

    def on_proofread_screen_undo_requested(
        self: BulletinApp, event: ProofreadScreen.UndoRequested
    ) -> None:
        self.action_undo()
        self._proofread_again(event.screen)

    def _proofread_again(self: BulletinApp, screen: ProofreadScreen) -> None:
        try:
            screen.show(self.proofread_file(screen.path))
        except (BulletinError, OSError) as error:
            self.notify(t("proofread_failed", error=error), severity="error", markup=False)
