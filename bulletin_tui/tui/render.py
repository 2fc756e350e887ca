"""What the reader pane shows, as Rich ``Text`` laid out for a given width.

Content from files is always appended as plain text, never parsed as markup, and wrapped
by :func:`bulletin_tui.cjk.wrap` so that Chinese line-breaking rules hold on screen too.

A very long item (a megabyte body, a headline of millions of characters) is shown in part,
with a line that says so: laying out and drawing all of it would take the reader minutes.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from bulletin_tui.archive import BrokenFile
from bulletin_tui.cjk import display_width, wrap
from bulletin_tui.model import Issue, Item, Section
from bulletin_tui.plaintext.common import INDENT, attribution, format_distribution
from bulletin_tui.search_text import find_terms
from bulletin_tui.tui.i18n import t
from bulletin_tui.visible import visible

HEADLINE = "bold"
SOURCE = "italic dim"
SECTION = "bold cyan"
SERIES = "bold red"
RULE = "red"
MATCH = "bold reverse"
CUT = "dim italic"

#: The most characters of one headline, and of one item's body, the reader lays out:
#: about eight screens of text (a usual item has a few hundred). The rest stays in the
#: file (and in exports): drawing a long text takes the screen a while.
HEADLINE_SHOWN = 500
BODY_SHOWN = 10_000
#: The most characters a section or an issue shows before its remaining items are left
#: to be opened one by one.
PAGE_SHOWN = 20_000


def characters(thing: Issue | Section | Item) -> int:
    """How many characters of text ``thing`` holds (what laying it out costs)."""
    if isinstance(thing, Item):
        return len(thing.title) + sum(len(paragraph) for paragraph in thing.body) + 16
    if isinstance(thing, Section):
        return len(thing.name) + sum(characters(item) for item in thing.items)
    return sum(characters(section) for section in thing.sections)


def _cut_note(shown: int, total: int, width: int) -> Text:
    return _lines(t("cut_text", shown=shown, total=total), width, CUT)


def _lines(text: str, width: int, style: str = "") -> Text:
    return Text("\n".join(wrap(text, max(width, 4))), style=style)


def item_text(item: Item, width: int) -> Text:
    """Headline, then the body paragraphs indented by two ideographic spaces, then the source.

    At most :data:`HEADLINE_SHOWN` characters of the headline and :data:`BODY_SHOWN` of
    the body are shown, each cut with a line that says so.
    """
    out = Text()
    title = item.title
    out.append_text(_lines(title[:HEADLINE_SHOWN], width, HEADLINE))
    if len(title) > HEADLINE_SHOWN:
        out.append("\n")
        out.append_text(_cut_note(HEADLINE_SHOWN, len(title), width))
    room = BODY_SHOWN
    body_total = sum(len(paragraph) for paragraph in item.body)
    for number, paragraph in enumerate(item.body):
        out.append("\n")
        if len(paragraph) > room:
            out.append_text(_lines(INDENT + paragraph[:room], width))
            out.append("\n")
            out.append_text(_cut_note(BODY_SHOWN, body_total, width))
            break
        room -= len(paragraph)
        last = number == len(item.body) - 1
        wrapped = _lines(INDENT + paragraph + (attribution(item) if last else ""), width)
        if last and attribution(item):
            start = wrapped.plain.rfind("（")
            wrapped.stylize(SOURCE, start)
        out.append_text(wrapped)
    return out


def section_text(section: Section, width: int) -> Text:
    """The section's name and all its items in order."""
    out = Text()
    if section.name:
        out.append_text(_lines(f"【{section.name}】", width, SECTION))
        out.append("\n\n")
    room = PAGE_SHOWN
    for number, item in enumerate(section.items):
        if number:
            out.append("\n\n")
        if room <= 0:
            out.append_text(_lines(t("cut_items", count=len(section.items) - number), width, CUT))
            break
        room -= min(characters(item), HEADLINE_SHOWN + BODY_SHOWN)
        out.append_text(item_text(item, width))
    return out


def _centred(text: str, width: int, style: str) -> Text:
    gap = max(0, (width - display_width(text)) // 2)
    return Text(" " * gap + text, style=style)


def issue_text(issue: Issue, width: int) -> Text:
    """The whole issue as printed: masthead, rule, sections, rule, footer."""
    # imported here: the exporter is not needed for the first screen (an item)
    from bulletin_tui.plaintext.exporter import masthead_lines

    out = Text()
    series, *details = masthead_lines(issue, None)
    out.append_text(_centred(series, width, SERIES))
    for line in details:
        out.append("\n")
        out.append_text(_centred(line, width, "bold"))
    rule = Text("\n" + "━" * max(width, 4), style=RULE)
    out.append_text(rule)
    for section in issue.sections:
        out.append("\n\n")
        out.append_text(section_text(section, width))
    if issue.distribution or issue.copies is not None:
        out.append_text(Text("\n\n" + "━" * max(width, 4), style=RULE))
        for line in issue.distribution:
            out.append("\n")
            out.append_text(_lines(format_distribution(line), width))
        if issue.copies is not None:
            out.append(f"\n（共印{issue.copies}份）")
    return out


def broken_text(broken: BrokenFile, width: int) -> Text:
    """Which file, where, why, and what to do about it."""
    error = broken.error
    out = Text()
    out.append_text(_lines(t("broken_title"), width, "bold red"))
    out.append("\n\n")
    out.append(visible(broken.path), style="bold")
    if error.line is not None:
        out.append("  " + t("line", line=error.line), style="dim")
    out.append("\n\n")
    from bulletin_tui.tui.explain import file_reason

    out.append_text(_lines(visible(file_reason(error)), width, "red"))
    out.append("\n\n")
    out.append_text(_lines(t("broken_help"), width, "dim"))
    return out


def highlighted(layout: Callable[[int], Text], terms: list[str], width: int) -> Text:
    """``layout`` at ``width`` with every match of ``terms`` highlighted, also across the
    line breaks that wrapping put in."""
    text = layout(width)
    plain = text.plain
    joined = plain.replace("\n", "")
    positions = [index for index, char in enumerate(plain) if char != "\n"]
    for start, end in find_terms(joined, terms):
        text.stylize(MATCH, positions[start], positions[end - 1] + 1)
    return text


def message_text(message: str, width: int) -> Text:
    """A plain message in the reader (an empty or missing archive)."""
    return _lines(message, width, "dim")
