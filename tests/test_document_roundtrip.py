"""Our own Word and PDF exports import back to the same issue."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin_tui.documents.docx_writer import export_docx
from bulletin_tui.documents.importing import import_document
from bulletin_tui.documents.pdf_writer import NoCjkFontError, export_pdf
from bulletin_tui.model import Distribution, Issue, Item, Section
from tests.conftest import small_issue
from tests.test_document_import import bundled, same_issue
from tests.test_documents import FONTS, test_layout

# What the committed test font can print: generated issues keep to it.
PRINTABLE = sorted(
    {c for c in (FONTS / "CHARACTERS.txt").read_text(encoding="utf-8") if "\u4e00" <= c <= "\u9fff"}
)
words = st.text(st.sampled_from(PRINTABLE), min_size=2, max_size=6)
sentences = st.lists(words, min_size=1, max_size=4).map(lambda parts: "，".join(parts) + "。")
paragraphs = st.lists(sentences, min_size=1, max_size=5).map("".join)


@st.composite
def printable_issues(draw: st.DrawFn) -> Issue:
    """Issues the test font can print: sections, items with one to three paragraphs."""
    names = draw(st.lists(st.sampled_from(["助企服务", "民生保障", "重点工作"]), min_size=1,
                          max_size=3, unique=True))  # fmt: skip
    units = st.sampled_from(["开发区", "城市管理局", "潭龙街道", "县委办公室"])
    sections = tuple(
        Section(
            name,
            tuple(
                draw(
                    st.lists(
                        st.builds(
                            Item,
                            title=st.lists(words, min_size=2, max_size=4).map("".join),
                            body=st.lists(paragraphs, min_size=1, max_size=3).map(tuple),
                            source=units,
                            author=st.sampled_from(["", "张华"]),
                        ),
                        min_size=1,
                        max_size=3,
                    )
                )
            ),
        )
        for name in names
    )
    base = small_issue(draw(st.integers(1, 60)))
    return dataclasses.replace(
        base,
        sections=sections,
        distribution=(Distribution("报", ("县委常委", "主要领导")), *base.distribution),
    )


def read_back(tmp_path: Path, name: str, data: bytes) -> Issue:
    path = tmp_path / name
    path.write_bytes(data)
    result = import_document(path)
    assert result.warnings == ()
    return result.issue


@pytest.mark.parametrize("run_in", [False, True])
def test_word_export_of_the_bundled_issue_imports_back(tmp_path: Path, run_in: bool):
    issue = bundled()
    same_issue(read_back(tmp_path, "b.docx", export_docx(issue, run_in=run_in)), issue)


@pytest.mark.parametrize("run_in", [False, True])
def test_pdf_export_imports_back(tmp_path: Path, run_in: bool):
    issue = small_issue()
    pdf = export_pdf(issue, test_layout(), run_in=run_in, system_fonts=False)
    same_issue(read_back(tmp_path, "s.pdf", pdf), issue)


@pytest.mark.parametrize("run_in", [False, True])
def test_pdf_export_of_the_bundled_issue_imports_back(tmp_path: Path, run_in: bool):
    """Needs a CJK font of the machine for the whole sample (the test font holds only the
    small issue's characters)."""
    issue = bundled()
    try:
        pdf = export_pdf(issue, run_in=run_in)
    except NoCjkFontError:
        pytest.skip("no CJK font on this machine to print the whole sample")
    same_issue(read_back(tmp_path, "b.pdf", pdf), issue)


@settings(
    max_examples=16,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(issue=printable_issues(), run_in=st.booleans(), kind=st.sampled_from(["pdf", "docx"]))
def test_generated_issues_come_back_from_our_exports(
    tmp_path: Path, issue: Issue, run_in: bool, kind: str
):
    if kind == "pdf":
        data = export_pdf(issue, test_layout(), run_in=run_in, system_fonts=False)
    else:
        data = export_docx(issue, run_in=run_in)
    same_issue(read_back(tmp_path, f"g.{kind}", data), issue)
