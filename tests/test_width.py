"""One measure of width: what the program measures is what Rich (and so Textual) draws."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from bulletin_tui.cjk import display_width, wrap
from bulletin_tui.model import Issue, Item, Section
from bulletin_tui.plaintext import export_text

#: Where a table of single characters and the screen disagree: emoji sequences,
#: variation selectors, skin tones, keycaps, soft hyphens, C1 controls.
AWKWARD = [
    "☺\ufe0f",
    "👍🏽",
    "👨\u200d👩\u200d👧",
    "1\ufe0f\u20e3",
    "♥\ufe0f好",
    "e\u0301",
    "co\u00adop",
    "中文，“引号”……——",
    "①②③ ·· 【民生】",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_display_width_is_the_width_rich_draws(text):
    assert display_width(text) == cell_len(text)


@pytest.mark.parametrize("width", [8, 11, 16, 23])
def test_wrapped_lines_fit_as_drawn_and_keep_every_character(width):
    text = "今天👨\u200d👩\u200d👧全家☺\ufe0f出游，👍🏽点赞1\ufe0f\u20e3号。" * 3
    lines = wrap(text, width)
    assert "".join(lines) == text
    assert all(cell_len(line) <= width for line in lines)
    assert not any(line.startswith(("\u200d", "\ufe0f", "🏽")) for line in lines)


@pytest.mark.parametrize("width", [20, 28, 41])
def test_the_plain_text_export_fits_its_width_by_richs_measure(width):
    body = ("县里开展“☺\ufe0f暖心”行动👍🏽，走访👨\u200d👩\u200d👧家庭1\ufe0f\u20e3百户。" * 4,)
    issue = Issue(
        series="工作动态",
        number=6,
        sections=(Section("民生保障", (Item("暖心行动☺\ufe0f温暖万家👍🏽", body, "县民政局"),)),),
    )
    text = export_text(issue, width=width)
    assert max(cell_len(line) for line in text.splitlines()) <= width
    # the measure the exporter uses is the one the check uses: a full line is full
    assert max(cell_len(line) for line in text.splitlines()) >= width - 2
