"""The tier rules' words in the UI language: gaps, notes and routes as stored, rule names as seeded.

An evaluation stores its gaps as Chinese sentences with their numbers (ADR 0014: "研发费用占比 3.2% < 4%…:
还需 +47万元"), and the API and the exports keep them so. A page shows them through :func:`tier_text`: the
sentence is matched against the sentences ``cultivation.tiers`` writes (``SENTENCES``, Chinese source
strings with named slots), the matched sentence is translated through the catalogue and its slots filled
with their values in the UI language (amounts in 万 as yuan, tier names and labels through ``data_term``).
A sentence no pattern knows (a rule a park configured by hand, an older wording) reads as stored, as
ADR 0003 wants of data nobody translated. ``tests/test_wording.py`` holds every sentence the evaluators
write to a pattern here.

An incubator's criteria (``incubation.check``, worked out when its page is drawn) are written the same way,
in Chinese with their numbers, and read through :func:`incubator_text` against their own sentences
(``CRITERIA_SENTENCES``), so a tier's sentence and an incubator's never match each other's pattern.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cache

from django.utils.translation import gettext, gettext_noop

from scipark.core.terms import data_term, reads_chinese

#: What ``cultivation.tiers`` writes, most specific first (the first whole match wins). ``{name}`` is a slot.
SENTENCES: tuple[str, ...] = (
    # 科技型中小企业
    gettext_noop("缺少{label},无法判断规模条件。"),
    gettext_noop("{label} {value} 超过 {edge}:不属于科技型中小企业范围"),
    gettext_noop("近一年发生重大安全、质量、环境事故或严重失信行为"),
    gettext_noop("科技人员占比 {share} < {rate}%(该项不得为0分):还需 +{need}人"),
    gettext_noop(
        "评价得分 {score} < {pass_score}:研发费用占销售收入 {share} → {rate}% 可得 {points} 分,还需 +{need}"
    ),
    gettext_noop("评价得分 {score} < {pass_score}:还差 {short} 分"),
    gettext_noop("评价得分 {score} < {pass_score};研发费用占营业收入 {share} → {rate}% 可加分:还需 +{need}"),
    gettext_noop("评价得分 {score} < {pass_score}"),
    gettext_noop("有效期内的高新技术企业"),
    gettext_noop("近{years}年获国家级科技奖励(前三名完成单位)"),
    gettext_noop("拥有省部级以上研发机构"),
    gettext_noop("近五年主导制定国际、国家或行业标准"),
    gettext_noop("得分{low}–{high}分,能否达到{pass_score}分取决于专家评分。"),
    # 高新技术企业
    gettext_noop("缺少成立日期。"),
    gettext_noop("注册成立不满一年"),
    gettext_noop("未拥有对主要产品(服务)发挥核心支持作用的知识产权:还需 +1件"),
    gettext_noop("主要产品(服务)的技术不属于《国家重点支持的高新技术领域》"),
    gettext_noop("申请前一年发生重大安全、质量事故或严重环境违法行为"),
    gettext_noop("缺少职工总数或科技人员数。"),
    gettext_noop("科技人员占比 {share} < {rate}%:还需 +{need}人"),
    gettext_noop("缺少销售收入或研发费用,无法计算近三年研发费用占比。"),
    gettext_noop("近{years}年研发费用占比 {share} < {rate}%({band}):还需 +{need}"),
    gettext_noop("缺少境内研发费用。"),
    gettext_noop("境内研发费用占比 {share} < {rate}%:境内还需 +{need}"),
    gettext_noop("缺少高新技术产品(服务)收入。"),
    gettext_noop("高新技术产品(服务)收入占比 {share} < {rate}%:还需 +{need}"),
    gettext_noop("研发组织管理水平由专家评分(0–20分)。"),
    gettext_noop("近三年净资产或销售收入不全(或基数为0),成长性按已有年份计分。"),
    # 创新型中小企业
    gettext_noop("近三年获省级以上科技奖励"),
    gettext_noop("拥有省级以上研发机构"),
    gettext_noop("近三年新增股权融资 ≥ {amount}"),
    gettext_noop("缺少上年主营业务收入,增长率按0分计。"),
    gettext_noop("{part}得分 {got} < {need}"),
    # 专精特新中小企业
    gettext_noop("从事特定细分市场 {years}年 < {least}年:还需 {need}年"),
    gettext_noop("上年研发费用 {rd} < {edge}:还需 +{need}"),
    gettext_noop("研发费用占营业收入 {share} < {rate}%:还需 +{need}"),
    gettext_noop("上年营业收入 {revenue} < {edge}(且近两年新增股权融资不足{equity}):还需 +{need}"),
    gettext_noop("近两年研发费用均值 ≥ {amount}"),
    gettext_noop("专业化、精细化、特色化、创新能力得分由省级主管部门评定,此处只核对基本条件。"),
    # 专精特新“小巨人”
    gettext_noop("缺少主营业务收入。"),
    gettext_noop("主营业务收入占比 {share} < {rate}%:还需 +{need}"),
    gettext_noop("缺少近两年主营业务收入,无法计算平均增长率。"),
    gettext_noop("近两年主营业务收入平均增长率 {growth} < {rate}%"),
    gettext_noop("资产负债率 {ratio} > {rate}%"),
    gettext_noop("未建立研发机构:还需 +1个"),
    gettext_noop("用于主导产品的Ⅰ类知识产权 {have}件 < {least}件:还需 +{need}件"),
    gettext_noop("缺少{year}年营业收入或研发费用。"),
    gettext_noop("{year}年营业收入 {revenue} 不足5000万元:按其他条件另行认定"),
    gettext_noop("{year}年研发费用占营业收入 {share} < {rate}%:还需 +{need}"),
    # 科技小巨人 (the park's own thresholds, each with its label)
    gettext_noop("园区自定标准,按园区科技创新部门配置的条件核对。"),
    gettext_noop("须先认定为{tier}"),
    gettext_noop("缺少{label}。"),
    gettext_noop("{label} {got} < {need}:还需 +{short}"),
    gettext_noop("{label} {got} < {need}"),
)

#: Parts of a sentence that are sentences of their own: the R&D share's band of 高企.
BANDS: tuple[str, ...] = (
    gettext_noop("{amount}以上档"),
    gettext_noop("{amount}以下档"),
    gettext_noop("{low}–{high}档"),
)

#: The labels the rules put into their sentences, and the names of the seeded rule versions (the rule page
#: and the position block show them; a version a park names itself reads as named).
TERMS: tuple[str, ...] = (
    gettext_noop("职工总数"),
    gettext_noop("年销售收入"),
    gettext_noop("资产总额"),
    gettext_noop("创新能力"),
    gettext_noop("成长性"),
    gettext_noop("专业化"),
    gettext_noop("销售收入"),
    gettext_noop("研发费用占销售收入比例"),
    gettext_noop("Ⅰ类知识产权"),
    gettext_noop("2022年版评价办法"),
    gettext_noop("2016年版认定办法"),
    gettext_noop("2022年版评价标准"),
    gettext_noop("2022年版认定标准"),
    gettext_noop("园区暂定标准"),
    gettext_noop("《科技型中小企业评价办法》(国科发政〔2017〕115号)及2022年评价工作指引"),
    gettext_noop("《高新技术企业认定管理办法》(国科发火〔2016〕32号)及工作指引(国科发火〔2016〕195号)"),
    gettext_noop("《优质中小企业梯度培育管理暂行办法》(工信部企业〔2022〕63号)附件1"),
    gettext_noop("《优质中小企业梯度培育管理暂行办法》(工信部企业〔2022〕63号)附件2"),
    gettext_noop("《优质中小企业梯度培育管理暂行办法》(工信部企业〔2022〕63号)附件3"),
    gettext_noop("园区科技创新部门暂定(省级“科技小巨人”认定条件未公开,由园区配置)"),
)

#: What ``incubation.check`` writes of an incubator against the provincial criteria: each criterion's name
#: (read as a term) and its detail, most specific first as above (the incubator page shows them through
#: :func:`incubator_text`; a detail that is a bare figure, 215家 or 500万元, reads as that figure).
CRITERIA_TERMS: tuple[str, ...] = (
    gettext_noop("运营时间"),
    gettext_noop("孵化场地面积"),
    gettext_noop("在孵企业使用面积占比"),
    gettext_noop("在孵企业数"),
    gettext_noop("累计毕业企业数"),
    gettext_noop("专业孵化服务人员"),
    gettext_noop("种子资金"),
    gettext_noop("在孵企业创新能力"),
)
CRITERIA_SENTENCES: tuple[str, ...] = (
    gettext_noop("已运营{age}年,要求≥{least}年"),
    gettext_noop("{area}m² < {least}m²:还需 +{need}m²"),
    gettext_noop("{share} < 2/3:还需 +{need}m²"),
    gettext_noop("{staff}人,占{share}:还需 +{need}人(占比≥50%且每10家在孵企业≥1人)"),
    gettext_noop("{staff}人,占{share}"),
    gettext_noop("拥有知识产权的占{ip},认定科技型企业的占{certified}:再有 {need} 家取得知识产权可达20%"),
    gettext_noop("拥有知识产权的占{ip},认定科技型企业的占{certified}"),
    # a figure with a gap, or an area alone: after every sentence they would swallow
    gettext_noop("{have}:还需 +{need}"),
    gettext_noop("{area}m²"),
)

_SLOT = re.compile(r"\{(\w+)\}")
_HAN = re.compile(r"[\u3400-\u9fff]")
#: Amounts as ``bands.wan_phrase`` / ``bands.yuan_band`` write them, and counts with their unit.
_MONEY = re.compile(r"(\d+(?:\.\d+)?)(万元|万|亿)")
_MULTIPLIER = {"万元": Decimal(10_000), "万": Decimal(10_000), "亿": Decimal(100_000_000)}
_COUNT = re.compile(r"(\d+(?:\.\d+)?)(人|件|个|年|家)")
COUNTS = {
    "人": gettext_noop("%(n)s人"),
    "件": gettext_noop("%(n)s件"),
    "个": gettext_noop("%(n)s个"),
    "年": gettext_noop("%(n)s年"),
    "家": gettext_noop("%(n)s家"),
}


@cache
def _pattern(sentence: str) -> re.Pattern[str]:
    """``"{label} {value} 超过 {edge}"`` → a regular expression with one named group per slot."""
    parts = _SLOT.split(sentence)
    # split alternates literal text and slot names: even indexes are text, odd ones names
    return re.compile(
        "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts))
    )


def _match(text: str, sentences: tuple[str, ...]) -> tuple[str, dict[str, str]] | None:
    for sentence in sentences:
        found = _pattern(sentence).fullmatch(text)
        if found is not None:
            return sentence, found.groupdict()
    return None


def _yuan(number: str, unit: str) -> str:
    try:
        value = Decimal(number) * _MULTIPLIER[unit]
    except InvalidOperation:
        return f"{number}{unit}"
    shown = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    return gettext("%(amount)s 元") % {"amount": shown}


def _value(text: str) -> str:
    """One slot's value in the UI language: an amount, a count with its unit, a band, a term."""
    if found := _MONEY.fullmatch(text):
        return _yuan(*found.groups())
    if found := _COUNT.fullmatch(text):
        return gettext(COUNTS[found.group(2)]) % {"n": found.group(1)}
    matched = _match(text, BANDS)
    if matched is not None:
        return _fill(*matched)
    return data_term(text)


def _fill(sentence: str, values: dict[str, str]) -> str:
    translated = gettext(sentence)
    if translated == sentence and _HAN.search(_SLOT.sub("", sentence)):
        return sentence.format(**values)  # nobody translated it: the stored text reads better than a mix
    return translated.format(**{name: _value(value) for name, value in values.items()})


def tier_text(text: str, *, language: str | None = None) -> str:
    """A gap, note or route as stored (Chinese), in the UI language; as stored where no pattern knows it."""
    if not text:
        return text
    if reads_chinese(language):
        return text
    matched = _match(text, SENTENCES)
    if matched is None:
        return data_term(text)
    return _fill(*matched)


def incubator_text(text: str, *, language: str | None = None) -> str:
    """An incubator criterion's name or detail as ``incubation.check`` writes it (Chinese), in the UI
    language; a figure alone (215家, 500万元) as that figure, and a text no pattern knows as written."""
    if not text:
        return text
    if reads_chinese(language):
        return text
    matched = _match(text, CRITERIA_SENTENCES)
    if matched is None:
        return _value(text)
    return _fill(*matched)
