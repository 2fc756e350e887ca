"""Terms: misused words of official writing whose right form is certain, and the office's own.

The built-in list keeps only forms that are wrong wherever they stand (sources in
``docs/proofreading.md``): mostly idioms with a wrong character, from 《咬文嚼字》's list
of the hundred most common misused characters and the standard forms of 《现代汉语词典》
(第7版) and 《第一批异形词整理表》. A two-character entry that could also be two words
side by side (``按排名`` is 按 + 排名, ``预防犯罪`` holds 防犯) carries the neighbours
that make it such a pair, and is left alone there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bulletin_tui.proofread.findings import ERROR, Rule, Spot

TERM = Rule(
    "term", ERROR,
    "用词不规范：“{wrong}”应为“{right}”",
    "“{wrong}” is a misused form; write “{right}”", True,
)  # fmt: skip


@dataclass(frozen=True)
class Term:
    """A wrong form, its right form, and the neighbours that make the wrong form two words."""

    wrong: str
    right: str
    not_before: str = ""  # characters that, just before the match, make it innocent
    not_after: str = ""  # characters that, just after it, make it innocent


BUILT_IN: tuple[Term, ...] = (
    # two characters: only where they cannot be two words side by side
    Term("做为", "作为", not_after="民人期"),  # 做为民办实事: 做 + 为民
    Term("按排", "安排", not_after="名序位行列班次号查放污水量期照比"),  # 按排名, 按排查
    Term("布署", "部署", not_before="发公颁宣", not_after="名"),  # 发布署名
    Term("截止目前", "截至目前"),
    Term("宏扬", "弘扬"),
    Term("贯撤", "贯彻", not_before="一"),
    Term("竟争", "竞争", not_before="究毕", not_after="相先抢夺着"),  # 究竟争取, 竟争相购买
    Term("防犯", "防范", not_after="罪法规错"),  # 预防犯罪, 防犯错误
    Term("凋弊", "凋敝"),
    Term("松驰", "松弛"),
    Term("震憾", "震撼"),
    Term("追朔", "追溯"),
    Term("编篡", "编纂"),
    Term("寒喧", "寒暄"),
    Term("急燥", "急躁"),
    Term("气慨", "气概"),
    Term("陷井", "陷阱"),
    Term("脉博", "脉搏"),
    Term("幅射", "辐射", not_before="大"),
    Term("决择", "抉择"),
    Term("弦律", "旋律"),
    Term("必竟", "毕竟", not_before="未何"),  # 未必竟能
    # idioms (成语): a wrong character in a fixed phrase
    Term("一如继往", "一如既往"),
    Term("既往开来", "继往开来"),
    Term("再接再励", "再接再厉"),
    Term("迫不急待", "迫不及待"),
    Term("一股作气", "一鼓作气"),
    Term("按步就班", "按部就班"),
    Term("默守成规", "墨守成规"),
    Term("走头无路", "走投无路"),
    Term("穿流不息", "川流不息"),
    Term("直接了当", "直截了当"),
    Term("声名雀起", "声名鹊起"),
    Term("重蹈复辙", "重蹈覆辙"),
    Term("出奇不意", "出其不意"),
    Term("精兵减政", "精兵简政"),
    Term("相辅相承", "相辅相成"),
    Term("关怀倍至", "关怀备至"),
    Term("变本加利", "变本加厉"),
    Term("谈笑风声", "谈笑风生"),
    Term("一愁莫展", "一筹莫展"),
    Term("不径而走", "不胫而走"),
    Term("针贬时弊", "针砭时弊"),
    Term("明查暗访", "明察暗访"),
    Term("迫在眉捷", "迫在眉睫"),
    Term("言简意骇", "言简意赅"),
    Term("沤心沥血", "呕心沥血"),
    Term("坚苦奋斗", "艰苦奋斗"),
    Term("艰苦卓决", "艰苦卓绝"),
    Term("真知卓见", "真知灼见"),
    Term("一拍既合", "一拍即合"),
    Term("竞竞业业", "兢兢业业"),
    Term("以身做则", "以身作则"),
    Term("厉精图治", "励精图治"),
    Term("名列前矛", "名列前茅"),
    Term("一诺千斤", "一诺千金"),
    Term("各行其事", "各行其是"),
    Term("委屈求全", "委曲求全"),
    Term("趋之若骛", "趋之若鹜"),
    Term("有持无恐", "有恃无恐"),
    Term("再所难免", "在所难免"),
    Term("山青水秀", "山清水秀"),
    Term("世外桃园", "世外桃源"),
    Term("甘败下风", "甘拜下风"),
    Term("金榜提名", "金榜题名"),
    Term("蛛丝蚂迹", "蛛丝马迹"),
    Term("食不裹腹", "食不果腹"),
    Term("美仑美奂", "美轮美奂"),
    Term("毛骨耸然", "毛骨悚然"),
    Term("凭心而论", "平心而论"),
    Term("悬梁刺骨", "悬梁刺股"),
)


class TermList:
    """The built-in terms and the office's own ``[lint.terms]``, searched in one pass."""

    def __init__(self, office: dict[str, str] | None = None) -> None:
        terms = {term.wrong: term for term in BUILT_IN}
        for wrong, right in (office or {}).items():
            if wrong and wrong != right:
                terms[wrong] = Term(wrong, right)
        self.terms = terms
        # longest first, so that a longer wrong form wins over a shorter one inside it
        words = sorted(terms, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, words))) if words else None

    def check(self, text: str, kind: str = "body") -> list[Spot]:
        """Every wrong form in ``text``, with its right form as the fix."""
        if self._pattern is None:
            return []
        spots = []
        for match in self._pattern.finditer(text):
            term = self.terms[match.group()]
            before = text[match.start() - 1 : match.start()]
            after = text[match.end() : match.end() + 1]
            if (before and before in term.not_before) or (after and after in term.not_after):
                continue
            spots.append(Spot(TERM, match.start(), len(term.wrong), term.right,
                              {"wrong": term.wrong, "right": term.right}))  # fmt: skip
        return spots
