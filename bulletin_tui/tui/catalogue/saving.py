"""Strings of saving: the dialog shown when a file changed under an edit, and its copy."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "conflict_changed": (
        "{path} 在你编辑时被其他程序修改了。怎么办？",
        "{path} was changed by another program while you edited. What now?",
    ),
    "conflict_their_change": ("对方改动了：", "What the other program changed:"),
    "conflict_deleted": ("（文件已被删除）", "(the file was deleted)"),
    "conflict_no_difference": ("（看不出内容上的差别）", "(no difference in the text)"),
    "conflict_more_lines": ("……另有 {count} 行改动", "… {count} more changed lines"),
    "conflict_redo": ("在新内容上重做", "Redo on the new file"),
    "conflict_keep_copy": ("另存副本", "Save a copy"),
    "conflict_not_now": ("先不保存", "Not now"),
    "conflict_copy_saved": (
        "已另存为 {path}（.txt 文件不算作一期；核对后可改名为 .toml）",
        "Saved as {path} (a .txt file is not read as an issue; rename it to .toml once checked)",
    ),
}
