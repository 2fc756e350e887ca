"""Why a file is not imported, and the importer's warnings, as the import dialog says them.

The sentences are those of :data:`bulletin_tui.reasons.REASONS` (shared with
``bulletin import --lang zh``), except where the command line's advice names options
the dialog does not have: there the dialog names its own check boxes.
"""

from __future__ import annotations

from bulletin_tui.reasons import REASONS

#: The dialog's own words where the command line's would name its options.
_ON_SCREEN: dict[str, tuple[str, str]] = {
    "batch_exists": (
        "{target} 已存在：勾选“替换已有的期”替换它，或勾选“跳过已有的期”",
        "{target} already exists: check “Replace existing issues”, or “Skip existing issues”",
    ),
    "batch_same_file": (
        "{name} 与 {other} 会写成同一个期刊文件（{file}）：请逐个导入",
        "{name} would be the same issue file as {other} ({file}): import them one by one",
    ),
    "batch_no_number": (
        "报头中没有{missing}，期刊文件将是 {file}",
        "the masthead names no {missing}; the issue file would be {file}",
    ),
    "text_no_series": (
        "{name} 没有报头（刊名）：请在文件开头补上报头",
        "{name} names no series (报头): add the masthead at the top of the file",
    ),
    "text_encoding_unknown": (
        "无法判断 {name} 的文本编码（既不是 UTF-8 也不是 GB18030）：请另存为 UTF-8 后再导入",
        "cannot tell the text encoding of {name} (it is neither UTF-8 nor GB18030): "
        "save it as UTF-8 and import it again",
    ),
}

STRINGS: dict[str, tuple[str, str]] = {
    f"import_reason_{key}": words for key, words in {**REASONS, **_ON_SCREEN}.items()
}
