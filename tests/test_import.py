"""Importing plain bulletin text: the sample, each layout people have, and bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bulletin_tui.cjk import DecodeError
from bulletin_tui.model import Distribution
from bulletin_tui.plaintext import ImportTextError, import_bytes, import_text

from .conftest import SAMPLE_TEXT
from .layouts import item_lines, pdf_text, shows_hard_wrap
from .strategies import issues


def test_the_sample_exactly():
    result = import_bytes(SAMPLE_TEXT.read_bytes(), series="工作动态")
    issue = result.issue
    assert result.warnings == ()
    assert [(s.name, len(s.items)) for s in issue.sections] == [
        ("助企服务", 1),
        ("民生保障", 4),
        ("安全生产", 2),
    ]
    assert [item.source for item in issue.items] == [
        "开发区", "城市管理局", "教体局", "公路事业发展中心", "潭龙街道", "交通运输局", "司寨乡",
    ]  # fmt: skip
    titles = [item.title for item in issue.items]
    assert "县教体局全力打造数字化校园再获全省教育系统网络安全称号" in titles
    assert "潭龙街道提升12345公共服务热线办理质效" in titles
    assert "县交通运输局认真开展校园周边道路非法营运联合执法专项行动" in titles
    [line] = issue.distribution
    assert line.label == "本期发"
    assert len(line.recipients) == 9
    assert line.recipients[-1] == "各乡（镇）政府、街道办事处主要领导"
    body = issue.sections[1].items[0].body[0]
    assert "明确所属产权（管理）单位" in body  # parentheses inside a body are body text
    assert "2023年，共完成1234套病害窨井盖整治任务" in body  # inserted spaces gone
    assert "整治，消除" in body  # the page-break space inside 整 / 治 gone
    assert "探索“智慧课堂”“翻转课堂”等教学新形态,开展" in issue.items[2].body[0]  # kept as written
    assert issue.items[0].body[0].endswith("有效缓解企业资金压力。")


def test_keep_spacing_keeps_the_inserted_spaces():
    issue = import_bytes(SAMPLE_TEXT.read_bytes(), series="工作动态", keep_spacing=True).issue
    assert "共帮助 9 家有资金需求的企业" in issue.items[0].body[0]
    assert "1.4 亿多元" in issue.items[0].body[0]


MASTHEADS = {
    "plain": ("工作动态\n第12期\n中共延津县委办公室　　2024年6月18日\n━━━━━━━━━━━━\n",
              ("工作动态", 12, None, dt.date(2024, 6, 18), "中共延津县委办公室")),
    "letter-spaced": ("工 作 动 态\n\n2024年第3期（总第186期）\n\n"
                      "县委办公室编      2024 年 5 月 31 日\n————————————\n",
                      ("工作动态", 3, 186, dt.date(2024, 5, 31), "县委办公室编")),
    "two lines": ("政务信息\n\n第 7 期\n\n县人民政府办公室\n\n2024-06-18\n\n───────────\n",
                  ("政务信息", 7, None, dt.date(2024, 6, 18), "县人民政府办公室")),
    "chinese numeral": ("督查专报\n第十二期（总第一百零八期）\n县委督查室\n━━━━━━\n",
                        ("督查专报", 12, 108, None, "县委督查室")),
}  # fmt: skip

BODY = """
【助企服务】

