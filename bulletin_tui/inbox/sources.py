"""Submitted files → the submissions they hold: one per document, one per mail attachment.

Word, PDF and text go through the document readers (:func:`read_document`); a saved mail
(``.eml``, read with the standard library) gives one submission per attachment those
readers take, and its own text when it has none.
"""

from __future__ import annotations

import email
import email.policy
import re
import tempfile
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr
from html.parser import HTMLParser
from pathlib import Path

from bulletin_tui.documents.reading import SUFFIXES, read_document
from bulletin_tui.inbox.intake import Block, Draft, IntakeError, blocks_of, parse_submission

#: What ``bulletin inbox add`` takes.
INTAKE_SUFFIXES = (*SUFFIXES, ".eml")


@dataclass(frozen=True)
class Received:
    """One submission found in a file: its item, and the original kept with it."""

    draft: Draft
    original: bytes
    name: str  # the original's file name (an attachment's own name)
    sender: str = ""  # a mail's sender, as its From line names them


def read_file(path: Path) -> tuple[list[Received], list[str]]:
    """The submissions in one file, and warnings (attachments that were skipped).

    Raises :class:`IntakeError` or the readers' ``DocumentError`` when the file holds none.
    """
    suffix = path.suffix.lower()
    if suffix == ".eml":
        return read_mail(path.read_bytes(), path.name)
    if suffix not in SUFFIXES:
        kinds = ", ".join(INTAKE_SUFFIXES)
        raise IntakeError(f"{path} is not a kind of file the inbox takes ({kinds})")
    return [_document(path, path.read_bytes(), path.name)], []


def _document(path: Path, data: bytes, name: str) -> Received:
    lines = read_document(path)
    try:
        draft = parse_submission(blocks_of(lines, pdf=path.suffix.lower() == ".pdf"))
    except IntakeError as error:
        raise IntakeError(f"{name}: {error}") from None
    return Received(draft, data, name)


def read_mail(data: bytes, name: str) -> tuple[list[Received], list[str]]:
    """A saved mail: a submission per readable attachment, else one from the mail's text."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not message.keys():
        raise IntakeError(f"{name} is not a saved mail (no header lines)")
    sender_name, sender_address = parseaddr(str(message.get("From", "")))
    sender = sender_name or sender_address
    subject = str(message.get("Subject", "")).strip()
    found: list[Received] = []
    warnings: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bulletin-mail-") as folder:
        for number, part in enumerate(message.iter_attachments(), 1):
            filename = _safe_name(part.get_filename() or f"attachment-{number}")
            if Path(filename).suffix.lower() not in SUFFIXES:
                warnings.append(f"{name}: the attachment {filename} was left out "
                                f"(the inbox reads {', '.join(SUFFIXES)})")  # fmt: skip
                continue
            payload = part.get_payload(decode=True) or b""
            path = Path(folder) / f"{number}-{filename}"
            path.write_bytes(payload)
            received = _document(path, payload, filename)
            found.append(Received(received.draft, payload, filename, sender))
    if found:
        return found, warnings
    text = _mail_text(message)
    if not text.strip():
        raise IntakeError(f"{name} has neither a readable attachment nor any text")
    lines = [line for line in text.splitlines()]
    draft = _mail_draft(lines, subject, name)
    return [Received(draft, data, name, sender)], warnings


def _mail_draft(lines: list[str], subject: str, name: str) -> Draft:
    from bulletin_tui.documents.reading import Line

    blocks: list[Block] = blocks_of([Line(line) for line in lines])
    try:
        return parse_submission(blocks, subject=subject)
    except IntakeError as error:
        raise IntakeError(f"{name}: {error}") from None


def _mail_text(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    content = body.get_content()
    if body.get_content_subtype() == "html":
        return _html_text(content)
    return content


class _TextOfHtml(HTMLParser):
    """The text of an HTML mail, a line per block element."""

    BREAKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("style", "script"):
            self.skipping += 1
        elif tag in self.BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def _html_text(html: str) -> str:
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def _safe_name(name: str) -> str:
    """An attachment's name with nothing that could leave a folder."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", Path(name.replace("\\", "/")).name)
    return name.strip(". ") or "attachment"
