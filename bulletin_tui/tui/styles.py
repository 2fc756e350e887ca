"""Styles shared by the dialogs and forms; each screen takes them as its DEFAULT_CSS.

Every rule lives with the screen or widget it styles (scoped to it), so the reader's first
frame parses only what the main screen shows; a dialog's rules are read when it opens.
"""

from __future__ import annotations

#: A box's heading (``.title``) and the note under it (``.hint``).
TEXT = """
.title {
    text-style: bold;
    margin-bottom: 1;
}

.hint {
    color: $text-muted;
    margin-top: 1;
}
"""

_BUTTONS = """
.buttons {
    height: auto;
    margin-top: 1;
    align-horizontal: right;
}

.buttons Button {
    margin-left: 2;
}
"""

_DIALOG = """
#dialog {
    width: 60;
    max-width: 95%;
    height: auto;
    border: thick $primary;
    background: $panel;
    padding: 1 2;
}

#dialog Label {
    margin-top: 1;
}

#error {
    color: $error;
    height: auto;
}
"""

_FORM = """
#form {
    width: 90;
    max-width: 98%;
    height: 90%;
    border: thick $primary;
    background: $panel;
    padding: 0 2;
}

#form Label {
    margin-top: 1;
}

#form TextArea {
    height: 12;
}

#form .error {
    color: $error;
    height: auto;
}

#form {
    border-subtitle-color: $text-muted;
}
"""


def centred(screen: str) -> str:
    """The rule that puts a modal screen's box in the middle."""
    return f"{screen} {{\n    align: center middle;\n}}\n"


def dialog_css(screen: str) -> str:
    """DEFAULT_CSS of a small dialog (``#dialog``: a message, fields, buttons)."""
    return centred(screen) + TEXT + _BUTTONS + _DIALOG


def form_css(screen: str) -> str:
    """DEFAULT_CSS of a form (``#form``: labelled fields, errors under them, buttons)."""
    return centred(screen) + TEXT + _BUTTONS + _FORM
