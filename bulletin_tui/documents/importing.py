"""Import a document (.txt, .docx, .pdf) through the one bulletin parser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bulletin_tui.documents.reading import read_bytes, read_document, refuse_binary
from bulletin_tui.plaintext.importer import ImportResult, import_bytes, import_lines


def import_document(path: Path, *, encoding: str | None = None, **options: Any) -> ImportResult:
    """The issue in ``path``: Word and PDF as hinted lines, anything else as text (in
    ``encoding``, else detected).

    Raises :class:`DocumentError` for a file that cannot be read and
    :class:`~bulletin_tui.plaintext.ImportTextError` for one that holds no bulletin.
    """
    from bulletin_tui.documents.hints import parser_lines

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".pdf", ".docx", ".doc", ".wps", ".dot"):
        parsed, wrapped = parser_lines(read_document(path), printed=suffix == ".pdf")
        return import_lines(parsed, name=str(path), wrapped=wrapped, **options)
    data = read_bytes(path)
    refuse_binary(data, str(path))
    return import_bytes(data, encoding=encoding, name=str(path), **options)
