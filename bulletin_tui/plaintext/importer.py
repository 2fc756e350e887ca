"""Plain bulletin text → ``Issue``: masthead, sections, items, attributions, footer.

The importer never drops a character of content. Everything it takes out of the text
(【】, the parentheses of an attribution, footer labels, 第…期, rule lines) is recorded,
and :func:`check_nothing_lost` proves after every import that the non-whitespace
characters of the input are those of the issue plus those markers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from bulletin_tui.cjk import HAN, decode_text, display_width, remove_inserted_spaces
from bulletin_tui.errors import BulletinError, ModelError
from bulletin_tui.model import Distribution, Issue, Item, Section, is_control
from bulletin_tui.plaintext.common import DATE
from bulletin_tui.plaintext.header import Masthead, copies_in, distribution_label, is_rule
from bulletin_tui.plaintext.layout import (
    TERMINAL,
    Line,
    Paragraph,
    Wrapping,
    attribution_at_end,
    detect_wrapping,
    ends_sentence,
    paragraphs,
    run_in_split,
    split_lines,
)
from bulletin_tui.reasons import Said, refusal

_SECTION = re.compile(r"^【([^【】]*)】")
_BARE_SECTION = re.compile(f"[{HAN}、·]{{2,10}}")
_WHITESPACE = " \t\u3000\u00a0"
_BREAKS = re.compile(r"\r\n|[\r\v\f\x85\u2028\u2029]")


class ImportTextError(BulletinError):
    """Text that cannot be read as a bulletin: one sentence saying why."""


@dataclass(frozen=True)
class ImportResult:
    """The issue found in the text, and what the importer had to guess."""

    issue: Issue
    warnings: tuple[str, ...] = ()


@dataclass
class _Parse:
    """Everything found so far, and everything consumed on the way."""

    keep_spacing: bool
    wrapping: Wrapping | None = None  # how the lines were laid out, when the document says
    consumed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def tidy(self, text: str, *, single_line: bool = True) -> str:
        """Trim, drop inserted spaces (unless kept); a tab in a one-line field is a space."""
        if single_line:
            text = text.replace("\t", " ")
        text = text.strip(_WHITESPACE)
        return text if self.keep_spacing else remove_inserted_spaces(text)


def import_bytes(data: bytes, *, encoding: str | None = None, name: str = "the input",
                 **options: Any) -> ImportResult:  # fmt: skip
    """Decode (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030) and import."""
    if not data.strip():
        raise refusal(ImportTextError, "doc_empty", name=name)
    return import_text(decode_text(data, encoding, name), name=name, **options)


def import_text(text: str, *, name: str = "the input", **options: Any) -> ImportResult:
    """Find the issue in plain bulletin text; the keyword values override what it says."""
    text, removed = _without_controls(text)
    return _import(text, split_lines(text), removed, name=name, **options)


def import_lines(
    lines: list[Line], *, name: str = "the input", wrapped: bool | None = None, **options: Any
) -> ImportResult:
    """Find the issue in the lines of a document (see :mod:`bulletin_tui.documents`), whose
    hints (paragraph starts, headlines, run-in headlines, line ends at the margin, masthead)
    say what the text alone would leave to guessing. ``wrapped``: the lines are printed
    lines (PDF), not paragraphs; ``None``: tell from the lines, as for text."""
    clean, removed = [], 0
    for line in lines:
        text, count = _without_controls(line.text)
        removed += count
        text = text.replace("\n", " ").strip(_WHITESPACE)
        if text:
            clean.append(replace(line, text=text))
    text = "\n".join(line.text for line in clean)
    wrapping = None if wrapped is None else Wrapping(wrapped, 0, False)
    return _import(text, clean, removed, name=name, wrapping=wrapping, **options)


def _import(
    text: str,
    lines: list[Line],
    removed: int,
    *,
    name: str,
    series: str | None = None,
    number: int | None = None,
    total: int | None = None,
    date: dt.date | None = None,
    publisher: str | None = None,
    keep_spacing: bool = False,
    wrapping: Wrapping | None = None,
) -> ImportResult:
    parse = _Parse(keep_spacing, wrapping)
    if removed:
        parse.warnings.append(Said("warn_controls", count=removed))
    if not lines:
        raise refusal(ImportTextError, "text_no_text", name=name)
    masthead, start = _read_masthead(lines, parse)
    end = _footer_start(lines, start)
    try:
        distribution, copies = _read_footer(lines[end:], parse, masthead.publisher)
        sections = _read_sections(lines[start:end], parse)
    except (ImportTextError, ModelError) as error:
        raise refusal(ImportTextError, "text_in", name=name, reason=error) from None
    if not any(section.items for section in sections):
        raise refusal(ImportTextError, "text_no_item", name=name)
    masthead.series = parse.tidy(masthead.series)
    masthead.publisher = parse.tidy(masthead.publisher)
    try:
        check_nothing_lost(text, masthead, distribution, sections, parse)
    except ImportTextError as error:
        raise refusal(ImportTextError, "text_in", name=name, reason=error) from None
    if not (series or masthead.series):
        raise refusal(ImportTextError, "text_no_series", name=name)
    try:
        issue = Issue(
            series=series or masthead.series,
            number=number if number is not None else masthead.number,
            total=total if total is not None else masthead.total,
            date=date if date is not None else masthead.date,
            publisher=publisher if publisher is not None else masthead.publisher,
            copies=copies if copies is not None else masthead.copies,
            distribution=tuple(distribution),
            sections=tuple(sections),
            extra={"notes": [*masthead.notes, *parse.notes]}
            if masthead.notes or parse.notes
            else {},
        )
    except ModelError as error:
        raise refusal(ImportTextError, "text_in", name=name, reason=error) from None
    return ImportResult(issue, tuple(parse.warnings))


def _without_controls(text: str) -> tuple[str, int]:
    text = _BREAKS.sub("\n", text.removeprefix("\ufeff"))
    kept = "".join(c for c in text if c in "\n\t" or not is_control(c))
    return kept, len(text) - len(kept)


# -- masthead and footer ---------------------------------------------------------------------


def _read_masthead(lines: list[Line], parse: _Parse) -> tuple[Masthead, int]:
    """Lines at the top that read as a masthead; all lines above its rule line are one."""
    masthead = Masthead()
    ruled = _masthead_rule(lines)
    index = 0
    while index < len(lines):
        text = lines[index].text
        if index < ruled or (lines[index].masthead and not _SECTION.match(text)):
            if not masthead.take(text, first=index == 0):
                masthead.force(text)
        elif _SECTION.match(text) or not masthead.take(
            text, first=index == 0, strict=index > ruled > 0
        ):
            break
        index += 1
    parse.consumed += masthead.consumed
    return masthead, index


def _masthead_rule(lines: list[Line]) -> int:
    """The index of the rule line that closes a masthead near the top, or 0."""
    for index, line in enumerate(lines[:8]):
        if is_rule(line.text):
            return index
        if _SECTION.match(line.text) or attribution_at_end(line.text):
            return 0
    return 0


def _footer_start(lines: list[Line], start: int) -> int:
    """The footer begins at the first distribution line after the last attribution."""
    last_item_end = max(
        (
            i
            for i in range(start, len(lines))
            if attribution_at_end(lines[i].text) and not distribution_label(lines[i].text)
        ),
        default=start - 1,
    )
    after = range(last_item_end + 1, len(lines))
    labelled = [i for i in after if distribution_label(lines[i].text)]
    end = labelled[0] if labelled else len(lines)
    if not labelled:
        while end > start and (is_rule(lines[end - 1].text) or _only_copies(lines[end - 1].text)):
            end -= 1
    while end > start and is_rule(lines[end - 1].text):
        end -= 1
    return end


def _only_copies(text: str) -> bool:
    match = copies_in(text)
    return bool(match) and not text.replace(match.group(), "").strip(_WHITESPACE)


def _read_footer(
    lines: list[Line], parse: _Parse, publisher: str = ""
) -> tuple[list[Distribution], int | None]:
    entries: list[str] = []
    copies: int | None = None
    for line in lines:
        text = line.text
        if is_rule(text):
            parse.consumed.append(text)
            continue
        if match := copies_in(text):
            copies = int(match.group(1)) or None
            parse.consumed.append(match.group())
            text = (text[: match.start()] + text[match.end() :]).strip(_WHITESPACE)
            if not text:
                continue
        if publisher and _printed_by(text, publisher):
            parse.consumed.append(text)  # 版记: the office (and date) that printed it again
        elif distribution_label(text):
            entries.append(text)
        elif entries and not ends_sentence(entries[-1]):
            entries[-1] += text  # a distribution list wrapped onto the next line
        else:
            parse.notes.append(text)
            parse.warnings.append(Said("warn_footer_line", text=text))
    return [_distribution(entry, parse) for entry in entries], copies


def _printed_by(text: str, publisher: str) -> bool:
    """``中共延津县委办公室`` or ``中共延津县委办公室　2024年4月10日印发``: the masthead's office
    named again in the 版记."""
    rest = text.strip(_WHITESPACE)
    if not rest.startswith(publisher.strip(_WHITESPACE)):
        return False
    rest = rest[len(publisher.strip(_WHITESPACE)) :].strip(_WHITESPACE)
    rest = DATE.sub("", rest).strip(_WHITESPACE).removesuffix("印发").strip(_WHITESPACE)
    return not rest


def _distribution(text: str, parse: _Parse) -> Distribution:
    label = distribution_label(text)
    assert label is not None
    parse.consumed.append(label.group()[len(label.group(1)) :])  # the colon
    rest = text[label.end() :].strip(_WHITESPACE)
    if rest.endswith("。"):
        parse.consumed.append("。")
        rest = rest[:-1]
    recipients = []
    for part in re.split(r"([，,；;])", rest):
        if part in ("，", ",", "；", ";"):
            parse.consumed.append(part)
        elif part.strip(_WHITESPACE):
            recipients.append(parse.tidy(part))
    return Distribution(label.group(1), tuple(recipients))


# -- sections and items ---------------------------------------------------------------------


def _read_sections(lines: list[Line], parse: _Parse) -> list[Section]:
    groups: list[tuple[str | None, list[Line]]] = [(None, [])]
    for line in lines:
        if match := _SECTION.match(line.text):
            parse.consumed += ["【", "】"]
            groups.append((parse.tidy(match.group(1)), []))
            rest = line.text[match.end() :].strip(_WHITESPACE)
            if rest:
                groups[-1][1].append(replace(line, text=rest, indented=False, blank_before=False))
        else:
            groups[-1][1].append(line)
    wrapping = parse.wrapping or detect_wrapping([line for _, group in groups for line in group])
    parts: list[tuple[str | None, list[Paragraph]]] = []
    for name, group in groups:
        parts += _bare_sections(name, paragraphs(group, wrapping))
    sections: list[Section] = []
    named = any(name is not None for name, _ in parts)
    for name, found in parts:
        if name is None and named:
            if found:
                sections += _prelude(found, parse)
            continue
        sections.append(Section(name or "", tuple(_items(found, parse))))
    names = [section.name for section in sections]
    for repeated in sorted({n for n in names if names.count(n) > 1}):
        raise refusal(ImportTextError, "text_two_sections", section=repeated)
    return sections


def _bare_sections(
    name: str | None, found: list[Paragraph]
) -> list[tuple[str | None, list[Paragraph]]]:
    """Split off sections named without 【】: a short line of Chinese characters alone,
    between items, followed by an item that opens with its own headline."""
    parts: list[tuple[str | None, list[Paragraph]]] = [(name, [])]
    for index, paragraph in enumerate(found):
        current = parts[-1][1]
        at_boundary = not current or attribution_at_end(current[-1].text) is not None
        following = found[index + 1] if index + 1 < len(found) else None
        opens_item = following is not None and (
            _run_in(following) is not None or _headline_alone(following)
        )
        if at_boundary and opens_item and _BARE_SECTION.fullmatch(paragraph.text):
            parts.append((paragraph.text, []))
        else:
            current.append(paragraph)
    return [(n, ps) for n, ps in parts if ps or n is not None]


def _prelude(found: list[Paragraph], parse: _Parse) -> list[Section]:
    """Text between the masthead and the first 【section】: items, or a note."""
    if any(attribution_at_end(paragraph.text) for paragraph in found):
        return [Section("", tuple(_items(found, parse)))]
    for paragraph in found:
        parse.notes.append(paragraph.text)
        parse.warnings.append(Said("warn_prelude", text=paragraph.text[:30]))
    return []


def _headline_alone(paragraph: Paragraph) -> bool:
    """A paragraph that reads as a headline on its own line; one the document set apart as
    a headline (bold, larger, centred) may end in ！ or ？."""
    text = paragraph.text
    if attribution_at_end(text) is not None or display_width(text) > 120:
        return False
    if paragraph.headline:
        return "。" not in text[:-1] and text[-1] not in "，、：:,；;"
    return display_width(text) <= 100 and text[-1] not in TERMINAL + "，、：:," and "。" not in text


def _run_in(paragraph: Paragraph) -> tuple[str, str] | None:
    """The headline run into the body and the body: by the font where the document says
    (a bold or other-face start), else by the space that stands after it in text."""
    text = paragraph.text
    if 0 < paragraph.run_in < len(text):
        head, rest = text[: paragraph.run_in], text[paragraph.run_in :]
        if "。" not in head and display_width(head) <= 120 and rest.strip(_WHITESPACE):
            return head, rest
    return run_in_split(text)


def _opens_item(draft: list[Paragraph], paragraph: Paragraph) -> bool:
    """Does ``paragraph`` start the next item (the current one having a body already)?"""
    has_body = len(draft) > 1 or not _headline_alone(draft[0])
    if not has_body:
        return False
    # Where paragraphs are indented, a line that is not is a headline.
    flush_headline = draft[-1].indented and not paragraph.indented
    return flush_headline or _headline_alone(paragraph) or _run_in(paragraph) is not None


def _drafts(found: list[Paragraph]) -> Iterator[list[Paragraph]]:
    """Group paragraphs into items: an attribution closes one; a headline opens one."""
    draft: list[Paragraph] = []
    closed = True
    for paragraph in found:
        attribution = attribution_at_end(paragraph.text)
        if attribution and attribution.start() == 0 and draft and not closed:
            draft.append(paragraph)  # the attribution alone on its line
        elif closed or _opens_item(draft, paragraph):
            if draft:
                yield draft
            draft = [paragraph]
        else:
            draft.append(paragraph)
        closed = attribution is not None
    if draft:
        yield draft


def _items(found: list[Paragraph], parse: _Parse) -> Iterator[Item]:
    for draft in _drafts(found):
        item = _item(draft, parse)
        if item is not None:
            yield item


def _item(draft: list[Paragraph], parse: _Parse) -> Item | None:
    source, author = "", ""
    texts = [paragraph.text for paragraph in draft]
    last = texts[-1]
    if attribution := attribution_at_end(last):
        remaining = last[: attribution.start()].strip(_WHITESPACE)
        if not remaining and len(texts) == 1:
            parse.notes.append(last)
            parse.warnings.append(Said("warn_lone_attribution", text=last))
            return None
        parse.consumed += [last[attribution.start()], last[attribution.end() - 1]]
        source, author = _attribution(attribution.group(1), parse)
        texts = [*texts[:-1], remaining] if remaining else texts[:-1]
    title_is_alone = len(texts) > 1 and not draft[0].indented and draft[1].indented
    first = replace(draft[0], text=texts[0]) if texts else draft[0]
    title, body = _headline(first, texts, parse, alone=title_is_alone)
    if not source:
        parse.warnings.append(Said("warn_no_source", title=parse.tidy(title)))
    return Item(
        title=parse.tidy(title),
        body=tuple(parse.tidy(paragraph, single_line=False) for paragraph in body),
        source=parse.tidy(source),
        author=parse.tidy(author),
    )


def _attribution(inside: str, parse: _Parse) -> tuple[str, str]:
    """``县水利局 张华`` → source and author; ``县政府办供稿`` → 县政府办."""
    text = inside.strip(_WHITESPACE)
    if prefix := re.match(r"^(来源|供稿单位|供稿|信息来源)[：:]\s*", text):
        parse.consumed.append(prefix.group())
        text = text[prefix.end() :]
    if suffix := re.search(r"[ \u3000]*供稿$", text):
        parse.consumed.append(suffix.group())
        text = text[: suffix.start()]
    if not parse.keep_spacing:
        text = remove_inserted_spaces(text)
    source, _, author = text.strip(_WHITESPACE).partition(" ")
    if not author:
        source, _, author = source.partition("\u3000")
    return source, " ".join(author.split())


def _headline(
    opening: Paragraph, draft: list[str], parse: _Parse, *, alone: bool
) -> tuple[str, list[str]]:
    first = draft[0]
    hinted = _run_in(opening) if opening.run_in else None
    if hinted is None and len(draft) > 1 and _headline_alone(opening):
        return first, draft[1:]
    if split := hinted or _run_in(opening):
        return split[0], [split[1], *draft[1:]]
    if len(draft) > 1 and alone:
        return first, draft[1:]
    parse.warnings.append(Said("warn_headline", text=first[:30]))
    if len(draft) > 1:
        return first, draft[1:]
    cut = re.search(r"[，。；！？,;]", first)
    if cut is None or not first[cut.start() :].strip(_WHITESPACE) or cut.start() == 0:
        raise refusal(ImportTextError, "text_no_body", headline=first[:30])
    return first[: cut.start()], [first[cut.start() :]]


# -- the proof --------------------------------------------------------------------------------


def _characters(texts: Iterable[str]) -> Counter[str]:
    return Counter(c for text in texts for c in text if not c.isspace())


def check_nothing_lost(
    text: str,
    masthead: Masthead,
    distribution: list[Distribution],
    sections: list[Section],
    parse: _Parse,
) -> None:
    """Raise unless input characters == characters of the issue + consumed markers."""
    found = [masthead.series, masthead.publisher, *masthead.notes, *parse.notes]
    for line in distribution:
        found += [line.label, *line.recipients]
    for section in sections:
        found.append(section.name)
        for item in section.items:
            found += [item.title, item.source, item.author, *item.body]
    wanted = _characters([text])
    got = _characters(found) + _characters(parse.consumed)
    if wanted != got:
        lost = "".join(sorted((wanted - got).elements()))[:20]
        made = "".join(sorted((got - wanted).elements()))[:20]
        raise refusal(ImportTextError, "text_changed", lost=lost, made=made)
