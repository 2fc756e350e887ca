"""A document (text, Word, PDF) as the lines the bulletin parser reads, with layout hints.

Readers keep what a document knows better than its text: where a line is indented, which
lines are bold, larger or centred, where a paragraph starts. They never parse the
bulletin; :mod:`bulletin_tui.documents.importing` hands the lines to the one parser.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bulletin_tui.errors import BulletinError
from bulletin_tui.reasons import refusal, rekeyed

#: The kinds of file the importer reads, by suffix.
SUFFIXES = (".txt", ".docx", ".pdf")
_OLD_WORD = {".doc": "an old Word (.doc)", ".wps": "a WPS (.wps)", ".dot": "an old Word (.dot)"}


@dataclass(frozen=True)
class Line:
    """One line of a document as the bulletin parser reads it."""

    text: str
    indent: float | None = None  # left indent in characters from the body's left edge
    bold: bool = False
    centred: bool = False
    size: float | None = None  # font size in pt
    page: int = 0
    paragraph_start: bool = False  # the document says a new paragraph starts here
    run_in: int = 0  # leading characters set as a headline (bold or another font) before body
    full: bool | None = None  # the line runs to the right margin (PDF), so its paragraph may go on
    space_after: bool = False  # a space ended the line (a word gap where the line wrapped)


class DocumentError(BulletinError):
    """A document that cannot be read: one sentence saying why (and what to do)."""


#: The largest document read: a bulletin's PDF with its fonts is a few megabytes.
MAX_DOCUMENT_BYTES = 100 * 1024 * 1024
#: The largest text read: what an issue file may hold (a bulletin is a few hundred kB).
MAX_TEXT_BYTES = 10 * 1024 * 1024


def read_bytes(path: Path) -> bytes:
    """The bytes of a document: a regular file of bounded size (a pipe or ``/dev/zero``
    must not hang an import), or :class:`DocumentError` saying why not."""
    from bulletin_tui.archive import read_file
    from bulletin_tui.errors import IssueFileError

    if path.is_dir():
        raise refusal(DocumentError, "doc_folder", name=path)
    limit = MAX_DOCUMENT_BYTES if path.suffix.lower() in (".pdf", ".docx") else MAX_TEXT_BYTES
    try:
        return read_file(path, limit=limit)
    except IssueFileError as error:
        raise refusal(DocumentError, "doc_unreadable", name=path, reason=error.reason) from None


def read_document(path: Path) -> list[Line]:
    """The lines of a ``.txt``, ``.docx`` or ``.pdf`` file; :class:`DocumentError` if unreadable."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in _OLD_WORD:
        kind = _OLD_WORD[suffix]
        raise refusal(DocumentError, "doc_old_word", name=path, kind=kind, suffix=suffix)
    data = read_bytes(path)
    if not data.strip():
        raise refusal(DocumentError, "doc_empty", name=path)
    if suffix == ".pdf":
        from bulletin_tui.documents.pdf_reader import read_pdf

        return read_pdf(data, str(path))
    if suffix == ".docx":
        from bulletin_tui.documents.docx_reader import read_docx

        return read_docx(data, str(path))
    if suffix in (".txt", ""):
        return text_lines(data, str(path))
    raise refusal(DocumentError, "doc_unknown_kind", name=path)


def text_lines(data: bytes, name: str, encoding: str | None = None) -> list[Line]:
    """Plain text (any encoding :func:`~bulletin_tui.cjk.decode_text` knows) as lines,
    without hints: the text parser reads the indentation itself."""
    from bulletin_tui.cjk import DecodeError, decode_text

    refuse_binary(data, name)
    try:
        text = decode_text(data, encoding, name)
    except DecodeError as error:
        raise rekeyed(DocumentError, error) from None
    return [Line(line) for line in text.splitlines()]


def refuse_binary(data: bytes, name: str) -> None:
    """Raise for a PDF, Word or zip file that is about to be read as text."""
    if data.startswith(b"%PDF-"):
        raise refusal(DocumentError, "doc_pdf_as_text", name=name)
    if data.startswith(b"PK\x03\x04"):
        raise refusal(DocumentError, "doc_zip_as_text", name=name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise refusal(DocumentError, "doc_ole", name=name)
