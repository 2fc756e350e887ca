"""The command palette in the screen's language: every action of the footer and of the
help screen, Textual's own system commands (theme, maximize, screenshot) said in our words,
and a "go to" for each issue."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from pathlib import Path
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


def screenshot_folder() -> Path:
    """The user's downloads folder where there is one, else the current folder: a folder
    that exists, so that the screenshot is never lost for want of one."""
    import platformdirs

    downloads = Path(platformdirs.user_downloads_dir())
    return downloads if downloads.is_dir() else Path.cwd()


def save_screenshot(app: BulletinApp) -> None:
    """Save the screen as SVG and say where, with the full path, in the screen's language."""
    target = screenshot_folder() / f"bulletin-{datetime.now():%Y%m%d-%H%M%S}.svg"
    try:
        target.write_text(app.export_screenshot(), encoding="utf-8")
    except OSError as error:
        app.notify(t("screenshot_failed", path=target, reason=error.strerror or error),
                   severity="error", markup=False)  # fmt: skip
        return
    app.notify(t("screenshot_saved", path=target.resolve()), markup=False)


def _reader_actions(app: BulletinApp) -> list[tuple[str, str, Callable[[], object]]]:
    """(title, help, action) of each action of the reader's footer and help screen: the title
    says what it does, the help its key (and more, where the title does not say it all)."""
    actions: list[tuple[str, str, str | None, Callable[[], object]]] = [
        ("cmd_new_item", "a", None, app.action_new_item),
        ("cmd_edit", "e", None, app.action_edit_item),
        ("cmd_delete", "d", None, app.action_delete_item),
        ("cmd_move_up", "alt+↑", None, partial(app.action_move_item, -1)),
        ("cmd_move_down", "alt+↓", None, partial(app.action_move_item, 1)),
        ("cmd_new_issue", "A", "cmd_new_issue_help", app.action_new_issue),
        ("cmd_undo", "u", None, app.action_undo),
        ("cmd_search", "/", None, app.action_search),
        ("cmd_next", "n", None, partial(app.action_step_result, 1)),
        ("cmd_previous", "N", None, partial(app.action_step_result, -1)),
        ("cmd_stats", "s", "cmd_stats_help", app.action_stats),
        ("cmd_export", "x", "cmd_export_help", app.action_export),
        ("cmd_copy", "c", "help_copy", app.action_copy_item),
        ("cmd_proofread", "v", None, app.action_proofread),
        ("cmd_adopt", "y", None, app.action_adopt_submission),
        ("cmd_decline", "r", None, app.action_decline_submission),
        ("cmd_import", "i", "cmd_import_help", app.action_import),
    ]
    return [
        (t(title), t("cmd_key_help", keys=key, help=t(more)) if more else t("cmd_key", keys=key),
         action)
        for title, key, more, action in actions
    ]  # fmt: skip


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
                        lambda: app.set_timer(0.1, partial(save_screenshot, app)))  # fmt: skip
    yield SystemCommand(t("cmd_quit"), t("key_quit"), app.action_quit)
    if screen is app.screen_stack[0]:
        for issue_file in app.listing.issues:
            yield SystemCommand(t("cmd_goto", label=issue_label(issue_file)), t("cmd_goto_help"),
                                partial(app.go_to, issue_file.path))  # fmt: skip
