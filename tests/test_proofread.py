"""The proofreading rules one by one: what each must find, what it must leave alone, its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin_tui.proofread import Linter, LintError, apply_fixes
from bulletin_tui.proofread.check import read_for_lint
from bulletin_tui.proofread.rules import (
    ellipses,
    full_width_alphanumerics,
    half_width_punctuation,
    headline_end,
    pairs,
    paragraph_end,
    repeated_punctuation,
    spaces,
    title_length,
)
from bulletin_tui.proofread.terms import TermList
from bulletin_tui.settings import LintSettings

BUNDLED = Path(__file__).parent.parent / "issues" / "工作动态-2024-005.toml"


def found(rule, text: str, kind: str = "body") -> list[tuple[int, str, str | None]]:
    """(offset, the text at the spot, the fix) of every spot."""
    return [(s.offset, text[s.offset : s.offset + s.length], s.fix) for s in rule(text, kind)]


def fixed(rule, text: str, kind: str = "body") -> str:
    return apply_fixes(text, rule(text, kind))


# -- half-width punctuation ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("探索新形态,开展培训。", "探索新形态，开展培训。"),
        ("共帮助9家企业.", "共帮助9家企业。"),
        ("任务完成率206%.", "任务完成率206%。"),
        ("时间:4月10日；地点:县委", "时间：4月10日；地点：县委"),
        ("是否完成?已完成!", "是否完成？已完成！"),
        ("实施PPP项目,建立录播教室", "实施PPP项目，建立录播教室"),
        ("明确产权(管理)单位", "明确产权（管理）单位"),
        ("(1)加强领导", "（1）加强领导"),
        ("政府和社会资本合作(PPP)模式", "政府和社会资本合作（PPP）模式"),
        ("一是强化领导;二是压实责任", "一是强化领导；二是压实责任"),
    ],
)
def test_half_width_punctuation_touching_chinese_is_found_and_made_full_width(text, wanted):
    assert half_width_punctuation(text, "body")
    assert fixed(half_width_punctuation, text) == wanted


@pytest.mark.parametrize(
    "text",
    [
        "实现中长期贷款1.4亿多元。",
        "会议于12:30开始。",
        "比例为3:1。",
        "使用Node.js和Vue.js开发，采用B/S架构。",
        "登录网址https://www.henan.gov.cn/zwgk/index.html查询。",
        "访问www.yanjin.gov.cn了解详情。",
        "发送邮件至office@yanjin.gov.cn。",
        "1.加强组织领导。",
        "一、总体要求\n\n1.加强组织领导。2.压实责任。",
        "共计1,234套。",
        "Hello, world. It works!",
        "这是……省略。",
    ],
)
def test_half_width_punctuation_where_it_belongs_is_left_alone(text):
    assert found(half_width_punctuation, text) == []


def test_a_half_width_mark_at_the_end_of_a_headline_is_the_headline_rules():
    assert found(half_width_punctuation, "县开发区做好服务,", "title") == []
    assert found(headline_end, "县开发区做好服务,", "title") == [(8, ",", "")]


# -- spaces -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("2024 年第一季度", "2024年第一季度"),
        ("共帮助 9 家企业", "共帮助9家企业"),
        ("实施 PPP 项目", "实施PPP项目"),
        ("贷款 1.4 亿多元", "贷款1.4亿多元"),
        ("县开发区 全力做好", "县开发区全力做好"),
        ("聚焦企业，  依托机制", "聚焦企业，依托机制"),
        ("完成率 206% 。", "完成率206%。"),
    ],
)
def test_spaces_inside_chinese_text_are_found_and_removed(text, wanted):
    assert fixed(spaces, text) == wanted


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("安装Windows 10系统", "body"),  # between Latin and digits a space stays
        ("标语为Safety first。", "body"),
        ("凝心聚力\u3000砥砺前行", "title"),
        ("凝心聚力  砥砺前行", "title"),
        ("县乡村振兴局 汪文莉", "source"),
        ("\u3000\u3000聚焦企业。", "body"),
    ],
)
def test_spaces_that_are_meant_are_left_alone(text, kind):
    assert spaces(text, kind) == []


# -- pairs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "spot"),
    [
        ("建立“一井一权属电子档案。", "“"),
        ("明确所属产权（管理单位。", "（"),
        ("明确所属产权管理）单位。", "）"),
        ("学习《条例精神。", "《"),
        ("【助企服务", "【"),
        ("他说‘好。", "‘"),
    ],
)
def test_an_unpaired_bracket_or_quote_is_found(text, spot):
    spots = pairs(text, "body")
    assert [(s.rule.id, text[s.offset]) for s in spots] == [("unpaired", spot)]
    assert spots[0].fix is None


def test_quotes_the_wrong_way_round_are_found_and_turned():
    text = "推进”三个课堂“区域全覆盖。"
    spots = pairs(text, "body")
    assert [s.rule.id for s in spots] == ["quote-order"]
    assert apply_fixes(text, spots) == "推进“三个课堂”区域全覆盖。"


@pytest.mark.parametrize(
    "text",
    [
        "建立“一井一权属、一盖一编号”电子档案，明确所属产权（管理）单位。",
        "探索“智慧课堂”“翻转课堂”等教学新形态。",
        "学习《中华人民共和国安全生产法》（2021年修正）。",
        # a quotation over paragraphs: each paragraph opens with “, only the last closes
        "他指出：“要坚持问题导向。\n\n“要狠抓工作落实。\n\n“要强化督促检查。”",
        "1）加强领导；2）压实责任。",
        "一）加强领导。",
        "发布《China’s Green Development》报告。",
    ],
)
def test_paired_marks_and_quotations_over_paragraphs_are_left_alone(text):
    assert pairs(text, "body") == []


def test_an_unclosed_quote_before_a_paragraph_that_does_not_reopen_is_found():
    text = "他指出：“要坚持问题导向。\n\n要狠抓工作落实。"
    assert [text[s.offset] for s in pairs(text, "body")] == ["“"]


# -- repeated punctuation and ellipses ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("聚焦企业，，依托机制。", "聚焦企业，依托机制。"),
        ("消除隐患。。", "消除隐患。"),
        ("学校、、医院", "学校、医院"),
        ("如下：：", "如下："),
    ],
)
def test_repeated_punctuation_is_found_and_made_one(text, wanted):
    assert fixed(repeated_punctuation, text) == wanted


def test_an_ellipsis_of_full_stops_is_not_a_repeated_full_stop():
    assert repeated_punctuation("学校、医院。。。", "body") == []


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("学校、医院...", "学校、医院……"),
        ("学校、医院。。。", "学校、医院……"),
        ("学校、医院…", "学校、医院……"),
        ("学校、医院······等", "学校、医院……等"),
    ],
)
def test_a_wrong_ellipsis_is_found_and_made_two_ellipsis_marks(text, wanted):
    assert fixed(ellipses, text) == wanted


@pytest.mark.parametrize("text", ["学校、医院……", "见https://example.org/a...b页"])
def test_a_right_ellipsis_is_left_alone(text):
    assert ellipses(text, "body") == []


# -- ends ---------------------------------------------------------------------------------


def test_a_paragraph_without_a_final_mark_is_found_at_its_last_character():
    text = "聚焦重点企业。\n\n共帮助9家企业"
    assert found(paragraph_end, text) == [(len(text) - 1, "业", None)]


@pytest.mark.parametrize(
    "text",
    [
        "聚焦重点企业。",
        "他说：“好。”",
        "“三个课堂”全覆盖！",
        "主要做法如下：",
        "一、强化组织领导\n\n成立领导小组。",
        "（一）压实责任\n\n明确分工。",
        "1.加强领导\n\n成立领导小组。",
        "真的吗？",
    ],
)
def test_paragraphs_that_end_right_and_headings_in_the_body_are_left_alone(text):
    assert paragraph_end(text, "body") == []


def test_paragraph_end_looks_only_at_bodies():
    assert paragraph_end("县开发区做好服务", "title") == []


@pytest.mark.parametrize(
    ("title", "wanted"),
    [("县开发区做好服务。", "县开发区做好服务"), ("县开发区做好服务，", "县开发区做好服务")],
)
def test_a_headline_ending_in_a_full_stop_or_comma_loses_it(title, wanted):
    assert fixed(headline_end, title, "title") == wanted


@pytest.mark.parametrize("title", ["县开发区做好服务", "如何做好服务？", "闻“絮”而动！"])
def test_a_headline_ending_otherwise_is_left_alone(title):
    assert headline_end(title, "title") == []


def test_a_long_headline_is_found_and_a_short_one_is_not():
    assert title_length("县" * 41, "title", 40)[0].values == {"count": 41, "limit": 40}
    assert title_length("县" * 40, "title", 40) == []
    assert title_length("县" * 41, "body", 40) == []


# -- full-width digits and letters --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("共完成１２３４套", "共完成1234套"),
        ("实施ＰＰＰ项目", "实施PPP项目"),
        ("贷款１．４亿元", "贷款1.4亿元"),
        ("于１２：３０召开", "于12:30召开"),
    ],
)
def test_full_width_digits_and_letters_are_made_half_width(text, wanted):
    assert fixed(full_width_alphanumerics, text) == wanted


def test_full_width_punctuation_beside_digits_stays_full_width():
    assert fixed(full_width_alphanumerics, "第１，２条") == "第1，2条"


# -- terms --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("做为全县重点工作", "作为全县重点工作"),
        ("按排专人负责", "安排专人负责"),
        ("截止目前，共完成", "截至目前，共完成"),
        ("发扬再接再励的精神", "发扬再接再厉的精神"),
        ("一如继往地支持", "一如既往地支持"),
        ("加强防犯意识", "加强防范意识"),
    ],
)
def test_a_certain_misuse_is_found_and_given_its_right_form(text, wanted):
    assert apply_fixes(text, TermList().check(text)) == wanted


@pytest.mark.parametrize(
    "text",
    [
        "按排名先后顺序",
        "按排查结果分类处置",
        "按排放标准执行",
        "坚持做为民办实事的好干部",
        "预防犯罪",
        "究竟争取到多少资金",
        "群众竟争相购买",
        "严防犯错误",
        "发布署名文章",
        "作为全县重点工作",
    ],
)
def test_words_side_by_side_that_spell_a_misuse_are_left_alone(text):
    assert TermList().check(text) == []


def test_the_offices_own_terms_are_found():
    terms = TermList({"县政府办": "县政府办公室"})
    assert apply_fixes("报县政府办审定", terms.check("报县政府办审定")) == "报县政府办公室审定"


# -- the linter ---------------------------------------------------------------------------


def test_the_bundled_issue_draws_only_its_known_half_width_comma():
    issue = read_for_lint(BUNDLED)
    findings = Linter().issue(issue.path, issue.data, issue.issue)
    assert [
        (f.rule.id, f.field, f.text[f.spot.offset - 3 : f.spot.offset + 3]) for f in findings
    ] == [("half-width-punct", "body", "新形态,开展")]


def test_rules_switched_off_or_not_chosen_find_nothing():
    text = "2024 年，，共完成１２套"
    everything = {spot.rule.id for spot in Linter().field(text, "body")}
    assert {"cjk-space", "repeated-punct", "full-width-alnum"} <= everything
    off = Linter(LintSettings(off=frozenset({"cjk-space"})))
    assert "cjk-space" not in {spot.rule.id for spot in off.field(text, "body")}
    only = Linter(only=["repeated-punct"])
    assert {spot.rule.id for spot in only.field(text, "body")} == {"repeated-punct"}


def test_an_unknown_rule_id_is_refused_with_the_list_of_rules():
    with pytest.raises(LintError, match=r"no rule “comma”.*half-width-punct"):
        Linter(only=["comma"])
    with pytest.raises(LintError, match=r"\[lint\] off"):
        Linter(LintSettings(off=frozenset({"comma"})))


def test_fixing_repeats_until_nothing_fixable_is_left():
    # the comma becomes full-width, which brings the space between two Chinese marks
    assert Linter().fixed("探索新形态 ,开展培训。", "body") == "探索新形态，开展培训。"


# -- settings and fixes as edits ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('[lint]\noff = "cjk-space"\n', "lint.off must be a list of rule ids in quotes"),
        ("[lint]\ntitle_max = true\n", "lint.title_max must be a whole number of 1 or more"),
        ('[lint.terms]\n"做为" = 1\n', "the term “做为” must map to the right form in quotes"),
        ("lint = 3\n", "lint must be a table"),
    ],
)
def test_bad_lint_settings_say_what_and_where(tmp_path, text, reason):
    from bulletin_tui.settings import load_lint_settings

    (tmp_path / "bulletin.toml").write_text(text, encoding="utf-8")
    settings, problem = load_lint_settings(tmp_path)
    assert settings == LintSettings()
    assert reason in problem.reason


def test_lint_settings_are_read_and_leave_the_statistics_settings_alone(tmp_path):
    from bulletin_tui.settings import load_lint_settings, load_settings

    (tmp_path / "bulletin.toml").write_text(
        '[score]\n"工作动态" = 2\n\n[lint]\noff = ["cjk-space"]\ntitle_max = 30\n\n'
        '[lint.terms]\n"县政府办" = "县政府办公室"\n',
        encoding="utf-8",
    )
    assert load_lint_settings(tmp_path) == (
        LintSettings(frozenset({"cjk-space"}), 30, {"县政府办": "县政府办公室"}),
        None,
    )
    assert load_settings(tmp_path)[0].points("工作动态") == 2


def test_a_fix_refuses_a_field_that_changed_since_it_was_proofread():
    from bulletin_tui.model import Issue, Item, Section
    from bulletin_tui.proofread.fixes import FixText
    from bulletin_tui.tomledit import EditError, IssueDocument

    item = Item("县开发区做好服务。", ("聚焦重点企业。",), "开发区")
    document = IssueDocument.new(Issue("工作动态", sections=(Section("助企服务", (item,)),)))
    FixText(0, 0, "title", "县开发区做好服务。", "县开发区做好服务").apply(document)
    assert document.issue().items[0].title == "县开发区做好服务"
    with pytest.raises(EditError, match="changed since it was proofread"):
        FixText(0, 0, "title", "县开发区做好服务。", "县开发区做好服务").apply(document)
