"""Strings of the small fixes after the first walk-through: drafts, sections, search."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "form_restore_ask": (
        "上次有未保存的内容。要恢复吗？（Esc：先不管，草稿留到下次）",
        "There is unsaved text from last time. Restore it? (Esc: not now, keep it for later)",
    ),
    "form_draft_kept": (
        "草稿已保留，下次打开时再问。",
        "The draft is kept; you will be asked again next time.",
    ),
    "error_section_name_needed": (
        "本期各条都在有名称的栏目里：请填写栏目",
        "this issue has named sections: give the section a name",
    ),
    "form_section_needed": (
        "本期有栏目名称，请填写栏目",
        "This issue has named sections: give one",
    ),
    "screenshot_saved": ("截屏已存到 {path}", "Screenshot saved to {path}"),
    "screenshot_failed": (
        "截屏没能存到 {path}：{reason}",
        "The screenshot could not be saved to {path}: {reason}",
    ),
    "issue_full_label": ("{year}年第{number}期 {series}", "{series} {year} No. {number}"),
    "confirm_delete_empty_issue": (
        "删除整期“{label}”？\n文件 {path} 中没有条目，将被删除（可按 u 撤销）。",
        "Delete the whole issue “{label}”?\nThe file {path} has no items; it goes (u undoes it).",
    ),
    # the palette: the title says the action, the description its key (and what it does)
    "cmd_key": ("按键 {keys}", "Key {keys}"),
    "cmd_key_help": ("按键 {keys} · {help}", "Key {keys} · {help}"),
    # removing an empty section
    "error_section_gone": (
        "栏目“{name}”已不在文件中",
        "the section “{name}” is no longer in the file",
    ),
    "error_section_not_empty": (
        "栏目“{name}”里还有条目：请先删除或移走这些条目",
        "the section “{name}” still has items: delete or move them first",
    ),
    "section_deleted": (
        "已删除空栏目“{name}”；按 u 撤销",
        "Deleted the empty section “{name}”; u undoes it",
    ),
}
