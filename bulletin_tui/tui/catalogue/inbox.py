"""Strings of the submissions (来稿) in the tree, the reader and the adopt / decline keys."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "inbox_group": ("来稿", "Submissions"),
    "inbox_new_count": ("{count} 篇待处理", "{count} new"),
    "inbox_none": ("没有待处理的来稿。", "No new submissions."),
    "inbox_heading": ("来稿 {id}", "Submission {id}"),
    "inbox_received": ("收稿 {date}", "received {date}"),
    "inbox_from": ("来自 {unit}", "from {unit}"),
    "inbox_no_unit": ("（未注明单位）", "(no unit named)"),
    "inbox_original": ("原件 {path}", "original {path}"),
    "inbox_note": ("备注：{note}", "Note: {note}"),
    "inbox_hint": ("y 采用　r 不用", "y adopt   r decline"),
    "key_adopt": ("采用来稿", "Adopt"),
    "key_decline": ("不用来稿", "Decline"),
    "inbox_select": ("请先在“来稿”下选中一篇。", "Select a submission under Submissions first."),
    "inbox_no_issue": (
        "文稿库里还没有期刊：先用 A 新建一期，再采用来稿。",
        "There is no issue yet: make one with A, then adopt.",
    ),
    "inbox_form_heading": ("采用来稿：{title}", "Adopt: {title}"),
    "inbox_adopted": ("已采用“{title}”。", "Adopted “{title}”."),
    "inbox_adopt_failed": ("没有采用：{error}", "Not adopted: {error}"),
    "inbox_decline_question": (
        "不用来稿“{title}”。备注（可不填）：",
        "Decline “{title}”. A note (optional):",
    ),
    "inbox_decline_yes": ("不用", "Decline"),
    "inbox_declined": ("已标记为不用：“{title}”。", "Declined “{title}”."),
    "inbox_decline_failed": ("没有标记：{error}", "Not declined: {error}"),
    "error_already_adopted": (
        "来稿 {id} 已采用在 {path}（{place}），没有再加一份",
        "submission {id} is already adopted in {path} ({place}); no second copy was made",
    ),
    "error_adopted_not_declined": (
        "来稿 {id} 已采用在 {path}（“{title}”）；要标记为不用，先删去那里的条目",
        "submission {id} is adopted in {path} (“{title}”); delete the item there first",
    ),
    "stats_submitted": ("报送", "Submitted"),
    "stats_rate": ("采用率", "Rate"),
    "stats_by_rate": ("按采用率", "By rate"),
}
