"""Drafts of open forms, kept in the user data folder so that no typing is ever lost."""

from __future__ import annotations

from pathlib import Path

from bulletin_tui.atomic import write_atomic


def default_folder() -> Path:
    """``drafts/`` in the user data folder of this platform."""
    import platformdirs

    return Path(platformdirs.user_data_dir("bulletin_tui", appauthor=False)) / "drafts"


class Drafts:
    """One JSON file a form target (a new item for an issue, or one item being edited)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    # hashlib and json are imported when a form first needs a draft: the reader starts
    # without them

    def _path(self, target: str) -> Path:
        import hashlib

        return self.folder / (hashlib.sha256(target.encode("utf-8")).hexdigest()[:24] + ".json")

    def save(self, target: str, fields: dict[str, str]) -> None:
        """Keep what is typed for ``target`` (atomically: a crash leaves the old draft)."""
        import json

        self.folder.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"target": target, "fields": fields}, ensure_ascii=False)
        write_atomic(self._path(target), data.encode("utf-8"))

    def load(self, target: str) -> dict[str, str] | None:
        """The draft kept for ``target``, if there is a readable one."""
        import json

        path = self._path(target)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return None  # an unreadable draft is no draft; the form starts as it would
        if data.get("target") != target or not isinstance(data.get("fields"), dict):
            return None
        return {str(k): str(v) for k, v in data["fields"].items()}

    def discard(self, target: str) -> None:
        """Forget the draft for ``target`` (after a save or a cancel)."""
        self._path(target).unlink(missing_ok=True)
