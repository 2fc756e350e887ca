"""Strings of the editor's day (issue 17): the issue form and header edits, deleting an
issue, copying, palette entries, statistics export, and the errors of the lower layers."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # the issue form, new and edited
    "issue_edit_title": ("修改报头：{label}", "Edit the header: {label}"),
    "issue_copies": ("共印份数（可不填）", "Copies printed (optional)"),
    "issue_label": ("{year}年第{number}期", "{year} No. {number}"),
    "issue_number_follows": ("接续 {year}年第{number}期", "Follows {year} No. {number}"),
    "issue_number_restarts": (
        "{year}年的第一期（本刊最新一期是 {latest}）；日期改回那一年则接续编号",
        "The first of {year} (the newest of the series is {latest}); "
        "a date in that year continues its numbering",
    ),
    "header_saved": ("已修改报头：{label}", "Header changed: {label}"),
    # deleting an issue
    "confirm_delete_issue": (
        "删除整期“{label}”？\n文件 {path} 连同其中 {count} 条一并删除（可按 u 撤销）。",
        "Delete the whole issue “{label}”?\nThe file {path} goes, with its {count} item "
        "(u undoes it).|Delete the whole issue “{label}”?\nThe file {path} goes, with its "
        "{count} items (u undoes it).",
    ),
    "issue_deleted": ("已删除“{label}”；按 u 撤销", "Deleted “{label}”; u undoes it"),
    "select_item_or_issue": ("请先选中一条或一期", "Select an item or an issue first"),
    "help_edit": ("修改本条，或一期的报头", "Edit the item, or the issue's header"),
    "help_delete": ("删除本条或整期（先确认，可撤销）", "Delete item or whole issue (asks first)"),
    # copying
    "help_copy": (
        "复制本条、本栏目或整期（传阅格式）",
        "Copy item, section or issue as circulated",
    ),
    "copied_issue": ("已复制整期“{label}”", "Copied the whole issue “{label}”"),
    "copied_section": (
        "已复制栏目“{name}”（{count} 条）",
        "Copied the section “{name}” ({count} item)|Copied the section “{name}” ({count} items)",
    ),
    "copy_tmux": (
        "；在 tmux 中须开启 set-clipboard 才能传到系统剪贴板",
        "; inside tmux the system clipboard needs set-clipboard on",
    ),
    # the statistics screen's exports
    "stats_export_csv": ("导出 CSV", "Export CSV"),
    "stats_export_xlsx": ("导出 Excel", "Export Excel"),
    "stats_file": ("信息采用统计-{by}-{date}", "adoption-by-{by}-{date}"),
    # the command palette
    "palette_placeholder": ("搜索命令……", "Search for commands…"),
    "theme_placeholder": ("搜索配色……", "Search for themes…"),
    "cmd_new_item": ("新增条目", "New item"),
    "cmd_edit": ("修改本条或报头", "Edit the item or the issue's header"),
    "cmd_delete": ("删除本条或整期", "Delete the item or the issue"),
    "cmd_move_up": ("条目上移", "Move the item up"),
    "cmd_move_down": ("条目下移", "Move the item down"),
    "cmd_new_issue": ("新建一期", "New issue"),
    "cmd_new_issue_help": (
        "期号、编发单位、份数和发送范围取自本刊最新一期",
        "Number, office, copies and distribution from the newest of the series",
    ),
    "cmd_undo": ("撤销上一次修改", "Undo the last change"),
    "cmd_search": ("搜索", "Search"),
    "cmd_next": ("下一个搜索结果", "Next search result"),
    "cmd_previous": ("上一个搜索结果", "Previous search result"),
    "cmd_proofread": ("校对本期", "Proofread this issue"),
    "cmd_adopt": ("采用所选来稿", "Adopt the selected submission"),
    "cmd_decline": ("不用所选来稿", "Decline the selected submission"),
    "cmd_copy": ("复制（传阅格式）", "Copy (circulation form)"),
    "cmd_theme": ("配色", "Theme"),
    "cmd_theme_help": ("换一种界面配色", "Change the colours of the screen"),
    "cmd_maximize": ("放大当前窗格", "Maximize the pane"),
    "cmd_maximize_help": ("让有焦点的窗格占满屏幕", "Let the focused pane fill the screen"),
    "cmd_minimize": ("还原窗格", "Restore the pane"),
    "cmd_minimize_help": ("窗格恢复原来的大小", "Give the pane its usual size again"),
    "cmd_screenshot": ("截屏", "Screenshot"),
    "cmd_screenshot_help": ("把当前画面存为 SVG 图片", "Save the screen as an SVG picture"),
    "cmd_quit": ("退出", "Quit"),
    # the errors of the lower layers, said in the screen's language
    "error_item_gone": (
        "条目“{title}”{section}已不在文件中",
        "the item “{title}” {section}is no longer in the file",
    ),
    "error_at_edge": ("这一条已在本期的最前或最后", "the item is already at the edge of the issue"),
    "error_no_section": ("没有第 {number} 个栏目", "there is no section {number}"),
    "error_section_exists": ("已有栏目“{name}”", "there is already a section “{name}”"),
    "error_no_item": (
        "第 {section} 个栏目没有第 {number} 条",
        "section {section} has no item {number}",
    ),
    "error_save_conflict": (
        "{path} 在读取之后被其他程序改动、删除或新建了，什么也没有写入",
        "{path} was changed, deleted or created by another program since it was read; "
        "nothing was written",
    ),
    "error_broken_file": (
        "{where}：文件无法读取（{reason}）",
        "{where}: the file cannot be read ({reason})",
    ),
    "error_field": ("{field}：{reason}", "{field}: {reason}"),
    "reason_required": ("必填", "is required"),
    "reason_line_break": ("只能写一行", "must be a single line"),
    "reason_control": ("含有控制字符 {char}", "has a control character ({char})"),
    "reason_out_of_range": ("应为 1 至 {most} 的整数", "must be from 1 to {most}"),
    "reason_author_without_source": ("写了作者须同时写来源单位", "an author needs a source unit"),
    "reason_two_sections": ("有两个栏目“{name}”", "there are two sections “{name}”"),
    "field_sections": ("栏目", "Sections"),
    "error_permission": ("{path}：没有权限", "{path}: permission denied"),
    "error_no_space": ("{path}：磁盘空间不足", "{path}: no space left on the disk"),
    "error_read_only": ("{path}：磁盘是只读的", "{path}: the disk is read-only"),
    "error_not_found": ("{path}：文件或文件夹不存在", "{path}: no such file or folder"),
    "error_os": ("{path}：{reason}", "{path}: {reason}"),
    "error_internal": ("程序内部错误：{error}", "Internal error: {error}"),
}
