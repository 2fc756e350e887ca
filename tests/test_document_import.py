"""PDF and Word files made here import to exactly the issue they were made from."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin_tui.archive import Archive
from bulletin_tui.documents.importing import import_document
from bulletin_tui.documents.reading import read_document
from bulletin_tui.model import Distribution, Issue, Item, Section
from tests.docmaker import write_pdf, write_plain_docx, write_styled_docx
from tests.strategies import issues

BUNDLED = Path(__file__).parent.parent / "issues" / "工作动态-2024-005.toml"


def bundled() -> Issue:
    return Archive(BUNDLED.parent).load(BUNDLED).issue


def half_width(issue: Issue) -> Issue:
    """The issue as printed with half-width brackets: what such a PDF says."""

    def swap(text: str) -> str:
        return text.replace("（", "(").replace("）", ")")

    return dataclasses.replace(
        issue,
        distribution=tuple(
            Distribution(line.label, tuple(map(swap, line.recipients)))
            for line in issue.distribution
        ),
        sections=tuple(
            Section(
                swap(section.name),
                tuple(
                    Item(swap(i.title), tuple(map(swap, i.body)), i.source, i.author)
                    for i in section.items
                ),
            )
            for section in issue.sections
        ),
    )


def same_issue(got: Issue, want: Issue) -> None:
    assert got.series == want.series
    assert (got.number, got.total, got.date) == (want.number, want.total, want.date)
    assert got.publisher == want.publisher
    assert got.copies == want.copies
    assert got.distribution == want.distribution
    assert [s.name for s in got.sections] == [s.name for s in want.sections]
    for got_section, want_section in zip(got.sections, want.sections, strict=True):
        assert got_section.items == want_section.items


MAKERS = {
    "pdf-run-in": lambda path, issue: write_pdf(
        path.with_suffix(".pdf"), issue, running_header=f"{issue.series} 内部资料"
    ),
    "pdf-headlines-alone": lambda path, issue: write_pdf(
        path.with_suffix(".pdf"), issue, run_in=False, page_numbers="- {} -"
    ),
    "pdf-page-label": lambda path, issue: write_pdf(
        path.with_suffix(".pdf"), issue, page_numbers="第{}页", letter_spaced=False
    ),
    "docx-styled": lambda path, issue: write_styled_docx(path.with_suffix(".docx"), issue),
    "docx-styled-run-in": lambda path, issue: write_styled_docx(
        path.with_suffix(".docx"), issue, run_in=True
    ),
    "docx-plain": lambda path, issue: write_plain_docx(path.with_suffix(".docx"), issue),
}


@pytest.mark.parametrize("kind", MAKERS)
def test_the_bundled_issue_comes_back_from_each_kind_of_document(tmp_path: Path, kind: str):
    want = bundled()
    result = import_document(MAKERS[kind](tmp_path / "issue", want))
    same_issue(result.issue, want)
    assert result.warnings == ()


def test_a_page_break_inside_an_item_keeps_its_paragraph(tmp_path: Path):
    want = bundled()
    path = MAKERS["pdf-run-in"](tmp_path / "issue", want)
    lines = read_document(path)
    breaks = [
        (before, after) for before, after in itertools.pairwise(lines) if after.page != before.page
    ]
    # the sample's items run over the foot of a page, mid-sentence
    assert any(not before.text.endswith(("。", "）")) for before, _ in breaks)
    same_issue(import_document(path).issue, want)


def test_half_width_brackets_stay_as_printed(tmp_path: Path):
    want = bundled()
    path = write_pdf(tmp_path / "half.pdf", want, half_width=True, run_in=False)
    same_issue(import_document(path).issue, half_width(want))


# Derandomised: each example makes and reads a PDF or Word file, so a few fixed ones.
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(issue=issues(), kind=st.sampled_from(sorted(set(MAKERS) - {"pdf-run-in"})))
def test_generated_issues_come_back(tmp_path: Path, issue: Issue, kind: str):
    issue = dataclasses.replace(issue, extra={})
    got = import_document(MAKERS[kind](tmp_path / "generated", issue)).issue
    same_issue(got, issue)
