"""Strings of the import dialog: choosing files, the table of what was found, the outcome."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "key_import": ("导入", "Import"),
    "cmd_import": ("导入文件（Word、PDF、文本）", "Import files (Word, PDF, text)"),
    "cmd_import_help": (
        "选择文件或文件夹，先看识别结果再写入",
        "Pick files or a folder; see what was found before anything is written",
    ),
    "import_title": ("导入 Word、PDF、文本文件", "Import Word, PDF and text files"),
    "import_hint": (
        "回车选中文件（可多选），或停在文件夹上，再按“查看”",
        "Enter marks files (several may be), or stay on a folder; then Preview",
    ),
    "import_chosen": ("将读取：{paths}", "Will read: {paths}"),
    "import_separator": ("、", ", "),
    "import_skip_existing": ("跳过已有的期", "Skip existing issues"),
    "import_force": ("替换已有的期", "Replace existing issues"),
    "import_preview": ("查看", "Preview"),
    "import_do": ("导入", "Import"),
    "import_cancel": ("取消", "Cancel"),
    "import_reading": ("正在读取 {count} 个文件……", "Reading {count} files…"),
    "import_none_found": (
        "{path} 中没有 .txt、.docx 或 .pdf 文件",
        "No .txt, .docx or .pdf file in {path}",
    ),
    "import_summary": (
        "可写入 {planned} 期，{failed} 个文件不能导入，共 {files} 个文件（尚未写入）",
        "{planned} to write, {failed} failed, {files} files (nothing written yet)",
    ),
    "import_col_file": ("文件", "File"),
    "import_col_series": ("刊名", "Series"),
    "import_col_number": ("期号", "No."),
    "import_number_cell": ("第{number}期", "No. {number}"),
    "import_col_date": ("日期", "Date"),
    "import_col_items": ("条数", "Items"),
    "import_col_warnings": ("提示", "Warnings"),
    "import_col_target": ("写入文件（或原因）", "Issue file (or why not)"),
    "import_keys": (
        "Ctrl+R 查看 · Ctrl+S 导入 · Esc 取消",
        "Ctrl+R previews · Ctrl+S imports · Esc cancels",
    ),
    "import_detail_target": ("将写入 {path}", "Will write {path}"),
    "import_detail_warning": ("提示：{warning}", "Warning: {warning}"),
    "import_detail_none": (
        "按“查看”后，这里显示所选一行的详情",
        "After Preview, the selected row's details show here",
    ),
    "import_nothing_to_write": ("没有可写入的期", "Nothing to write"),
    "import_done": ("已导入 {count} 期", "Imported {count} issues"),
    "import_some_failed": (
        "{count} 个文件未能导入，原因见表格",
        "{count} files could not be imported: the table says why",
    ),
    "import_failed": ("导入失败：{error}", "Import failed: {error}"),
    "import_contradiction": (
        "“跳过已有的期”和“替换已有的期”只能选一个",
        "Choose either skip or replace existing issues, not both",
    ),
}
