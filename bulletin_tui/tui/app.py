"""The reader app: a tree of issues beside a reader pane, kept in step with the files."""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header
from textual.worker import Worker, WorkerState

from bulletin_tui.archive import Archive, BrokenFile, IssueFile, Listing
from bulletin_tui.drafts import Drafts
from bulletin_tui.drafts import default_folder as default_drafts_folder
from bulletin_tui.errors import BulletinError, IssueFileError
from bulletin_tui.index import Index
from bulletin_tui.model import Item, Section
from bulletin_tui.settings import LintSettings, load_lint_settings
from bulletin_tui.tui import render
from bulletin_tui.tui.composing import Composer, circulation_item, circulation_section
from bulletin_tui.tui.explain import describe
from bulletin_tui.tui.i18n import t
from bulletin_tui.tui.inbox import InboxActions
from bulletin_tui.tui.proofreading import Proofreader
from bulletin_tui.tui.widgets.footer import ReaderFooter
from bulletin_tui.tui.widgets.issue_tree import (
    FIRST_BATCH,
    IssueTree,
    ItemTarget,
    NodeData,
    issue_label,
)
from bulletin_tui.tui.widgets.reader import Reader

if TYPE_CHECKING:
    from bulletin_tui.search import Hit
    from bulletin_tui.settings import Settings
    from bulletin_tui.tui.screens.export import ExportRequest

# Screens, the exporter, search and statistics are imported when first used: the reader
# starts without them (``python -X importtime -m bulletin_tui`` shows what start costs).

#: Every file's path, size and modification time: what "changed on disk" compares.
Signature = frozenset[tuple[str, tuple[int, int]]]


#: Actions that act on the tree's selection: offered on the reader's screen only.
READER_ACTIONS = frozenset({"copy_item", "export", "stats", "new_item", "edit_item", "delete_item",
                           "move_item", "new_issue", "undo", "search", "step_result",
                           "proofread", "adopt_submission",
                           "decline_submission", "import"})  # fmt: skip


