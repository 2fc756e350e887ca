"""Strings of the reader's limits on very long items (shown in part, laid out off screen)."""

STRINGS: dict[str, tuple[str, str]] = {
    "cut_text": (
        "（此处过长，只显示前 {shown} 字，共 {total} 字；全文见文件，或用 x 导出。）",
        "(Too long: only the first {shown} of {total} characters are shown; the whole text "
        "is in the file, or export it with x.)",
    ),
    "cut_items": (
        "（本页过长，以下 {count} 条未显示；请在左侧逐条打开。）",
        "(Too long for one page: {count} more items are not shown; open them one by one "
        "in the tree.)",
    ),
    "laying_out": ("正在排版……", "Laying out…"),
}
