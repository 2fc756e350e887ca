"""Errors the user is meant to read: each one says, in one sentence, what went wrong."""

from __future__ import annotations

from pathlib import Path


class BulletinError(Exception):
    """An error that the command line prints as one sentence, with exit status 1.

    ``key`` and ``params``, where given, name the sentence for the screen's catalogue
    (``error_<key>``), so that the screen says it in its own language.
    """

    def __init__(self, *args: object, key: str | None = None, **params: object) -> None:
        super().__init__(*args)
        self.key = key
        self.params = params


class ModelError(BulletinError, ValueError):
    """A value breaks an invariant of the model; ``field`` names the offending field."""

    def __init__(self, field: str, reason: str, key: str | None = None, **params: object) -> None:
        super().__init__(f"{field}: {reason}", key=key, **params)
        self.field = field
        self.reason = reason


class IssueFileError(BulletinError):
    """An issue file that cannot be read as format 1: where, and why."""

    def __init__(
        self, path: Path | str, line: int | None, reason: str, column: int | None = None
    ) -> None:
        self.path = Path(path)
        self.line = line
        self.column = column
        self.reason = reason  # may be a reasons.Said, which the screen says in Chinese
        super().__init__(self.location() + ": " + reason)

    def location(self) -> str:
        """``path:line`` (and ``:column`` where known), as compilers print it."""
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __reduce__(self) -> tuple:
        """Rebuilt from its own fields when it comes back from another process."""
        return (type(self), (self.path, self.line, self.reason, self.column))


class SaveConflictError(BulletinError):
    """The file on disk is no longer the bytes an edit was based on."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        super().__init__(f"{path}: {reason}")


class EditError(BulletinError):
    """An edit that does not fit the issue (no such item, a duplicate section name)."""
