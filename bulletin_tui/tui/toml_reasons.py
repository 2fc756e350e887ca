"""The TOML parser's reasons, recognized in the text a broken file's error keeps (also
from the index cache, which keeps the text only), so the screen can say them in its own
language. A reason not recognized is shown as it is."""

from __future__ import annotations

import re

from bulletin_tui.tui.i18n import t

PREFIX = "TOML syntax error: "

#: The parser's sentences (first letter lower-cased, as the reason holds them) and the
#: catalogue key of each; a named group is a value of the sentence.
_SENTENCES = [
    (r"expected '=' after a key in a key/value pair", "toml_expected_equals"),
    (r"expected '\]' at the end of a table declaration", "toml_expected_bracket"),
    (r"expected '\]\]' at the end of an array declaration", "toml_expected_brackets"),
    (r"expected newline or end of document after a statement", "toml_expected_newline"),
    (r"cannot declare (?P<name>.+) twice", "toml_declared_twice"),
    (r"cannot overwrite a value", "toml_overwrite"),
    (r"cannot mutate immutable namespace (?P<name>.+)", "toml_immutable"),
    (r"cannot redefine namespace (?P<name>.+)", "toml_redefine"),
    (r"duplicate inline table key (?P<name>.+)", "toml_duplicate_inline"),
    (r"invalid value", "toml_invalid_value"),
    (r"invalid initial character for a key part", "toml_invalid_key"),
    (r"invalid statement", "toml_invalid_statement"),
    (r"unterminated string", "toml_unterminated_string"),
    (r"unclosed array", "toml_unclosed_array"),
    (r"unclosed inline table", "toml_unclosed_table"),
    (r"unescaped '\\' in a string", "toml_unescaped_backslash"),
    (r"illegal character (?P<char>.+)", "toml_illegal_character"),
    (r"found invalid character (?P<char>.+)", "toml_invalid_character"),
    (r"invalid date or datetime", "toml_invalid_date"),
    (r"escaped character is not a Unicode scalar value", "toml_invalid_escape"),
    (r"invalid hex value", "toml_invalid_escape"),
    (r"expected (?P<char>'.+')", "toml_expected"),
    (r"there is no nest behind this key", "toml_shape_conflict"),
    (r"an object other than list found behind this key", "toml_shape_conflict"),
]
_PATTERNS = [(re.compile(sentence + r"\Z"), key) for sentence, key in _SENTENCES]


def toml_reason(reason: str) -> str | None:
    """``reason`` in the screen's language when it is a syntax error the parser names;
    None otherwise."""
    if not reason.startswith(PREFIX):
        return None
    problem = reason[len(PREFIX) :]
    for pattern, key in _PATTERNS:
        if found := pattern.match(problem):
            return t("toml_syntax", problem=t(key, **found.groupdict()))
    return None
