"""Errors from the layers below, said in the screen's language.

The archive, the model and the edits raise errors whose English sentence the command line
prints. Where an error carries a ``key`` (and its values), the screen takes the sentence
from its catalogue instead; errors of a known type are mapped here; an unexpected one is
named as an internal error.
"""

from __future__ import annotations

import errno
from collections.abc import Mapping

from bulletin_tui.errors import BulletinError, IssueFileError, ModelError, SaveConflictError
from bulletin_tui.reasons import Said, spoken
from bulletin_tui.tui.i18n import CATALOGUE, t

#: The model's field names → the form's label for them.
FIELD_LABELS = {
    "title": "form_title",
    "body": "form_body",
    "source": "form_source",
    "author": "form_author",
    "section": "form_section",
    "series": "issue_series",
    "number": "issue_number",
    "total": "issue_total",
    "date": "issue_date",
    "publisher": "issue_publisher",
    "copies": "issue_copies",
    "sections": "field_sections",
}

_OS_ERRORS = {
    errno.EACCES: "error_permission",
    errno.EPERM: "error_permission",
    errno.ENOSPC: "error_no_space",
    errno.EROFS: "error_read_only",
    errno.ENOENT: "error_not_found",
}


def reason(error: ModelError) -> str:
    """Why a field's value was refused, in the screen's language."""
    if error.key and f"reason_{error.key}" in CATALOGUE:
        return t(f"reason_{error.key}", **error.params)
    return error.reason


def field_label(field: str) -> str:
    """The form's name for a model field (``body paragraph 2`` is the body)."""
    key = FIELD_LABELS.get(field.split()[0], "")
    return t(key).split("（")[0].split(" (")[0] if key else field


def said_on_screen(key: str, values: Mapping[str, str]) -> str | None:
    """The screen's sentence for a key of :mod:`bulletin_tui.reasons` (why a document is
    not imported, what the importer guessed); None for a key it does not have."""
    name = f"import_reason_{key}"
    return t(name, **values) if name in CATALOGUE else None


def file_reason(error: IssueFileError) -> str:
    """Why a file is broken, in the screen's language where the archive's reader tells the
    case apart (a pipe, too large, missing…); else as the error says it."""
    if isinstance(error.reason, Said):  # the archive's reader names the case
        return spoken(error.reason, said_on_screen)
    from bulletin_tui.tui.toml_reasons import toml_reason

    return toml_reason(error.reason) or error.reason


def describe(error: BaseException) -> str:
    """One sentence for ``error`` in the screen's language."""
    if isinstance(error, ModelError):
        return t("error_field", field=field_label(error.field), reason=reason(error))
    if isinstance(error, SaveConflictError):
        return t("error_save_conflict", path=error.path)
    if isinstance(error, IssueFileError):
        return t("error_broken_file", where=error.location(), reason=file_reason(error))
    if isinstance(error, BulletinError):
        if error.key and f"import_reason_{error.key}" in CATALOGUE:  # a document refused
            return spoken(error, said_on_screen)
        if error.key and f"error_{error.key}" in CATALOGUE:
            values = dict(error.params)
            if error.key == "item_gone":
                values["section"] = f"【{values['section']}】" if values.get("section") else ""
            return t(f"error_{error.key}", **values)
        return str(error)
    if isinstance(error, OSError):
        path = error.filename or ""
        key = _OS_ERRORS.get(error.errno or 0)
        if key is not None:
            return t(key, path=path)
        return t("error_os", path=path, reason=error.strerror or error)
    return t("error_internal", error=f"{type(error).__name__}: {error}")
