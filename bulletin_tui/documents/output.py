"""One way to turn an issue into the bytes of any export format and put them in a file.

The command line and the export dialog both come through here, so a file written from
either is the same, and so are the refusals (an existing file, a missing folder).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bulletin_tui.errors import BulletinError
from bulletin_tui.model import Issue

if TYPE_CHECKING:
    from bulletin_tui.documents.pdf_writer import StandIn

FORMATS = ("text", "markdown", "json", "docx", "pdf")
BINARY_FORMATS = ("docx", "pdf")
SUFFIXES = {"text": ".txt", "markdown": ".md", "json": ".json", "docx": ".docx", "pdf": ".pdf"}


class ExportTargetError(BulletinError):
    """The file cannot be written where asked: it exists, its folder is missing, or no access."""


@dataclass(frozen=True)
class ExportOptions:
    """How to export: the format and what the text formats and documents take."""

    fmt: str = "text"
    width: int | None = None
    run_in: bool | None = None
    encoding: str = "utf-8"
    crlf: bool = False


def render(
    issue: Issue,
    options: ExportOptions,
    *,
    archive_root: Path | None = None,
    warn: Callable[[StandIn], None] | None = None,
) -> bytes:
    """The bytes of ``issue`` exported as ``options`` say.

    Word and PDF read ``[layout]`` from the archive's ``bulletin.toml`` (``archive_root``);
    ``warn`` hears which fonts stood in for missing ones.
    """
    if options.fmt in BINARY_FORMATS:
        from bulletin_tui.documents.layout import Layout, load_document_settings

        layout = load_document_settings(archive_root).layout if archive_root else Layout()
        if options.fmt == "docx":
            from bulletin_tui.documents.docx_writer import export_docx

            return export_docx(issue, layout, run_in=options.run_in)
        from bulletin_tui.documents.pdf_writer import export_pdf

        return export_pdf(issue, layout, run_in=options.run_in, warn=warn)
    from bulletin_tui.plaintext import encode, export

    text = export(issue, options.fmt, width=options.width, run_in=bool(options.run_in))
    return encode(text, encoding=options.encoding, crlf=options.crlf)


def check_target(path: Path, *, force: bool) -> None:
    """Refuse, in one sentence, a target that cannot or must not be written."""
    if path.is_dir():
        raise ExportTargetError(f"{path} is a folder; give a file name")
    if not path.parent.is_dir():
        raise ExportTargetError(f"cannot write {path}: the folder {path.parent} does not exist")
    if path.exists() and not force:
        raise ExportTargetError(f"{path} already exists; use --force to replace it")


def write_export(path: Path, data: bytes, *, force: bool) -> None:
    """Write ``data`` to ``path`` atomically; an existing file only when ``force``."""
    from bulletin_tui.atomic import write_atomic

    check_target(path, force=force)
    try:
        write_atomic(path, data, exclusive=not force)
    except FileExistsError:
        raise ExportTargetError(f"{path} already exists; use --force to replace it") from None
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise ExportTargetError(f"cannot write {path}: {reason}") from None
