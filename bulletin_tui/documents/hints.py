"""A document's hinted lines → the lines the one bulletin parser reads.

What the document knows becomes the parser's own notions: an indent is an indented line
(a paragraph starts there, also at the top of a page), a larger, bold or centred line is a
headline, large text at the top of the first page is the masthead, a bold or other-face
start of a paragraph is a run-in headline. Plain text carries no hints and is not
converted here (it goes to the text importer as it is).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from bulletin_tui.documents.reading import Line as DocumentLine
from bulletin_tui.plaintext import layout

_INDENTED = 1.5  # characters: one character of indent is a distribution line's hanging
_MASTHEAD_SIZE = 1.4  # times the body's size: the masthead's series name
_HEADLINE_SIZE = 1.08  # times the body's size: a headline set larger than the body


def parser_lines(
    lines: Sequence[DocumentLine], *, printed: bool
) -> tuple[list[layout.Line], bool | None]:
    """The parser's lines and how they were laid out: ``printed`` lines (PDF) are wrapped;
    Word paragraphs are not, unless they are themselves hard-wrapped lines pasted in."""
    lines = _headlines_run_on([line for line in lines if line.text.strip()])
    if not lines:
        return [], None
    sizes = Counter(line.size for line in lines if line.size)
    body_size = sizes.most_common(1)[0][0] if sizes else None
    bold_is_rare = sum(line.bold for line in lines) < 0.5 * len(lines)
    converted: list[layout.Line] = []
    in_masthead = True
    previous: DocumentLine | None = None
    previous_headline = False
    for line in lines:
        larger = bool(body_size and line.size and line.size >= body_size * _HEADLINE_SIZE)
        masthead = (
            in_masthead
            and line.page == 0
            and bool(body_size and line.size and line.size >= body_size * _MASTHEAD_SIZE)
        )
        in_masthead = in_masthead and (masthead or line.centred or previous is None)
        headline = (line.bold and bold_is_rare) or line.centred or larger
        goes_on = headline and previous_headline and _same_face(previous, line)
        indented = (line.indent or 0) >= _INDENTED and not line.centred and not goes_on
        run_in = line.run_in if _may_run_in(line, previous, indented) else 0
        converted.append(
            layout.Line(
                text=line.text,
                indented=indented,
                blank_before=False,
                space_after=line.space_after,
                lead=round((line.indent or 0) * 2) if indented else 0,
                start=(line.paragraph_start and not printed)
                or bool(run_in)
                or (line.centred and not goes_on),
                headline=headline and not masthead,
                run_in=run_in,
                full=line.full if printed else None,
                masthead=masthead,
            )
        )
        previous, previous_headline = line, headline
    if printed:
        return converted, True
    # Paragraphs that are themselves hard-wrapped lines (text pasted from a PDF): let the
    # text's own rules join them, as they would in a .txt file.
    plain = [layout.Line(line.text, line.indented, False, False, line.lead) for line in converted]
    if layout.detect_wrapping(plain).wrapped and not any(line.headline for line in converted):
        return [
            layout.Line(line.text, line.indented, False, False, line.lead, masthead=line.masthead)
            for line in converted
        ], None
    return converted, False


def _may_run_in(line: DocumentLine, previous: DocumentLine | None, indented: bool) -> bool:
    """A headline runs in only where a paragraph starts: the first line, an indented one,
    one the document starts, or one after a line that ended a sentence."""
    if not line.run_in:
        return False
    if previous is None or indented or line.paragraph_start:
        return True
    return layout.ends_sentence(previous.text) or previous.text.endswith(("）", ")", "】"))


def _same_face(previous: DocumentLine | None, line: DocumentLine) -> bool:
    """Does ``line`` go on with the headline above it (same size and weight, no full stop)?"""
    return (
        previous is not None
        and previous.size == line.size
        and previous.bold == line.bold
        and not layout.ends_sentence(previous.text)
    )


def _headlines_run_on(lines: list[DocumentLine]) -> list[DocumentLine]:
    """A run-in headline longer than its line: the bold line(s) and the line whose start
    finishes the headline become one line, the run-in covering the whole headline."""
    out: list[DocumentLine] = []
    for line in lines:
        previous = out[-1] if out else None
        if (
            previous is not None
            and line.run_in
            and previous.bold
            and not previous.centred
            and not previous.paragraph_start
            and (previous.indent or 0) >= _INDENTED
            and not (line.indent or 0) >= _INDENTED
            and not layout.ends_sentence(previous.text)
        ):
            text = layout.join_lines([previous.text, line.text])
            out[-1] = replace(
                previous,
                text=text,
                bold=False,
                run_in=len(text) - len(line.text) + line.run_in,
                full=line.full,
            )
        else:
            out.append(line)
    return out
