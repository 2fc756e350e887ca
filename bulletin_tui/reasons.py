"""Why a document is not imported (and what the importer had to guess), in both languages.

The readers, the parser and the batch importer say each refusal and warning in English,
as the command line prints it; each sentence also carries a key and its values (a
:class:`Said` string, or a :class:`~bulletin_tui.errors.BulletinError` with ``key``), so
that the screen, or ``bulletin import --lang zh``, can say it again in Chinese from this
table. The English column is the sentence itself: one source for both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from bulletin_tui.errors import BulletinError

#: key → (Chinese, English); ``{name}`` is the file the sentence is about.
REASONS: dict[str, tuple[str, str]] = {
    # reading the file
    "doc_folder": ("{name} 是文件夹，不是文档", "{name} is a folder, not a document"),
    "doc_unreadable": ("{name} {reason}，未导入", "{name} {reason}; nothing was imported"),
    # why a file cannot be read (the archive's reader; the reason inside other sentences;
    # ``why`` is the system's own English words for the case the key names)
    "read_folder": (
        "是文件夹（管道、设备、文件夹一律不读）",
        "is a folder (a pipe, device or folder is never read)",
    ),
    "read_not_regular": (
        "不是普通文件（管道、设备、文件夹一律不读）",
        "is not a regular file (a pipe, device or folder is never read)",
    ),
    "read_too_large": ("大于 {megabytes} MB", "is larger than {megabytes} MB"),
    "read_link_loop": ("是循环的符号链接", "is a loop of symbolic links"),
    "read_link_to_nothing": ("是指向不存在文件的符号链接", "is a symbolic link to nothing"),
    "read_missing": ("不存在", "cannot be read ({why})"),
    "read_no_permission": ("没有读取权限", "cannot be read ({why})"),
    "read_failed": ("无法读取（{why}）", "cannot be read ({why})"),
    "doc_old_word": (
        "{name} 是旧版 Word 或 WPS 文件（{suffix}），无法读取；请用 Word 或 WPS 打开后另存为 .docx",
        "{name} is {kind} file, which cannot be read; open it in Word or WPS and save it as .docx",
    ),
    "doc_empty": ("{name} 是空文件", "{name} is empty"),
    "doc_unknown_kind": (
        "{name} 不是能导入的文件类型（.txt、.docx、.pdf）",
        "{name} is not a kind of file the importer reads (.txt, .docx, .pdf)",
    ),
    "doc_pdf_as_text": (
        "{name} 是 PDF 文件；请把扩展名改为 .pdf 再导入",
        "{name} is a PDF; name it with .pdf to import it",
    ),
    "doc_zip_as_text": (
        "{name} 是 zip 压缩文件（也许是 .docx）；请把扩展名改为 .docx 再导入",
        "{name} is a zip archive (a .docx?); name it with .docx to import it",
    ),
    "doc_ole": (
        "{name} 是旧版 Word（.doc）或 WPS 文件；请用 Word 或 WPS 打开后另存为 .docx",
        "{name} is an old Word (.doc) or WPS file; open it in Word or WPS and save it as .docx",
    ),
    "doc_docx_protected": (
        "{name} 是加密（有密码）的 Word 文件；请另存一份不加密的",
        "{name} is a protected (password) Word file; save an unprotected copy",
    ),
    "doc_docx_damaged": (
        "{name} 是损坏的 Word 文件（.docx），无法读取",
        "{name} is a damaged Word file (.docx) and cannot be read",
    ),
    "doc_docx_no_text": ("{name} 中没有文字", "{name} holds no text"),
    "doc_not_pdf": (
        "{name} 不是 PDF 文件（文件开头不是 PDF 格式）",
        "{name} is not a PDF (it does not start as one)",
    ),
    "doc_pdf_protected": (
        "{name} 是加密的 PDF；请另存一份不加密的再导入",
        "{name} is a protected (encrypted) PDF; save an unprotected copy to import it",
    ),
    "doc_pdf_damaged": (
        "{name} 是损坏或不完整的 PDF，无法读取",
        "{name} is a damaged or incomplete PDF and cannot be read",
    ),
    "doc_pdf_bad_page": (
        "{name} 是损坏的 PDF：有一页无法读取",
        "{name} is a damaged PDF: a page cannot be read",
    ),
    "doc_pdf_no_text": (
        "{name} 没有文字层（扫描件？）；本程序不做文字识别，请导入带文字的 PDF，或文字本身",
        "{name} has no text layer (a scanned PDF?); OCR is not offered — "
        "import a PDF with text, or the text itself",
    ),
    # decoding text
    "text_unknown_encoding": ("未知的文本编码“{encoding}”", "unknown text encoding “{encoding}”"),
    "text_not_in_encoding": (
        "{name} 不是有效的 {encoding} 文本（第 {byte} 字节无法读取）",
        "{name} is not valid {encoding} (byte {byte} cannot be read)",
    ),
    "text_bad_mark": (
        "{name} 以 {codec} 标记开头，但不是 {codec} 文本",
        "{name} starts with a {codec} mark but is not {codec}",
    ),
    "text_binary": ("{name} 是二进制数据，不是文本", "{name} is binary data, not text"),
    "text_encoding_unknown": (
        "无法判断 {name} 的文本编码（既不是 UTF-8 也不是 GB18030）；请用 --encoding 指明",
        "cannot tell the text encoding of {name} (it is neither UTF-8 nor GB18030); "
        "name it with --encoding",
    ),
    # finding the bulletin in the text
    "text_no_text": ("{name} 中没有文字", "{name} has no text"),
    "text_in": ("{name}：{reason}", "{name}: {reason}"),
    "text_no_item": (
        "{name} 中找不到能识别的条目（标题、正文、来源）",
        "{name} has no recognisable item (a headline, a body, a source)",
    ),
    "text_no_series": (
        "{name} 没有报头（刊名）；请用 --series 指明",
        "{name} names no series (报头); give one with --series",
    ),
    "text_two_sections": (
        "文中有两个栏目都叫“{section}”",
        "the text has two sections called “{section}”",
    ),
    "text_no_body": (
        "找不到条目“{headline}”的正文",
        "cannot find the body of the item “{headline}”",
    ),
    "text_changed": (
        "导入会改动原文（缺少“{lost}”，多出“{made}”）；未写入——请连同原文报告此问题",
        "the importer would change the text (lost: “{lost}”, added: “{made}”); "
        "nothing was written — please report this with the input",
    ),
    # choosing the issue file
    "batch_same_file": (
        "{name} 与 {other} 会写成同一个期刊文件（{file}）；"
        "请用 --number 或 --date 区分，或逐个导入",
        "{name} would be the same issue file as {other} ({file}); give --number or --date, "
        "or import them one by one",
    ),
    "batch_exists": (
        "{target} 已存在；用 --force 替换，或用 --skip-existing 跳过",
        "{target} already exists; use --force to replace it or --skip-existing",
    ),
    "batch_skipped": ("已跳过：{target} 已存在", "skipped: {target} exists"),
    "batch_no_number": (
        "报头中没有{missing}；期刊文件将是 {file}——用 --number 或 --date 区分",
        "the masthead names no {missing}; the issue file would be {file} — give --number "
        "or --date to tell it apart",
    ),
    "missing_number": ("期号（第N期）", "issue number (第N期)"),
    "missing_date": ("日期", "date"),
    "missing_both": ("期号（第N期）和日期", "issue number (第N期) or date"),
    # what the parser had to guess
    "warn_controls": ("删去了 {count} 个控制字符", "removed {count} control characters"),
    "warn_footer_line": (
        "版尾有一行未能识别，已作为附注保留：{text}",
        "kept a footer line it did not recognise as a note: {text}",
    ),
    "warn_prelude": (
        "第一个栏目前的文字既不是报头也不是条目，已作为附注保留：{text}",
        "text before the first section is neither masthead nor item; kept as a note: {text}",
    ),
    "warn_lone_attribution": (
        "署名前没有条目，已作为附注保留：{text}",
        "an attribution with no item before it; kept as a note: {text}",
    ),
    "warn_no_source": (
        "条目“{title}”没有署名（来源）",
        "no attribution (source) for the item “{title}”",
    ),
    "warn_headline": (
        "分不清“{text}……”中的标题和正文",
        "could not tell the headline from the body in “{text}…”",
    ),
}

#: How a key and its values (already said) become a sentence; None: not known.
Sayer = Callable[[str, Mapping[str, str]], "str | None"]

_Error = TypeVar("_Error", bound=BulletinError)


class Said(str):
    """An English sentence from :data:`REASONS` that keeps its key and values."""

    key: str
    params: dict[str, object]

    def __new__(cls, key: str, /, **params: object) -> Said:
        said = super().__new__(cls, REASONS[key][1].format(**params))
        said.key = key
        said.params = params
        return said

    def __reduce__(self) -> tuple[object, ...]:  # copy and pickle: made again from the key
        return (_said_again, (self.key, self.params))


def _said_again(key: str, params: dict[str, object]) -> Said:
    return Said(key, **params)


def refusal(error_type: type[_Error], key: str, /, **params: object) -> _Error:
    """An ``error_type`` saying :data:`REASONS` ``[key]``, with the key kept on it."""
    return error_type(Said(key, **params), key=key, **params)


def rekeyed(kind: type[_Error], error: BulletinError) -> _Error:
    """``error``'s sentence as a ``kind``, keeping its key and values."""
    return kind(str(error), key=error.key, **error.params)


def words(language: str) -> Sayer:
    """The :data:`REASONS` sentences of one language (``zh`` or ``en``)."""
    column = 0 if language == "zh" else 1

    def say(key: str, values: Mapping[str, str]) -> str | None:
        pair = REASONS.get(key)
        return pair[column].format(**values) if pair else None

    return say


def spoken(what: object, say: Sayer) -> str:
    """``what`` (a :class:`Said`, a keyed error, or anything) in ``say``'s words; its values
    said the same way first; the English sentence where ``say`` does not know the key."""
    key = getattr(what, "key", None)
    params = getattr(what, "params", None)
    if isinstance(key, str) and isinstance(params, dict):
        text = say(key, {name: spoken(value, say) for name, value in params.items()})
        if text is not None:
            return text
    return str(what)