县开发区全力做好企业项目融资服务保障 聚焦辖区内重点企业，摸排企业融资需求。（开发区）
"""


@pytest.mark.parametrize("name", sorted(MASTHEADS))
def test_masthead_forms(name):
    text, (series, number, total, date, publisher) = MASTHEADS[name]
    result = import_text(text + BODY)
    issue = result.issue
    assert (issue.series, issue.number, issue.total, issue.date, issue.publisher) == (
        series, number, total, date, publisher,
    )  # fmt: skip
    assert result.warnings == ()
    assert issue.items[0].source == "开发区"


def test_command_line_values_override_the_masthead():
    text, _ = MASTHEADS["plain"]
    issue = import_text(text + BODY, number=13, date=dt.date(2024, 7, 1)).issue
    assert (issue.series, issue.number, issue.date) == ("工作动态", 13, dt.date(2024, 7, 1))


WORD_COPY = """\
【民生保障】
　　县水利局扎实开展防汛演练　　为提升防汛应急处置能力，县水利局组织开展防汛应急演练。
　　演练模拟了突发险情的处置全过程，检验了预案的可操作性。(县水利局 张华)
　　县政府办提升公文办理质效 严格落实公文审核制度，规范办文流程。（县政府办供稿）
【安全生产】
司寨乡扎实推动安全生产工作走深走实
　　聚焦安全生产、道路交通等重点领域，制定专项整治方案。
　　目前，共开展宣教2次，组织走访企业20家次。
（司寨乡）
"""


def test_word_copy_run_in_and_alone_headlines_and_attribution_forms():
    result = import_text(WORD_COPY, series="工作动态")
    assert result.warnings == ()
    first, second = result.issue.sections[0].items
    assert first.title == "县水利局扎实开展防汛演练"
    assert first.body == (
        "为提升防汛应急处置能力，县水利局组织开展防汛应急演练。",
        "演练模拟了突发险情的处置全过程，检验了预案的可操作性。",
    )
    assert (first.source, first.author) == ("县水利局", "张华")
    assert (second.title, second.source, second.author) == (
        "县政府办提升公文办理质效",
        "县政府办",
        "",
    )
    [third] = result.issue.sections[1].items
    assert third.title == "司寨乡扎实推动安全生产工作走深走实"
    assert third.body == (
        "聚焦安全生产、道路交通等重点领域，制定专项整治方案。",
        "目前，共开展宣教2次，组织走访企业20家次。",
    )
    assert third.source == "司寨乡"


PDF_WITH_FOOTER = """\
县公路事业发展中心闻“絮”而动开展杨柳飞絮治理工作 根

据管养路段实际情况，采取“湿扫机械+人工辅助”联合作业模

式，有效减轻飞絮对群众生活的影响。（公路事业发展

中心）

潭龙街道提升12345公共服务热线办理质效 认真对待群众

 诉求，第一时间对“症”精准转派，主动沟通，听取群众意见。

　　截至3月底，共承办工单81件，办理满意度100%，综合排名

位于前列。（潭龙街道 李明）

━━━━━━━━━━━━━━━━━━━━━━━━━━━━

报：市委办公室，市政府办公室。

送：县委常委，县人大正副主任，副县长，县政协正副主席，县

直各单位负责人。

发：各乡（镇）政府、街道办事处主要领导。

