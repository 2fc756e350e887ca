"""The benchmark inputs stay what the benchmarks claim they are."""

from __future__ import annotations

from benchmarks.synthetic import pdf_like_bulletin
from bulletin_tui.plaintext import import_text


def test_the_synthetic_60_item_bulletin_imports_as_60_items_without_warnings():
    result = import_text(pdf_like_bulletin(60), series="工作动态")
    assert len(result.issue.items) == 60
    assert result.warnings == ()


def test_the_export_benchmark_issue_has_20_items_in_4_sections():
    from benchmarks.bench_export import twenty_item_issue

    issue = twenty_item_issue()
    assert len(issue.items) == 20
    assert len(issue.sections) == 4