class BulletinApp(InboxActions, Composer, Proofreader, App[None]):
    """Read and compose an archive of bulletin issues."""

    def __init__(
        self, archive: Archive, *, watch_interval: float = 1.0, drafts: Drafts | None = None
    ) -> None:
        super().__init__()
        self.archive = archive
        self.watch_interval = watch_interval
        self.drafts = drafts or Drafts(default_drafts_folder())
        self.undo_stack = []
        self.proofread_spot = None  # the problem the proofreading panel went to
        self.lint_settings = LintSettings()
        self.index = Index(archive, keep_text=True)
        self._index_lock = threading.Lock()
        self.search_hits: list[Hit] = []
        self.search_position = 0
        self.search_terms: list[str] = []
        self.listing = Listing((), ())
        #: Every section name and source in the archive (suggestions for the item form).
        self.names: tuple[list[str], list[str]] = ([], [])
        self._signature: Signature | None = None
        self._watch_rests_until = 0.0
        self.loaded = asyncio.Event()  # set once the first listing is on screen
        self.title = t("title")
        self.sub_title = str(archive.root.absolute())  # the full path: where it writes
        self.bind("q", "quit", description=t("key_quit"))
        self.bind("question_mark", "help", description=t("key_help"), key_display="?")
        self.bind("c", "copy_item", description=t("key_copy"))
        self.bind("x", "export", description=t("key_export"))
        self.bind("s", "stats", description=t("key_stats"))
        self.bind("i", "import", description=t("key_import"), show=False)
        self.bind("a", "new_item", description=t("key_add"))
        self.bind("e", "edit_item", description=t("key_edit"))
        self.bind("d", "delete_item", description=t("key_delete"))
        self.bind("alt+up", "move_item(-1)", description=t("key_move"), show=False)
        self.bind("alt+down", "move_item(1)", description=t("key_move"), show=False)
        self.bind("A", "new_issue", description=t("key_new_issue"), show=False)
        self.bind("u", "undo", description=t("key_undo"), show=False)
        self.bind("slash", "search", description=t("key_search"), key_display="/")
        self.bind("v", "proofread", description=t("key_proofread"))
        self.bind("n", "step_result(1)", description=t("key_next"), show=False)
        # Textual binds ctrl+p itself, described in English: say it in the screen's language
        palette_keys = self._bindings.key_to_bindings.get(self.COMMAND_PALETTE_BINDING, [])
        for number, binding in enumerate(palette_keys):
            palette_keys[number] = replace(binding, description=t("key_palette"))
        self.bind("N", "step_result(-1)", description=t("key_previous"), show=False)
        self.bind("y", "adopt_submission", description=t("key_adopt"))
        self.bind("r", "decline_submission", description=t("key_decline"))

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal():
            tree = IssueTree(id="tree")
            tree.border_title = t("tree")
            yield tree
            reader = Reader(id="reader")
            reader.border_title = t("reader")
            yield reader
        yield ReaderFooter()  # the keys that fit; all of them in ?

    def on_mount(self) -> None:
        self.query_one(IssueTree).focus()
        # The first frame shows the newest issues as the index cache knows them (a quick
        # query, no file touched); the files are checked once it is on screen.
        known = Listing((), ())
        if self.archive.root.is_dir():
            known = self.index.known_listing(FIRST_BATCH)
        if known.issues or known.broken:
            self.show_listing(known, None, read_inbox=False)
            # the inbox is read after the first frame too (with submissions, that checks
            # the cache against every file for what they adopted)
            self.call_after_refresh(self.load_inbox)
        else:
            self.query_one(Reader).show(partial(render.message_text, t("loading")))
        self.call_after_refresh(self.load_archive)
        if self.watch_interval:
            self.set_interval(self.watch_interval, self.look_for_changes)

    # loading and watching ---------------------------------------------------------------

    def _signature_now(self) -> Signature:
        return frozenset(self.index.stamps().items())

    def _progress(self, done: int, total: int) -> None:
        """Show how far a build is; the bar is there only while it runs."""
        from bulletin_tui.tui.widgets.progress import BuildProgress

        bars = self.query(BuildProgress)
        if done >= total:
            bars.remove()
            return
        bar = bars.first() if bars else None
        if bar is None:
            bar = BuildProgress()
            self.mount(bar, before=self.query_one(Footer))
        bar.update(total=total, progress=done)

    def _indexed_listing(self, signature: Signature, *, progress: bool) -> Listing:
        """Bring the index cache up to date with the files ``signature`` saw; read it."""
        if not self.archive.root.is_dir():
            return Listing((), ())
        report = written = None
        if progress:

            def report(done: int, total: int) -> None:
                # every 1 %: each report waits for the screen, and a build reads thousands
                if done == total or done % max(1, total // 100) == 0:
                    self.call_from_thread(self._progress, done, total)

            def written() -> None:
                # a long build: the newest issues (read first) are shown before it ends
                if not self.loaded.is_set():
                    self._show_first(self.index.listing(FIRST_BATCH))

        with self._index_lock:
            self.index.refresh(report, dict(signature), written)
            return self.index.listing()

    def _show_first(self, listing: Listing) -> None:
        """From the worker: show what the cache knows, and wait (a little) until the first
        item is drawn before checking the files, which would hold up the screen."""
        if not listing.issues and not listing.broken:
            return
        drawn = threading.Event()

        def show() -> None:
            self.show_listing(listing, None)
            # the cursor moves after the next refresh, the reader follows after the one after
            self.call_after_refresh(self.call_after_refresh, drawn.set)

        self.call_from_thread(show)
        drawn.wait(timeout=1.0)

    def _prepare_after_refresh(self) -> None:
        """Once the tree shows the new state: the item form's suggestions and the search's
        kept text, read again off the UI thread (at thousands of issues each takes a while
        the tree need not wait for)."""
        with self._index_lock:
            self.names = self.index.names()
            self.index.prepare_search()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_archive(self) -> None:
        """Check the files against the index cache (off the UI thread), read what
        changed, and fill the tree; the screen follows, as on a live reload."""
        signature = self._signature_now()
        self.lint_settings = load_lint_settings(self.archive.root)[0]  # the item form's
        listing = self._indexed_listing(signature, progress=True)
        self.call_from_thread(self.show_listing, listing, signature, announce=False)
        if self.index.problem is not None:
            self.call_from_thread(self.notify, self.index.problem, severity="warning",
                                  markup=False)  # fmt: skip
        self._prepare_after_refresh()

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def look_for_changes(self) -> None:
        """Compare the files with what was loaded; reload if any changed.

        Looking at tens of thousands of files takes a while: when a look takes more than
        a tenth of a second, the watcher rests so that it looks a twentieth of the time.
        """
        if self._signature is None or time.monotonic() < self._watch_rests_until:
            return
        if not self.archive.root.is_dir():
            return
        began = time.monotonic()
        signature = self._signature_now()
        took = time.monotonic() - began
        if took > 0.1:  # a large archive (a small one is looked at every time)
            self._watch_rests_until = time.monotonic() + 19 * took
        if signature != self._signature:
            listing = self._indexed_listing(signature, progress=False)
            self.call_from_thread(self.show_listing, listing, signature)
            self._prepare_after_refresh()

    @work(thread=True, group="index", exit_on_error=False)
    def refresh_index(self) -> None:
        """After a save of our own: bring the cache (and so the search) up to date."""
        with self._index_lock:
            self.index.refresh()
        self._prepare_after_refresh()

    def search_items(self, terms: list[str], limit: int) -> list[Hit]:
        """The first ``limit`` items holding every term, newest first (called from a
        worker)."""
        from bulletin_tui.search import search

        with self._index_lock:
            return search(self.index, terms, limit=limit)

    def show_listing(
        self,
        listing: Listing,
        signature: Signature,
        *,
        announce: bool = True,
        select: ItemTarget | None = None,
        read_inbox: bool = True,
    ) -> None:
        """Put a (new) listing on screen, keeping the selection where it still exists (and
        read the inbox again, unless ``read_inbox`` is False)."""
        changed = self._changed_paths(signature) if announce else []
        self.loaded.set()
        self.listing = listing
        self._signature = signature
        tree = self.query_one(IssueTree)
        in_inbox = self.inbox_selection() if select is None else None
        opened = tree.show(listing, select.keys if select is not None else None)
        self.show_inbox(in_inbox)
        if read_inbox:
            self.load_inbox()
        if in_inbox is not None:
            opened = None  # the submission stays on screen
        if not listing.issues and not listing.broken:
            message = (
                t("empty_archive", path=self.archive.root)
                if self.archive.root.is_dir()
                else t("no_archive", path=self.archive.root)
            )
            self.query_one(Reader).show(partial(render.message_text, message))
        if opened is not None:
            self._show_node(opened)  # in the same frame as the tree: what a start waits for
        self.call_after_refresh(lambda: self._show_node(tree.cursor_node, keep_scroll=True))
        for path in changed:
            self.notify(t("reloaded", path=path), timeout=3)

    def _changed_paths(self, signature: Signature) -> list[str]:
        if self._signature is None:
            return []
        return sorted({entry[0] for entry in signature ^ self._signature})

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            what = describe(event.worker.error)
            self.notify(t("load_failed", error=what), severity="error", timeout=8, markup=False)

    # reading --------------------------------------------------------------------------

    @on(IssueTree.NodeHighlighted)
    def _highlighted(self, event: IssueTree.NodeHighlighted[NodeData]) -> None:
        if not self.query(Reader):  # a highlight still queued as the app closes its screen
            return
        self._show_node(event.node)

    def _show_node(self, node: object, *, keep_scroll: bool = False) -> None:
        data = getattr(node, "data", None)
        reader = self.query_one(Reader)
        if self._show_inbox_node(node):
            return
        if isinstance(data, IssueFile):
            try:
                issue = data.issue
                reader.show(partial(render.issue_text, issue), keep_scroll=keep_scroll,
                            characters=render.characters(issue))  # fmt: skip
            except (IssueFileError, OSError) as error:  # changed since the listing was read
                if not isinstance(error, IssueFileError):
                    error = IssueFileError(data.path, None, str(error.strerror or error))
                reader.show(partial(render.broken_text, BrokenFile(data.path, error)))
        elif isinstance(data, Section):
            reader.show(partial(render.section_text, data), keep_scroll=keep_scroll,
                        characters=render.characters(data))  # fmt: skip
        elif isinstance(data, Item):
            layout = partial(render.item_text, data)
            issue_file = self.query_one(IssueTree).issue_of(node)  # type: ignore[arg-type]
            layout = self.spotted(layout, data, issue_file.path if issue_file else None)
            if self.search_terms:
                layout = partial(render.highlighted, layout, self.search_terms)
            reader.show(layout, keep_scroll=keep_scroll, characters=render.characters(data))
        elif isinstance(data, BrokenFile):
            reader.show(partial(render.broken_text, data), keep_scroll=keep_scroll)

    # actions --------------------------------------------------------------------------

    def action_help(self) -> None:
        from bulletin_tui.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_search(self) -> None:
        """The search screen; the chosen result opens with its matches highlighted."""
        from bulletin_tui.tui.screens.search import SearchScreen

        self.push_screen(SearchScreen(" ".join(self.search_terms)), self._search_chosen)

    def _search_chosen(self, choice: tuple[list[Hit], int | None, list[str]] | None) -> None:
        if choice is None:
            return
        self.search_hits, position, self.search_terms = choice
        if position is None:  # closed with Esc: ``n`` goes to the first result, ``N`` the last
            self.search_position = -1
            return
        self.search_position = position
        self._go_to_hit()

    def _go_to_hit(self) -> None:
        hit = self.search_hits[self.search_position]
        self.open_item(ItemTarget(hit.path, hit.section, hit.title))
        count = len(self.search_hits)
        self.notify(t("search_position", position=self.search_position + 1, count=count),
                    timeout=2)  # fmt: skip

    def action_step_result(self, step: int) -> None:
        """``n`` / ``N``: the next or previous search result."""
        if not self.search_hits:
            self.notify(t("search_none"), severity="warning")
            return
        count = len(self.search_hits)
        if self.search_position < 0:  # none opened yet
            self.search_position = 0 if step > 0 else count - 1
        else:
            self.search_position = (self.search_position + step) % count
        self._go_to_hit()

    def action_copy_item(self) -> None:
        """Copy the selected item, section or whole issue in its circulation form."""
        node = self.query_one(IssueTree).cursor_node
        data = node.data if node is not None else None
        if isinstance(data, Item):
            text, message = circulation_item(data), t("copied", title=data.title)
        elif isinstance(data, Section):
            text = circulation_section(data)
            message = t("copied_section", name=data.name or t("unnamed_section"),
                        count=len(data.items))  # fmt: skip
        elif isinstance(data, IssueFile):
            from bulletin_tui.plaintext import export

            text, message = export(data.issue, "text"), t("copied_issue", label=issue_label(data))
        else:
            self.notify(t("nothing_to_copy"), severity="warning")
            return
        self.copy_to_clipboard(text)
        if os.environ.get("TMUX"):  # tmux passes OSC 52 on only with set-clipboard on
            message += t("copy_tmux")
        self.notify(message, markup=False)

    def action_export(self) -> None:
        """Ask how and where to export the selected issue, then write it."""
        tree = self.query_one(IssueTree)
        issue_file = tree.issue_of(tree.cursor_node)
        if issue_file is None:
            self.notify(t("nothing_to_export"), severity="warning")
            return
        from bulletin_tui.documents.layout import DocumentSettings, load_document_settings
        from bulletin_tui.tui.screens.export import ExportScreen

        try:
            settings = load_document_settings(self.archive.root)
        except IssueFileError as error:
            self.notify(t("settings_problem", error=error), severity="warning", markup=False)
            settings = DocumentSettings()
        folder = settings.export_folder or Path.cwd()
        screen = ExportScreen(
            issue_label(issue_file), issue_file.path.stem, folder, run_in=settings.layout.run_in
        )
        self.push_screen(screen, partial(self._export_chosen, issue_file))

    def _export_chosen(self, issue_file: IssueFile, request: ExportRequest | None) -> None:
        if request is None:
            return
        if request.target.exists():
            from bulletin_tui.tui.screens.confirm import ConfirmScreen

            question = ConfirmScreen(t("confirm_replace", path=request.target))
            self.push_screen(question, partial(self._export_confirmed, issue_file, request))
        else:
            self.write_export(issue_file, request, force=False)

    def _export_confirmed(self, issue_file: IssueFile, request: ExportRequest, yes: bool) -> None:
        if yes:
            self.write_export(issue_file, request, force=True)

    @work(thread=True, group="export", exit_on_error=False)
    def write_export(self, issue_file: IssueFile, request: ExportRequest, *, force: bool) -> None:
        """Write the export (off the UI thread) through the command line's code; say where."""
        from bulletin_tui.documents.output import render, write_export
        from bulletin_tui.documents.pdf_writer import NoCjkFontError

        stand_ins: list = []
        try:
            data = render(
                issue_file.issue,
                request.options,
                archive_root=self.archive.root,
                warn=stand_ins.append,
            )
            write_export(request.target, data, force=force)
        except NoCjkFontError:
            self.call_from_thread(self.notify, t("export_no_cjk_font"), severity="error")
            return
        except (BulletinError, OSError) as error:
            message = t("export_failed", error=error)
            self.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        if stand_ins:
            from bulletin_tui.tui.screens.export import describe_stand_in

            message = "\n".join(describe_stand_in(s.used, s.missing, s.roles) for s in stand_ins)
            self.call_from_thread(self.notify, message, severity="warning", markup=False)
        done = t("export_done", path=request.target)
        self.call_from_thread(self.notify, done, markup=False)

    def action_import(self) -> None:
        """The import dialog, opened on the working folder; the tree then shows the first
        issue it wrote."""
        from bulletin_tui.tui.screens.import_dialog import ImportScreen

        self.push_screen(ImportScreen(Path.cwd(), self.archive), self._imported)

    def _imported(self, written: list[Path] | None) -> None:
        if written:
            self.show_imported(written[0])

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def show_imported(self, first: Path) -> None:
        """Read the archive again (off the UI thread), then select the first new issue."""
        signature = self._signature_now()
        listing = self._indexed_listing(signature, progress=False)
        self.call_from_thread(self.show_listing, listing, signature, announce=False)
        self.call_from_thread(self.go_to, first)
        self._prepare_after_refresh()

    def action_stats(self) -> None:
        """The statistics screen; an item chosen there opens in the reader."""
        from bulletin_tui.settings import load_settings

        settings, problem = load_settings(self.archive.root)
        if problem is not None:
            message = t("settings_problem", error=describe(problem))
            self.notify(message, severity="warning", markup=False)
        self.open_stats(settings)

    @work(thread=True, exclusive=True, group="stats", exit_on_error=False)
    def open_stats(self, settings: Settings) -> None:
        """Count from the index cache (off the UI thread), then show the statistics."""
        from bulletin_tui.tui.screens.stats import StatsScreen

        with self._index_lock:
            entries = self.index.entries() if self.archive.root.is_dir() else []
        submissions, adopted = self.inbox_for_stats()
        screen = StatsScreen(entries, settings, submissions, adopted)
        self.call_from_thread(self.push_screen, screen, self.open_item)

    def open_item(self, target: ItemTarget | None) -> None:
        """Select an item in the tree (its issue and section opened) and show it."""
        if target is None:
            return
        tree = self.query_one(IssueTree)
        tree.select(target.keys)
        tree.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The reader's actions belong to the reader: on the statistics or search screen
        they are neither shown in the footer nor run."""
        if action in READER_ACTIONS and self.screen is not self.screen_stack[0]:
            return False
        return super().check_action(action, parameters)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from bulletin_tui.tui import palette

        yield from palette.commands(self, screen)

    def action_command_palette(self) -> None:
        from bulletin_tui.tui import palette

        palette.open_palette(self)

    def go_to(self, path: Path) -> None:
        """Open the issue stored at ``path`` and select it."""
        tree = self.query_one(IssueTree)
        tree.select((("issue", str(path)),))
        tree.focus()

    @property
    def reader_text(self) -> str:
        """The reader pane's text (what a person sees there), for tests."""
        return self.query_one(Reader).text

    def tree_labels(self) -> list[str]:
        """Every visible label of the tree, in order, as plain text."""
        tree = self.query_one(IssueTree)
        labels = []
        for line in range(tree.last_line + 1):
            node = tree.get_node_at_line(line)
            if node is not None:
                label = node.label
                labels.append(label.plain if isinstance(label, Text) else str(label))
        return labels


def run(archive: Archive) -> None:
    """Run the app in the terminal."""
    BulletinApp(archive).run()