（共印80份）
"""


def test_pdf_without_sections_with_split_attribution_paragraphs_and_footer():
    result = import_text(PDF_WITH_FOOTER, series="工作动态")
    issue = result.issue
    assert result.warnings == ()
    [section] = issue.sections
    assert section.name == ""
    first, second = section.items
    assert first.source == "公路事业发展中心"
    assert first.body == ("根据管养路段实际情况，采取“湿扫机械+人工辅助”联合作业模式，"
                          "有效减轻飞絮对群众生活的影响。",)  # fmt: skip
    assert second.title == "潭龙街道提升12345公共服务热线办理质效"
    assert second.body == (
        "认真对待群众诉求，第一时间对“症”精准转派，主动沟通，听取群众意见。",
        "截至3月底，共承办工单81件，办理满意度100%，综合排名位于前列。",
    )
    assert (second.source, second.author) == ("潭龙街道", "李明")
    assert issue.distribution == (
        Distribution("报", ("市委办公室", "市政府办公室")),
        Distribution("送", ("县委常委", "县人大正副主任", "副县长", "县政协正副主席",
                            "县直各单位负责人")),
        Distribution("发", ("各乡（镇）政府、街道办事处主要领导",)),
    )  # fmt: skip
    assert issue.copies == 80


def test_gb18030_with_crlf_and_utf8_with_bom_read_the_same():
    expected = import_bytes(SAMPLE_TEXT.read_bytes(), series="工作动态").issue
    text = SAMPLE_TEXT.read_text(encoding="utf-8")
    gb = text.replace("\n", "\r\n").encode("gb18030")
    assert import_bytes(gb, series="工作动态").issue == expected
    assert import_bytes(gb, series="工作动态", encoding="gb18030").issue == expected
    bom = b"\xef\xbb\xbf" + text.encode("utf-8")
    assert import_bytes(bom, series="工作动态").issue == expected


def test_warnings_where_it_had_to_guess():
    text = (
        "工作动态\n第1期\n━━━━━━\n"
        "编者按：本期集中刊发各地经验做法。\n"
        "【经验交流】\n"
        "县开发区做好融资服务 聚焦重点企业，摸排融资需求。\n"
        "没有标题也没有来源的一段话，用来检验警告。\n"
    )
    result = import_text(text)
    warnings = "\n".join(result.warnings)
    assert "neither masthead nor item" in warnings
    assert "no attribution" in warnings
    assert result.issue.extra["notes"] == ["编者按：本期集中刊发各地经验做法。"]


def test_control_characters_are_removed_with_a_warning():
    result = import_text(
        "【栏目】\n县开发区\x07做好服务 聚焦\x1b[31m重点企业。（开发区）\n", series="x"
    )
    assert result.issue.items[0].title == "县开发区做好服务"
    assert result.issue.items[0].body == ("聚焦[31m重点企业。",)
    assert any("control characters" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"  \n\n  ", "is empty"),
        (b"\x00\x01\x02binary\xff\xfe", "binary"),
        (bytes(range(128, 256)) * 4, "cannot tell the text encoding"),
        ("只有一句话".encode(), "no recognisable item|cannot find the body"),
        ("【助企服务】\n【民生保障】\n".encode(), "no recognisable item"),
    ],
)
def test_bad_input_is_one_clear_error(data, message):
    with pytest.raises((ImportTextError, DecodeError), match=message):
        import_bytes(data, series="工作动态", name="in.txt")


def test_text_without_a_series_needs_one():
    with pytest.raises(ImportTextError, match="--series"):
        import_bytes(SAMPLE_TEXT.read_bytes())


# -- property tests --------------------------------------------------------------------------


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(issues(), st.integers(20, 40), st.booleans(), st.randoms(use_true_random=False))
def test_pdf_extraction_layout_parses_back_to_the_same_issue(issue, width, blank_lines, rnd):
    text = pdf_text(issue, width * 2, rnd, blank_lines=blank_lines)
    # A text whose every line happens to end a sentence shows no hard wrap at all: it reads
    # as one paragraph a line, and no reader could tell otherwise. Such layouts are skipped.
    assume(shows_hard_wrap(item_lines(issue, width * 2)))
    has_masthead = issue.number or issue.total or issue.date or issue.publisher
    result = import_text(text, series=None if has_masthead else issue.series)
    assert result.issue == issue, text
    assert result.warnings == ()


MARKERS = "【】（）() 　\n\t。，、：本期发报送第期总年月日12345工作动态县局办乡镇ABC━"


@settings(max_examples=300)
@given(st.text(st.sampled_from(MARKERS) | st.characters(), max_size=300))
def test_random_text_raises_nothing_but_the_importers_own_error(text):
    try:
        result = import_text(text, series="工作动态")
    except ImportTextError:
        return
    assert result.issue.items


@settings(max_examples=200)
@given(st.binary(max_size=400))
def test_random_bytes_give_only_the_importers_own_errors(data):
    try:
        import_bytes(data, series="工作动态")
    except (ImportTextError, DecodeError):
        return


DATA = SAMPLE_TEXT.parent.parent / "tests" / "data"


def test_word_copy_with_masthead_rule_lines_and_a_three_line_footer():
    result = import_bytes((DATA / "word_with_masthead.txt").read_bytes())
    issue = result.issue
    assert result.warnings == ()
    assert (issue.series, issue.number, issue.date, issue.publisher, issue.copies) == (
        "工作动态", 12, dt.date(2024, 6, 18), "中共某某县委办公室", 80,
    )  # fmt: skip
    assert [(s.name, [i.source for i in s.items]) for s in issue.sections] == [
        ("重点工作", ["县发改委", "东屯镇"]),
        ("基层动态", ["县市场监管局"]),
    ]
    assert issue.sections[0].items[1].author == "王磊"
    assert issue.sections[1].items[0].body == (
        "为进一步规范食品经营秩序，县市场监管局在全县范围内开展专项检查。",
        "截至目前，共检查经营主体326家，下达整改通知书18份。",
    )
    assert [d.label for d in issue.distribution] == ["报", "送", "发"]


def test_pdf_with_a_one_line_masthead_and_sections_named_without_brackets():
    result = import_bytes((DATA / "pdf_bare_sections.txt").read_bytes())
    issue = result.issue
    assert result.warnings == ()
    assert (issue.series, issue.number, issue.total, issue.date) == (
        "工作简报", 3, 186, dt.date(2024, 5, 31),
    )  # fmt: skip
    [section] = issue.sections
    assert section.name == "乡村振兴"
    assert [i.title for i in section.items] == [
        "县农业农村局推进高标准农田建设", "榆林乡发展特色种植助农增收",
    ]  # fmt: skip
    assert "新建高标准农田2.3万亩" in section.items[0].body[0]
    assert issue.copies == 60
    assert issue.distribution[1].recipients == ("各乡镇党委、政府", "县直各单位")
