"""Strings of the export dialog beyond the first ones (formats, run-in, CRLF, folder, fonts)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "export_json": ("JSON（文档数据）", "JSON (the document)"),
    "export_docx": ("Word（印发版式）", "Word (printed layout)"),
    "export_pdf": ("PDF（印发版式）", "PDF (printed layout)"),
    "export_run_in": ("标题接正文", "Headline runs in"),
    "export_crlf": ("CRLF 换行", "CRLF line ends"),
    "export_folder": ("文件夹", "Folder"),
    "export_width_short": ("每行宽度", "Width"),
    "export_no_wrap": ("不折行", "no wrap"),
    "export_name": ("文件名", "File name"),
    "export_keys": ("Ctrl+S 导出 · Esc 取消", "Ctrl+S exports · Esc cancels"),
    "export_path": ("将写入：{path}", "Will write: {path}"),
    "export_no_folder": ("文件夹 {folder} 不存在", "The folder {folder} does not exist"),
    "export_is_folder": ("{path} 是文件夹，请填写文件名", "{path} is a folder: give a file name"),
    "export_font_stand_in": (
        "系统中没有字体“{missing}”，{roles}改用“{used}”",
        "Font “{missing}” is not installed: “{used}” stands in ({roles})",
    ),
    "export_no_cjk_font": (
        "找不到中文字体，未生成 PDF：请安装字体（Debian/Ubuntu：apt install fonts-noto-cjk），"
        "或在 bulletin.toml 的 [layout] font_paths 中写明字体所在文件夹",
        "No Chinese font found, no PDF written: install one (Debian/Ubuntu: apt install "
        "fonts-noto-cjk) or name a folder of font files under [layout] font_paths in "
        "bulletin.toml",
    ),
    "font_role_masthead": ("报头", "masthead"),
    "font_role_headline": ("标题", "headline"),
    "font_role_section": ("栏目", "section"),
    "font_role_body": ("正文", "body"),
    "font_role_page_number": ("页码", "page number"),
    "role_separator": ("、", ", "),
}
