"""Bulletins of an office the rules were not written against: clean items draw nothing,
and every slip seeded into them is found at its place."""

from __future__ import annotations

import pytest

from bulletin_tui.proofread import Linter

CLEAN_TITLES = [
    "市场监管局开展“3·15”消费者权益保护宣传活动",
    "县人社局举办2024年春风行动专场招聘会",
    "柳园镇：以“四议两公开”推动村级事务规范运行",
]

CLEAN_BODIES = [
    # numbers, percentages, a time, a document's name and number, an English name, a URL
    "3月15日9:30，县市场监管局联合县消费者协会在人民广场开展宣传活动，发放《中华人民共和国"
    "消费者权益保护法》宣传册1200余份，现场受理投诉咨询36件，调解成功率达91.7%。活动期间，"
    "工作人员还演示了“全国12315平台”（https://www.12315.cn）和“i市场监管”App的使用方法。",
    # headings inside the body, a list numbered 1. and （1）, a quotation over paragraphs
    "一、主要做法\n\n"
    "（一）坚持需求导向。围绕重点企业用工需求，提前摸排岗位信息。\n\n"
    "1.线上发布。通过“延津就业”公众号发布岗位1,860个。\n\n"
    "（1）线下对接。组织42家企业进场招聘，达成就业意向517人。\n\n"
    "县人社局负责同志表示：“下一步，将持续优化就业服务。\n\n"
    "“要把稳就业各项举措落到实处，确保群众满意。”",
    # 2023—2024年, a Latin abbreviation, 5G, a question, an exclamation, a colon at the end
    "镇党委把2023—2024年村级事务公开情况纳入年度考核，依托5G网络建成村务公开平台，"
    "群众扫码即可查阅。群众满意吗？满意！主要经验有三条：\n\n"
    "一是强化组织领导；二是规范议事程序；三是加强监督检查。",
]

#: (field, text with one slip, the slip's rule, its offset in the text, the fixed text or None)
SLIPS = [
    ("body", "共发放宣传册1200余份,现场受理投诉咨询36件。", "half-width-punct", 12, "，"),
    ("body", "共发放宣传册1200 余份，现场受理投诉咨询36件。", "cjk-space", 10, ""),
    ("body", "发放《消费者权益保护法宣传册1200余份。", "unpaired", 2, None),
    ("body", "推进”放心消费“行动。", "quote-order", 2, "“放心消费”"),
    ("body", "达成就业意向517人。。", "repeated-punct", 10, "。"),
    ("body", "组织42家企业进场招聘，达成就业意向517人", "paragraph-end", 21, None),
    ("title", "县人社局举办2024年春风行动专场招聘会。", "headline-end", 20, ""),
    ("body", "发放宣传册１２００余份。", "full-width-alnum", 5, "1200"),
    ("body", "发放宣传册、海报...", "ellipsis", 8, "……"),
    ("body", "做为全县重点工作，按排专人负责。", "term", 0, "作为"),
]


@pytest.mark.parametrize("title", CLEAN_TITLES)
def test_clean_headlines_draw_nothing(title):
    assert Linter().field(title, "title") == []


@pytest.mark.parametrize("body", CLEAN_BODIES)
def test_clean_bodies_draw_nothing(body):
    assert Linter().field(body, "body") == []


@pytest.mark.parametrize(("field", "text", "rule", "offset", "fix"), SLIPS)
def test_each_seeded_slip_is_found_at_its_place(field, text, rule, offset, fix):
    spots = [spot for spot in Linter().field(text, field) if spot.rule.id == rule]
    assert [spot.offset for spot in spots][:1] == [offset]
    assert spots[0].fix == fix


def test_a_slip_seeded_into_a_clean_body_is_the_only_finding():
    body = CLEAN_BODIES[0].replace("宣传活动，发放", "宣传活动,发放")
    spots = Linter().field(body, "body")
    assert [(spot.rule.id, body[spot.offset]) for spot in spots] == [("half-width-punct", ",")]
