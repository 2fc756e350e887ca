"""Every string the screen shows, in Chinese and English, in one catalogue."""

from __future__ import annotations

import os

from bulletin_tui.visible import visible

LANGUAGES = ("zh", "en")

CATALOGUE: dict[str, tuple[str, str]] = {
    # app and panes
    "title": ("工作动态阅读器", "Bulletin reader"),
    "tree": ("目录", "Contents"),
    "reader": ("正文", "Reader"),
    "loading": ("正在读取文稿库……", "Reading the archive…"),
    "no_archive": (
        "文稿库文件夹 {path} 不存在。用 bulletin new 或 bulletin import 建立，或用 --archive 指定文件夹。",
        "The archive folder {path} does not exist. Create an issue with bulletin new "
        "or bulletin import, or name a folder with --archive.",
    ),
    "empty_archive": ("文稿库 {path} 中还没有期刊。", "There are no issues in {path} yet."),
    "broken_group": ("无法读取的文件", "Broken files"),
    "broken_mark": ("✗ ", "✗ "),
    "broken_title": ("无法读取的文件", "Broken file"),
    "broken_help": (
        "这个文件不会被改写。请修正后保存，目录会自动更新。",
        "This file is never written to. Fix it and save; the tree updates by itself.",
    ),
    "line": ("第 {line} 行", "line {line}"),
    "items_count": ("{count} 条", "{count} item|{count} items"),
    "unnamed_section": ("（未分栏目）", "(no section)"),
    "undated": ("未注日期", "undated"),
    "reloaded": (
        "{path} 已在磁盘上更改，已重新读取。",
        "{path} changed on disk and was read again.",
    ),
    "load_failed": ("读取文稿库失败：{error}", "Could not read the archive: {error}"),
    # keys
    "key_down": ("下移", "Down"),
    "key_up": ("上移", "Up"),
    "key_top": ("到顶", "Top"),
    "key_bottom": ("到底", "Bottom"),
    "key_toggle": ("展开/收起", "Open/close"),
    "key_switch": ("切换窗格", "Switch pane"),
    "key_help": ("帮助", "Help"),
    "key_palette": ("命令面板", "Commands"),
    "key_copy": ("复制", "Copy"),
    "key_export": ("导出本期", "Export issue"),
    "key_quit": ("退出", "Quit"),
    "key_mouse": ("鼠标", "mouse"),
    "key_mouse_help": (
        "点击目录中的条目即可阅读，滚轮翻页",
        "Click an entry to read it; the wheel scrolls",
    ),
    # help
    "help_title": ("按键说明", "Keys"),
    "help_close": ("按 Esc 或 ? 关闭", "Press Esc or ? to close"),
    # commands
    "cmd_goto": ("转到：{label}", "Go to: {label}"),
    "cmd_goto_help": ("在目录中打开这一期", "Open this issue in the tree"),
    "cmd_export": ("导出本期", "Export the selected issue"),
    "cmd_export_help": (
        "把选中的一期导出为文本或 Markdown",
        "Write the selected issue as text or Markdown",
    ),
    "cmd_help": ("按键说明", "Keys"),
    "cmd_help_help": ("列出所有按键", "List every key"),
    # copy
    "copied": ("已复制“{title}”", "Copied “{title}”"),
    "nothing_to_copy": ("请先选中一条", "Select an item first"),
    # export
    "export_title": ("导出：{label}", "Export: {label}"),
    "export_format": ("格式", "Format"),
    "export_text": ("纯文本", "Plain text"),
    "export_markdown": ("Markdown", "Markdown"),
    "export_width": ("每行宽度（留空则不折行）", "Line width (empty: no hard wrap)"),
    "export_encoding": ("编码", "Encoding"),
    "export_target": ("保存到", "Save to"),
    "export_ok": ("导出", "Export"),
    "cancel": ("取消", "Cancel"),
    "export_bad_width": (
        "宽度应为 10 以上的整数",
        "The width must be a whole number of 10 or more",
    ),
    "export_no_target": ("请填写文件名", "Give a file name"),
    "export_done": ("已导出到 {path}", "Written to {path}"),
    "export_failed": ("导出失败：{error}", "Export failed: {error}"),
    "nothing_to_export": ("请先选中一期", "Select an issue first"),
    "confirm_replace": ("{path} 已存在。要替换它吗？", "{path} exists. Replace it?"),
    "yes": ("替换", "Replace"),
    "no": ("保留", "Keep it"),
    # statistics
    "key_stats": ("统计", "Statistics"),
    "cmd_stats": ("信息采用统计", "Adoption statistics"),
    "cmd_stats_help": (
        "按单位、栏目、月份或刊物统计采用条数和得分",
        "Items and score by unit, section, month or series",
    ),
    "stats_back": ("返回", "Back"),
    "stats_by": ("统计", "By"),
    "stats_by_source": ("单位", "Unit"),
    "stats_by_section": ("栏目", "Section"),
    "stats_by_month": ("月份", "Month"),
    "stats_by_series": ("刊物", "Series"),
    "stats_from": ("从", "From"),
    "stats_to": ("到", "To"),
    "stats_all_series": ("全部刊物", "All series"),
    "stats_bad_date": (
        "“{text}”不是日期（如 2024-04-10）",
        "“{text}” is not a date (like 2024-04-10)",
    ),
    "stats_rank": ("名次", "Rank"),
    "stats_items": ("条数", "Items"),
    "stats_score": ("得分", "Score"),
    "stats_empty": ("这个范围内没有采用的条目", "No adopted items in this range"),
    "stats_no_source": ("（未注来源）", "(no source)"),
    "stats_issue": ("期", "Issue"),
    "stats_section": ("栏目", "Section"),
    "stats_title": ("标题", "Headline"),
    "settings_problem": ("{error}；统计时未使用它", "{error}; counting without it"),
    # composing
    "key_add": ("新增条目", "New item"),
    "key_edit": ("修改", "Edit"),
    "key_delete": ("删除", "Delete"),
    "key_move": ("移动条目", "Move item"),
    "key_new_issue": ("新建一期", "New issue"),
    "key_undo": ("撤销", "Undo"),
    "form_new_item": ("新增条目：{label}", "New item: {label}"),
    "form_edit_item": ("修改条目：{title}", "Edit item: {title}"),
    "form_issue": ("期", "Issue"),
    "form_section": ("栏目", "Section"),
    "form_title": ("标题", "Headline"),
    "form_body": (
        "正文（段与段之间空一行；ctrl+e 用外部编辑器）",
        "Body (a blank line between paragraphs; ctrl+e for your editor)",
    ),
    "form_source": ("来源单位", "Source (unit)"),
    "form_author": ("作者（可不填）", "Author (optional)"),
    "form_counts": (
        "标题 {title} 字 · 正文 {body} 字",
        "Characters: headline {title} · body {body}",
    ),
    "form_save": ("保存", "Save"),
    "form_editor": ("外部编辑器", "Editor"),
    "form_required": ("必填", "Required"),
    "form_one_line": ("只能写一行", "Must be a single line"),
    "form_restore_yes": ("恢复", "Restore"),
    "form_restore_no": ("不要", "Start afresh"),
    "form_discard": ("放弃已输入的内容？", "Discard what you typed?"),
    "form_discard_yes": ("放弃", "Discard"),
    "form_discard_no": ("继续编辑", "Keep editing"),
    "form_no_editor": ("请先设置 $VISUAL 或 $EDITOR", "Set $VISUAL or $EDITOR first"),
    "saved": ("已保存到 {path}", "Saved to {path}"),
    "deleted": ("已删除“{title}”", "Deleted “{title}”"),
    "confirm_delete": ("删除“{title}”？", "Delete “{title}”?"),
    "delete_yes": ("删除", "Delete"),
    "delete_no": ("取消", "Cancel"),
    "select_item": ("请先选中一条", "Select an item first"),
    "select_issue": ("请先选中一期", "Select an issue first"),
    "nothing_to_undo": ("没有可撤销的修改", "Nothing to undo"),
    "undone": ("已撤销对 {path} 的修改", "Undid the change to {path}"),
    "undo_refused": (
        "{path} 已被其他程序修改，不能撤销：{error}",
        "{path} was changed elsewhere; not undone: {error}",
    ),
    "edit_failed": ("未能保存：{error}", "Not saved: {error}"),
    "issue_form_title": ("新建一期", "New issue"),
    "issue_series": ("刊物名称", "Series"),
    "issue_number": ("期号", "Number"),
    "issue_total": ("总期号（可不填）", "Running total (optional)"),
    "issue_date": ("日期", "Date"),
    "issue_publisher": ("编发单位", "Office"),
    "issue_distribution": (
        "发送范围（每行一条，如 本期发：县委常委，副县长）",
        "Distribution (one a line, e.g. 本期发：县委常委，副县长)",
    ),
    "issue_bad_number": ("应为正整数", "Must be a whole number of 1 or more"),
    "issue_bad_date": ("应为日期，如 2024-04-10", "Must be a date like 2024-04-10"),
    "issue_bad_distribution": (
        "第 {line} 行不是“本期发：甲，乙”的形式",
        "Line {line} is not like 本期发：甲，乙",
    ),
    # search
    "key_search": ("搜索", "Search"),
    "key_next": ("下一个结果", "Next result"),
    "key_step": ("下一个 / 上一个搜索结果", "Next / previous search result"),
    "key_previous": ("上一个结果", "Previous result"),
    "search_placeholder": (
        "输入要找的词，多个词用空格隔开，回车搜索",
        "Words to find, separated by spaces; enter searches",
    ),
    "search_snippet": ("摘要", "Snippet"),
    "search_count": ("找到 {count} 条", "{count} item found|{count} items found"),
    "search_more": (
        "只列出最新的 {count} 条；加一个词可以缩小范围",
        "the newest {count} shown; add a term to narrow the search",
    ),
    "search_none": ("没有上一次的搜索结果", "No search results to step through"),
    "search_position": ("第 {position}/{count} 条", "Result {position} of {count}"),
    "indexing": ("正在建立索引……", "Indexing…"),
}


