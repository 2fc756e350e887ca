"""The command palette in the screen's language: every action of the footer and of the
help screen, Textual's own system commands (theme, maximize, screenshot) said in our words,
and a "go to" for each issue."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import ThemeProvider

from bulletin_tui.tui.i18n import t
from bulletin_tui.tui.widgets.issue_tree import issue_label

if TYPE_CHECKING:
    from bulletin_tui.tui.app import BulletinApp


def open_palette(app: BulletinApp) -> None:
    """``ctrl+p``: the palette, its prompt in the screen's language."""
    if not CommandPalette.is_open(app):
        app.push_screen(
            CommandPalette(placeholder=t("palette_placeholder"), id="--command-palette")
        )


def choose_theme(app: BulletinApp) -> None:
    """The themes, searched as commands are."""
    app.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=t("theme_placeholder")))


def _reader_actions(app: BulletinApp) -> list[tuple[str, str, Callable[[], object]]]:
    """(title, help, action) of each action of the reader's footer and help screen."""
    return [
        (t("cmd_new_item"), t("key_add"), app.action_new_item),
        (t("cmd_edit"), t("help_edit"), app.action_edit_item),
        (t("cmd_delete"), t("help_delete"), app.action_delete_item),
        (t("cmd_move_up"), t("key_move"), partial(app.action_move_item, -1)),
        (t("cmd_move_down"), t("key_move"), partial(app.action_move_item, 1)),
        (t("cmd_new_issue"), t("cmd_new_issue_help"), app.action_new_issue),
        (t("cmd_undo"), t("key_undo"), app.action_undo),
        (t("cmd_search"), t("search_placeholder"), app.action_search),
        (t("cmd_next"), t("key_step"), partial(app.action_step_result, 1)),
        (t("cmd_previous"), t("key_step"), partial(app.action_step_result, -1)),
        (t("cmd_stats"), t("cmd_stats_help"), app.action_stats),
        (t("cmd_export"), t("cmd_export_help"), app.action_export),
        (t("cmd_import"), t("cmd_import_help"), app.action_import),
        (t("cmd_copy"), t("help_copy"), app.action_copy_item),
        (t("cmd_proofread"), t("key_proofread"), app.action_proofread),
        (t("cmd_adopt"), t("key_adopt"), app.action_adopt_submission),
        (t("cmd_decline"), t("key_decline"), app.action_decline_submission),
    ]


def commands(app: BulletinApp, screen: Screen) -> Iterable[SystemCommand]:
    """What the palette offers on ``screen``: on the reader every action; everywhere the
    keys, theme, maximize, screenshot and quit."""
    if screen is app.screen_stack[0]:
        for title, help_text, action in _reader_actions(app):
            yield SystemCommand(title, help_text, action)
    yield SystemCommand(t("cmd_help"), t("cmd_help_help"), app.action_help)
    yield SystemCommand(t("cmd_theme"), t("cmd_theme_help"), partial(choose_theme, app))
    if screen.maximized is not None:
        yield SystemCommand(t("cmd_minimize"), t("cmd_minimize_help"), screen.action_minimize)
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield SystemCommand(t("cmd_maximize"), t("cmd_maximize_help"), screen.action_maximize)
    yield SystemCommand(t("cmd_screenshot"), t("cmd_screenshot_help"),
                        lambda: app.set_timer(0.1, app.deliver_screenshot))  # fmt: skip
    yield SystemCommand(t("cmd_quit"), t("key_quit"), app.action_quit)
    if screen is app.screen_stack[0]:
        for issue_file in app.listing.issues:
            yield SystemCommand(t("cmd_goto", label=issue_label(issue_file)), t("cmd_goto_help"),
                                partial(app.go_to, issue_file.path))  # fmt: skip
