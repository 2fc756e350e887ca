"""What the TOML parser says is wrong with a file, as the screen says it (the English is
the parser's own sentence; :mod:`bulletin_tui.tui.toml_reasons` recognizes it)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "toml_syntax": ("TOML 语法错误：{problem}", "TOML syntax error: {problem}"),
    "toml_expected_equals": ("键的后面缺少“=”", "expected '=' after a key in a key/value pair"),
    "toml_expected_bracket": (
        "表名的后面缺少“]”",
        "expected ']' at the end of a table declaration",
    ),
    "toml_expected_brackets": (
        "表数组名的后面缺少“]]”",
        "expected ']]' at the end of an array declaration",
    ),
    "toml_expected_newline": (
        "一条内容写完后应当换行（同一行里多写了东西）",
        "expected newline or end of document after a statement",
    ),
    "toml_declared_twice": ("表 {name} 声明了两次", "cannot declare {name} twice"),
    "toml_overwrite": ("同一个键写了两次", "cannot overwrite a value"),
    "toml_immutable": (
        "不能再往已经写完的表 {name} 里添加内容",
        "cannot mutate immutable namespace {name}",
    ),
    "toml_redefine": ("不能重新定义表 {name}", "cannot redefine namespace {name}"),
    "toml_duplicate_inline": ("行内表里的键 {name} 重复", "duplicate inline table key {name}"),
    "toml_invalid_value": (
        "值无效（文字要加英文双引号，日期写作 2024-04-10）",
        "invalid value",
    ),
    "toml_invalid_key": ("键名以无效的字符开头", "invalid initial character for a key part"),
    "toml_invalid_statement": ("无效的内容", "invalid statement"),
    "toml_unterminated_string": ("字符串缺少结尾的引号", "unterminated string"),
    "toml_unclosed_array": ("数组缺少结尾的“]”", "unclosed array"),
    "toml_unclosed_table": ("行内表缺少结尾的右花括号", "unclosed inline table"),
    "toml_unescaped_backslash": (
        "字符串里的“\\”没有转义（应写作“\\\\”）",
        "unescaped '\\' in a string",
    ),
    "toml_illegal_character": ("字符串里有不允许的字符 {char}", "illegal character {char}"),
    "toml_invalid_character": ("无效的字符 {char}", "found invalid character {char}"),
    "toml_invalid_date": ("日期或时间无效", "invalid date or datetime"),
    "toml_invalid_escape": ("转义字符无效", "escaped character is not a Unicode scalar value"),
    "toml_expected": ("此处应为 {char}", "expected {char}"),
    "toml_shape_conflict": (
        "这个键的结构与前面写的冲突",
        "there is no nest behind this key",
    ),
}
