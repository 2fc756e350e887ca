"""``bulletin lint``: proofread issues (校对), and fix the safe findings with ``--fix``.

Messages are English, as the rest of the command line speaks; Chinese with ``--lang zh``
(or ``$BULLETIN_LANG=zh``).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bulletin_tui.cli.common import (
    LANG,
    archive_option,
    fail,
    open_archive,
    output_language,
    print_json,
)

if TYPE_CHECKING:
    from bulletin_tui.archive import Archive
    from bulletin_tui.errors import IssueFileError
    from bulletin_tui.proofread import Finding, Linter
    from bulletin_tui.proofread.archive_rules import ArchiveFacts
    from bulletin_tui.proofread.check import ReadIssue

#: The few words of the human table, (zh, en).
WORDS = {
    "error": ("错误", "error"),
    "warning": ("提示", "warning"),
    "issue_fields": ("报头", "header"),
    "title": ("标题", "headline"),
    "body": ("正文", "body"),
    "source": ("来源", "source"),
    "series": ("刊名", "series"),
    "publisher": ("编发单位", "office"),
    "number": ("期号", "number"),
    "file": ("文件", "file"),
    "fixable": ("可自动修正", "fixable"),
    "clean": ("未发现问题（{count} 期）", "no problems found ({count} issues)"),
    "summary": (
        "共 {total} 处：错误 {errors}，提示 {warnings}；{fixable} 处可用 --fix 修正",
        "{total} problems: {errors} errors, {warnings} warnings; {fixable} fixable with --fix",
    ),
    "fixed": ("已修正 {files} 个文件", "fixed {files} files"),
    "would_fix": (
        "将修正 {files} 个文件（--dry-run，未写入）",
        "would fix {files} files (--dry-run: nothing written)",
    ),
    "broken": ("文件无法读取：{reason}", "the file cannot be read: {reason}"),
}


@click.command("lint")
@archive_option
@LANG
@click.argument("issue_names", metavar="[ISSUE]...", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes and print the diff.")
@click.option("--dry-run", is_flag=True, help="With --fix: print the diff, write nothing.")
@click.option("--rules", "rule_ids", metavar="R,…", help="Only these rules (ids, comma-separated).")
def lint_command(
    archive_dir: Path | None,
    lang: str | None,
    issue_names: tuple[str, ...],
    as_json: bool,
    fix: bool,
    dry_run: bool,
    rule_ids: str | None,
) -> None:
    """Proofread issues (every issue when none is named); exit 1 if any error is found."""
    from bulletin_tui.errors import IssueFileError
    from bulletin_tui.proofread import Linter
    from bulletin_tui.settings import load_lint_settings

    if dry_run and not fix:
        raise click.UsageError("--dry-run goes with --fix")
    language = output_language(lang)
    archive = open_archive(archive_dir)
    archive.require()
    settings, problem = load_lint_settings(archive.root)
    if problem is not None:
        fail(str(problem))
    only = None
    if rule_ids is not None:
        only = [rule.strip() for rule in rule_ids.split(",") if rule.strip()]
    linter = Linter(settings, only)
    read: list[ReadIssue] = []
    broken: list[Finding] = []
    with _collector_paused():
        for outcome in _read(archive, issue_names, fix):
            if isinstance(outcome, IssueFileError):
                broken.append(_broken(outcome.path, outcome))
            else:
                read.append(outcome)
        facts = _facts(archive, linter, read, whole=not issue_names)
        findings = linter.issues(read, facts)
    if fix:
        findings = _fix(archive, linter, facts, read, findings, dry_run, language,
                        out=sys.stderr if as_json else sys.stdout)  # fmt: skip
    findings = broken + findings
    if as_json:
        print_json([finding.as_dict(language) for finding in findings])
    else:
        _print_table(findings, language, len(read))
    if any(finding.severity == "error" for finding in findings):
        sys.exit(1)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector walks every object kept so far, again and again as new
    ones are made. Linting an archive keeps millions (the text of every field read) and
    makes few cycles (a broken file's error and its traceback), freed when the collector
    runs again afterwards; it rests meanwhile: a fifth of the rules' time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read(archive: Archive, names: tuple[str, ...], fix: bool
          ) -> Iterator[ReadIssue | IssueFileError]:  # fmt: skip
    """Each file to lint as the linter reads it, or its error. The whole archive comes
    through the lint cache (only the changed files parsed); ``--fix`` and named issues
    read their files."""
    from bulletin_tui.errors import IssueFileError
    from bulletin_tui.proofread.check import read_for_lint

    if not names and not fix:
        from bulletin_tui.proofread.store import read_archive

        yield from read_archive(archive, archive.stamps())
        return
    for path in _paths(archive, names):
        try:
            yield read_for_lint(path)
        except IssueFileError as error:
            yield error


def _paths(archive: Archive, names: tuple[str, ...]) -> list[Path]:
    """The files named (each once), or every issue file of the archive."""
    if not names:
        return archive.files()
    in_archive = {path.resolve(): path for path in archive.files()}
    paths: dict[Path, Path] = {}
    for name in names:
        path = archive.resolve(name)
        paths.setdefault(path.resolve(), in_archive.get(path.resolve(), path))
    return list(paths.values())


def _broken(path: Path, error: IssueFileError) -> Finding:
    from bulletin_tui.proofread import ERROR, Finding, Rule, Spot

    rule = Rule("broken-file", ERROR, WORDS["broken"][0], WORDS["broken"][1], False)
    reason = f"line {error.line}: {error.reason}" if error.line else error.reason
    return Finding(path, "", "", "", "file", "", Spot(rule, 0, 0, None, {"reason": reason}))


def _facts(archive: Archive, linter: Linter, read: list[ReadIssue], *, whole: bool
           ) -> ArchiveFacts | None:  # fmt: skip
    """What the archive-wide rules compare with: from the files just read when they are the
    whole archive, else from the index cache."""
    from bulletin_tui.proofread.archive_rules import ARCHIVE_RULES, ArchiveFacts
    from bulletin_tui.settings import load_settings

    if not linter.enabled & {rule.id for rule in ARCHIVE_RULES}:
        return None
    aliases = load_settings(archive.root)[0].aliases
    if whole:
        headers = [(r.path, r.header) for r in read]
        return ArchiveFacts.gather(headers, chain.from_iterable(r.entries() for r in read), aliases)
    from bulletin_tui.cli.common import refresh_with_progress
    from bulletin_tui.index import Index

    index = Index(archive)
    refresh_with_progress(index)
    headers = [(f.path, f.header) for f in index.listing().issues]
    return ArchiveFacts.gather(headers, index.entries(), aliases)


def _fix(
    archive: Archive,
    linter: Linter,
    facts: ArchiveFacts | None,
    read: list[ReadIssue],
    findings: list[Finding],
    dry_run: bool,
    language: str,
    out: object,
) -> list[Finding]:
    """Apply the fixable findings file by file (atomic, refused when a file changed since
    it was read), print the diff; return the findings that are left."""
    import difflib

    from bulletin_tui.archive import IssueFile
    from bulletin_tui.proofread.check import read_for_lint
    from bulletin_tui.proofread.fixes import FixText, FixTexts
    from bulletin_tui.tomledit import IssueDocument
    from bulletin_tui.tomlfile import decode_issue_bytes

    fixable = {(f.path, f.section_index, f.item_index, f.field): f.text
               for f in findings if f.spot.fix is not None}  # fmt: skip
    left: list[Finding] = []
    changed = 0
    for issue in read:
        edits = []
        for (path, section, item, field), before in fixable.items():
            if path == issue.path:
                after = linter.fixed(before, field)
                if after != before:
                    edits.append(FixText(section, item, field, before, after))
        if not edits:
            left += [f for f in findings if f.path == issue.path]
            continue
        old = decode_issue_bytes(issue.raw, issue.path)
        if dry_run:
            document = IssueDocument(old)
            FixTexts(tuple(edits)).apply(document)
            new = document.text()
        else:
            base = IssueFile(issue.path, issue.issue, issue.raw)
            saved = archive.edit(base, FixTexts(tuple(edits)).apply)
            new = decode_issue_bytes(saved.raw or b"", issue.path)
        changed += 1
        name = _shown(issue.path, archive)
        diff = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                    f"a/{name}", f"b/{name}")  # fmt: skip
        click.echo("".join(diff), nl=False, file=out)
        left += linter.issues([read_for_lint(issue.path, new.encode("utf-8"))], facts)
    key = "would_fix" if dry_run else "fixed"
    click.echo(_word(key, language).format(files=changed), file=out)
    return left


def _shown(path: Path, archive: Archive) -> str:
    """The path as a diff names it: relative to the archive when it is inside."""
    try:
        return str(path.resolve().relative_to(archive.root.resolve()))
    except ValueError:
        return str(path)


def _word(key: str, language: str) -> str:
    return WORDS[key][1 if language == "en" else 0]


def _print_table(findings: list[Finding], language: str, issues: int) -> None:
    """Per issue: each finding's severity, item and field, the excerpt with the spot
    marked ⟦like this⟧, then the message. Written at once: an archive can have thousands."""
    from bulletin_tui.cjk import pad
    from bulletin_tui.visible import visible

    if not findings:
        click.echo(_word("clean", language).format(count=issues))
        return
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")

    def style(text: str, **how: object) -> str:
        return click.style(text, **how) if colour else text

    labels = {
        severity: style(pad(_word(severity, language), 7), fg=hue)
        for severity, hue in (("error", "red"), ("warning", "yellow"))
    }
    lines: list[str] = []
    shortened: dict[str, str] = {}
    current = None
    # What comes from the files is shown with its control characters escaped (before the
    # table's own colours are put in): an escape sequence in a field never reaches the
    # terminal.
    for finding in findings:
        if finding.path != current:
            current = finding.path
            heading = f"{finding.issue}  ({finding.path})" if finding.issue else str(finding.path)
            lines.append(style(visible(heading), bold=True))
        where = shortened.get(finding.title)
        if where is None:
            where = shortened[finding.title] = _shorten(
                visible(finding.title or _word("issue_fields", language)), 30
            )
        field = _word(finding.field, language) if finding.field in WORDS else finding.field
        before, spot, after = map(visible, finding.excerpt())
        marked = f"{before}⟦{style(spot, reverse=True)}⟧{after}" if finding.text else ""
        lines.append(f"  {labels[finding.severity]} {where} · {field}   {marked}")
        fixable = f", {_word('fixable', language)}" if finding.spot.fix is not None else ""
        message = visible(finding.message(language))
        lines.append(f"          {message} [{finding.rule.id}{fixable}]")
    errors = sum(finding.severity == "error" for finding in findings)
    fixable_count = sum(finding.spot.fix is not None for finding in findings)
    lines.append(_word("summary", language).format(total=len(findings), errors=errors,
                 warnings=len(findings) - errors, fixable=fixable_count))  # fmt: skip
    sys.stdout.write("\n".join(lines) + "\n")


def _shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` display columns, with … where it was cut."""
    from rich.cells import cell_len

    if cell_len(text) <= width:
        return text
    room = width - 2
    kept = room // 2  # no character takes more than two columns: these fit
    used = cell_len(text[:kept])
    for char in text[kept:]:
        used += cell_len(char)
        if used > room:
            break
        kept += 1
    return text[:kept] + "…"