def _gather_parts() -> None:
    """Add the strings of each feature's module under ``tui/catalogue/`` (``STRINGS``).

    Each feature keeps its own strings in a module of its own, so that work on one
    feature does not touch another's lines; a key defined twice is an error.
    """
    import importlib

    from bulletin_tui.tui import catalogue

    # the folder's modules, listed directly (pkgutil's import costs every start more)
    folder = catalogue.__path__[0]
    names = sorted(entry[:-3] for entry in os.listdir(folder)
                   if entry.endswith(".py") and entry != "__init__.py")  # fmt: skip
    for name in names:
        part = importlib.import_module(f"{catalogue.__name__}.{name}")
        strings: dict[str, tuple[str, str]] = part.STRINGS
        clashes = sorted(CATALOGUE.keys() & strings.keys())
        if clashes:
            raise RuntimeError(f"catalogue keys defined twice ({name}): {clashes}")
        CATALOGUE.update(strings)


_gather_parts()

_language = "zh"


def choose_language(language: str | None = None) -> str:
    """Set the screen's language: the argument, else $BULLETIN_LANG, else Chinese."""
    global _language
    wanted = (language or os.environ.get("BULLETIN_LANG") or "zh").lower()[:2]
    _language = wanted if wanted in LANGUAGES else "zh"
    return _language


def language() -> str:
    """The screen's language: ``zh`` or ``en``."""
    return _language


def t(key: str, **values: object) -> str:
    """The catalogue's string for ``key`` in the chosen language, with ``values`` filled in.

    A string with a ``{count}`` may give its forms as ``one|other`` (English ``1 item`` /
    ``2 items``); the form is chosen by ``count``. Chinese needs one form. A control
    character in a value, say from a file name, is shown as an escape.
    """
    text = CATALOGUE[key][LANGUAGES.index(_language)]
    if not values:
        return text
    if "|" in text and "count" in values:
        one, other = text.split("|", 1)
        text = one if values["count"] == 1 else other
    shown = {name: value if isinstance(value, (int, float)) else visible(value)
             for name, value in values.items()}  # fmt: skip
    return text.format(**shown)
