"""Why a file cannot be read, as the archive's reader tells the cases apart (a reason
inside the screen's sentence about the file)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "error_read_folder": (
        "是文件夹（管道、设备、文件夹一律不读）",
        "is a folder (a pipe, device or folder is never read)",
    ),
    "error_read_not_regular": (
        "不是普通文件（管道、设备、文件夹一律不读）",
        "is not a regular file (a pipe, device or folder is never read)",
    ),
    "error_read_too_large": (
        "大于 {megabytes} MB，超过一个期刊文件的上限",
        "is larger than {megabytes} MB, the most an issue file may hold",
    ),
    "error_read_link_loop": ("是循环的符号链接", "is a loop of symbolic links"),
    "error_read_link_to_nothing": (
        "是指向不存在文件的符号链接",
        "is a symbolic link to nothing",
    ),
    "error_read_missing": ("不存在", "cannot be read ({why})"),
    "error_read_no_permission": ("没有读取权限", "cannot be read ({why})"),
    "error_read_failed": ("读取出错（{why}）", "cannot be read ({why})"),
}
