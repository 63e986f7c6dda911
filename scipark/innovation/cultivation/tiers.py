"""One pure evaluator per tier: ``(profile, params) -> TierResult`` with the exact gap of every unmet condition.

A tier held (a valid certificate) is reported as held and still evaluated, so staff see whether a renewal
would pass. ``qualifies`` is ``None`` when the answer depends on an expert-scored part or on missing data;
the notes say which.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from itertools import pairwise
from typing import Any

from .bands import (
    money_to_rate,
    money_to_share,
    next_band,
    pct,
    people_to_share,
    point_range,
    points,
    share,
    wan_phrase,
    yuan_band,
)
from .profile import Gap, Profile, TierResult

D = Decimal
Params = Mapping[str, Any]
LEVEL_ORDER = ("national", "provincial", "municipal", "park")


def _at_least(level: str | None, allowed: Sequence[str]) -> bool:
    return level is not None and level in allowed


def _result(
    tier: str, profile: Profile, gaps: list[Gap], notes: list[str], *, lo: Decimal | None = None,
    hi: Decimal | None = None, pass_score: Decimal | None = None, route: str = "", missing: bool = False,
) -> TierResult:  # fmt: skip
    """Combine conditions and score: a gap fails; a score range straddling the pass mark is open."""
    if route and not [g for g in gaps if g.condition.startswith("基本条件")]:
        return TierResult(tier, tier in profile.held, True, lo, hi, route, tuple(gaps), tuple(notes))
    qualifies: bool | None = not gaps
    if qualifies and pass_score is not None and lo is not None and hi is not None:
        if hi < pass_score:
            qualifies = False
        elif lo < pass_score:
            qualifies = None
            notes.append(f"得分{lo}–{hi}分,能否达到{pass_score}分取决于专家评分。")
    if qualifies and missing:
        qualifies = None
    return TierResult(tier, tier in profile.held, qualifies, lo, hi, "", tuple(gaps), tuple(notes))


# --- 科技型中小企业 -------------------------------------------------------------------------------------


def tech_sme(profile: Profile, params: Params) -> TierResult:
    gaps: list[Gap] = []
    notes: list[str] = []
    limits = (
        ("employees", profile.employees, params["max_employees"], "职工总数", "人"),
        ("sales", profile.sales, params["max_sales"], "年销售收入", "元"),
        ("total_assets", profile.total_assets, params["max_assets"], "资产总额", "元"),
    )
    missing = False
    for _key, value, limit, label, unit in limits:
        if value is None:
            missing = True
            notes.append(f"缺少{label},无法判断规模条件。")
        elif D(value) > D(limit):
            shown = f"{value}人" if unit == "人" else wan_phrase(D(value))
            edge = f"{limit}人" if unit == "人" else yuan_band(D(limit))
            gaps.append(Gap("基本条件", f"{label} {shown} 超过 {edge}:不属于科技型中小企业范围", None, unit))
    if profile.major_incident:
        gaps.append(Gap("基本条件", "近一年发生重大安全、质量、环境事故或严重失信行为"))
    route = _tech_sme_route(profile, params)

    staff_share = share(profile.tech_staff, profile.employees)
    staff_points = points(staff_share, params["tech_staff"])
    rd_sales = share(profile.rd_expense, profile.sales)
    rd_cost = share(profile.rd_expense, profile.total_cost)
    rd_points = max(points(rd_sales, params["rd_sales"]), points(rd_cost, params["rd_cost"]))
    ip_points = _tech_sme_ip(profile, params)
    score = staff_points + rd_points + ip_points
    if not route:
        pass_score = D(params["pass_score"])
        if staff_points == 0:
            lowest = D(str(params["tech_staff"][-1][0]))
            need = people_to_share(lowest, profile.tech_staff or 0, profile.employees or 0)
            gaps.append(Gap(
                "科技人员", f"科技人员占比 {pct(staff_share)} < {lowest}%(该项不得为0分):还需 +{need}人", D(need), "人",
            ))  # fmt: skip
        if score < pass_score:
            gaps.append(_tech_sme_score_gap(profile, params, score, pass_score, rd_sales))
    return _result("tech_sme", profile, gaps, notes, lo=score, hi=score, route=route, missing=missing)


def _tech_sme_route(profile: Profile, params: Params) -> str:
    if "high_tech" in profile.held:
        return "有效期内的高新技术企业"
    if profile.award_level == "national":
        return f"近{params['direct_award_years']}年获国家级科技奖励(前三名完成单位)"
    if _at_least(profile.institution_level, params["direct_institution_levels"]):
        return "拥有省部级以上研发机构"
    if profile.led_standard:
        return "近五年主导制定国际、国家或行业标准"
    return ""


def _tech_sme_ip(profile: Profile, params: Params) -> Decimal:
    if profile.class_i >= 1:
        return D(params["ip_class_i"])
    return points(D(profile.class_ii), params["ip_class_ii"])


def _tech_sme_score_gap(
    profile: Profile, params: Params, score: Decimal, pass_score: Decimal, rd_sales: Decimal | None
) -> Gap:
    """The total falls short: name the R&D money that closes it alone, if R&D can."""
    short = pass_score - score
    if profile.sales:
        for band in reversed(params["rd_sales"]):
            gain = D(str(band[1])) - points(rd_sales, params["rd_sales"])
            if gain >= short:
                rate = D(str(band[0]))
                need = money_to_rate(rate, D(profile.sales), D(profile.rd_expense or 0))
                return Gap(
                    "评价得分",
                    f"评价得分 {score} < {pass_score}:研发费用占销售收入 {pct(rd_sales)} → {rate}% 可得 {band[1]} 分,"
                    f"还需 +{wan_phrase(need)}",
                    need,
                    "元",
                )
    return Gap("评价得分", f"评价得分 {score} < {pass_score}:还差 {short} 分", short, "分")


# --- 高新技术企业 ---------------------------------------------------------------------------------------


def high_tech(profile: Profile, params: Params) -> TierResult:
    gaps: list[Gap] = []
    notes: list[str] = []
    missing = False
    if profile.registered_on is None:
        missing = True
        notes.append("缺少成立日期。")
    elif (profile.year_end - profile.registered_on).days < params["min_registered_days"]:
        gaps.append(Gap("基本条件", "注册成立不满一年"))
    if profile.class_i + profile.class_ii < 1:
        gaps.append(Gap("知识产权", "未拥有对主要产品(服务)发挥核心支持作用的知识产权:还需 +1件", D(1), "件"))
    if not profile.key_field:
        gaps.append(Gap("技术领域", "主要产品(服务)的技术不属于《国家重点支持的高新技术领域》"))
    if profile.major_incident:
        gaps.append(Gap("基本条件", "申请前一年发生重大安全、质量事故或严重环境违法行为"))
    staff_rate = D(params["tech_staff_share"])
    staff_share = share(profile.tech_staff, profile.employees)
    if staff_share is None:
        missing = True
        notes.append("缺少职工总数或科技人员数。")
    elif staff_share < staff_rate:
        need = people_to_share(staff_rate, profile.tech_staff or 0, profile.employees or 0)
        gaps.append(
            Gap("科技人员", f"科技人员占比 {pct(staff_share)} < {staff_rate}%:还需 +{need}人", D(need), "人")
        )
    missing |= _high_tech_rd(profile, params, gaps, notes)
    missing |= _high_tech_shares(profile, params, gaps, notes)
    lo, hi = _high_tech_score(profile, params, notes)
    return _result(
        "high_tech", profile, gaps, notes, lo=lo, hi=hi, pass_score=D(params["pass_score"]), missing=missing
    )


def high_tech_rd_rate(last_sales: Decimal, bands: Sequence[Sequence[Any]]) -> tuple[Decimal, str]:
    """The three-year R&D share required for last year's sales, and the band's name (edges included below)."""
    lower = D(0)
    for edge, rate in bands:
        if edge is None or last_sales <= D(edge):
            if edge is None:
                label = f"{yuan_band(lower)}以上档"
            elif lower == 0:
                label = f"{yuan_band(D(edge))}以下档"
            else:
                label = f"{yuan_band(lower)}–{yuan_band(D(edge))}档"
            return D(rate), label
        lower = D(edge)
    raise ValueError("rd_bands must end with an open band")


def _high_tech_rd(profile: Profile, params: Params, gaps: list[Gap], notes: list[str]) -> bool:
    years = [f for f in profile.figures()[-3:] if f.sales is not None and f.rd_expense is not None]
    if profile.sales is None or not years:
        notes.append("缺少销售收入或研发费用,无法计算近三年研发费用占比。")
        return True
    rate, label = high_tech_rd_rate(D(profile.sales), params["rd_bands"])
    total_sales = sum((D(f.sales) for f in years), D(0))  # type: ignore[arg-type]
    total_rd = sum((D(f.rd_expense) for f in years), D(0))  # type: ignore[arg-type]
    rd_share = share(total_rd, total_sales)
    if rd_share is not None and rd_share < rate:
        need = money_to_rate(rate, total_sales, total_rd)
        gaps.append(Gap(
            "研发费用", f"近{len(years)}年研发费用占比 {pct(rd_share)} < {rate}%({label}):还需 +{wan_phrase(need)}", need, "元",
        ))  # fmt: skip
    return False


def _high_tech_shares(profile: Profile, params: Params, gaps: list[Gap], notes: list[str]) -> bool:
    missing = False
    rate = D(params["domestic_share"])
    if profile.rd_expense is None or profile.rd_expense_domestic is None:
        missing = True
        notes.append("缺少境内研发费用。")
    elif (s := share(profile.rd_expense_domestic, profile.rd_expense)) is not None and s < rate:
        need = money_to_share(rate, D(profile.rd_expense_domestic), D(profile.rd_expense))
        gaps.append(
            Gap(
                "境内研发费用",
                f"境内研发费用占比 {pct(s)} < {rate}%:境内还需 +{wan_phrase(need)}",
                need,
                "元",
            )
        )
    rate = D(params["high_tech_income_share"])
    if profile.high_tech_income is None or not profile.sales:
        missing = True
        notes.append("缺少高新技术产品(服务)收入。")
    elif (s := share(profile.high_tech_income, profile.sales)) is not None and s < rate:
        need = money_to_share(rate, D(profile.high_tech_income), D(profile.sales))
        gaps.append(Gap(
            "高新技术产品收入", f"高新技术产品(服务)收入占比 {pct(s)} < {rate}%:还需 +{wan_phrase(need)}", need, "元",
        ))  # fmt: skip
    return missing


def _high_tech_score(profile: Profile, params: Params, notes: list[str]) -> tuple[Decimal, Decimal]:
    ip = high_tech_ip_range(profile, params)
    avg = D(profile.conversions_3y) / 3
    conversion = point_range(avg, params["conversion"])
    if profile.rd_management_score is None:
        management = (D(0), D(params["rd_management_max"]))
        notes.append("研发组织管理水平由专家评分(0–20分)。")
    else:
        management = (D(profile.rd_management_score), D(profile.rd_management_score))
    growth = high_tech_growth_range(profile, params, notes)
    lo = ip[0] + conversion[0] + management[0] + growth[0]
    hi = ip[1] + conversion[1] + management[1] + growth[1]
    return lo, hi


def high_tech_ip_range(profile: Profile, params: Params) -> tuple[Decimal, Decimal]:
    """IP (≤ 30): the quantity band, the experts' two parts (advancement, core support), the acquisition."""
    counts = {"class_i": profile.class_i, "class_ii": profile.class_ii}
    quantity = next(
        ((D(lo), D(hi)) for (kind, n), lo, hi in params["ip_quantity"] if counts[kind] >= n), None
    )
    if quantity is None:
        return D(0), D(0)
    expert = (D(2), D(params["ip_expert_max"]))  # each of the two expert parts scores at least 1 with IP
    own = profile.class_i_own > 0 or profile.class_i == 0
    acquisition = params["ip_acquisition_own"] if own else params["ip_acquisition_other"]
    bonus = params["ip_standard_bonus"] if profile.led_standard else [0, 0]
    cap = D(params["ip_max"])
    lo = quantity[0] + expert[0] + D(acquisition[0]) + D(bonus[0])
    hi = quantity[1] + expert[1] + D(acquisition[1]) + D(bonus[1])
    return min(lo, cap), min(hi, cap)


def growth_rate(values: Sequence[Decimal | None]) -> Decimal | None:
    """g = ½(Y2/Y1 + Y3/Y2) − 1 in percent over three years; ``None`` with fewer or a zero base."""
    if len(values) < 3 or any(v is None for v in values[-3:]):
        return None
    y1, y2, y3 = (D(v) for v in values[-3:])  # type: ignore[arg-type]
    if y1 <= 0 or y2 <= 0:
        return None
    return ((y2 / y1 + y3 / y2) / 2 - 1) * 100


def high_tech_growth_range(profile: Profile, params: Params, notes: list[str]) -> tuple[Decimal, Decimal]:
    """Growth (≤ 20): net assets and sales each scored by their three-year rate, as the band's range."""
    figures = profile.figures()
    sales = growth_rate([f.sales for f in figures])
    assets = growth_rate([f.net_assets for f in figures])
    if sales is None or assets is None:
        notes.append("近三年净资产或销售收入不全(或基数为0),成长性按已有年份计分。")
    s = point_range(sales, params["growth"])
    a = point_range(assets, params["growth"])
    return s[0] + a[0], s[1] + a[1]


# --- 创新型 / 专精特新 / 小巨人 (工信部企业〔2022〕63号) ---------------------------------------------------


def debt_ratio(profile: Profile) -> Decimal | None:
    return share(profile.total_liabilities, profile.total_assets)


def main_growth(profile: Profile, years: int = 1) -> Decimal | None:
    """Main-revenue growth in percent: last year's rate, or the average yearly rate over ``years`` years."""
    values = [f.main_revenue for f in profile.figures()][-(years + 1) :]
    if len(values) < years + 1 or any(v is None or v <= 0 for v in values[:-1]) or values[-1] is None:
        return None
    rates = [(D(b) / D(a) - 1) * 100 for a, b in pairwise(values)]  # type: ignore[arg-type]
    return sum(rates, D(0)) / len(rates)


def innovative_sme(profile: Profile, params: Params) -> TierResult:
    gaps: list[Gap] = []
    notes: list[str] = []
    route = ""
    if _at_least(profile.award_level, params["direct_award_levels"]):
        route = "近三年获省级以上科技奖励"
    elif "high_tech" in profile.held:
        route = "有效期内的高新技术企业"
    elif _at_least(profile.institution_level, params["direct_institution_levels"]):
        route = "拥有省级以上研发机构"
    elif profile.new_equity is not None and D(profile.new_equity) >= D(params["direct_equity"]):
        route = f"近三年新增股权融资 ≥ {yuan_band(D(params['direct_equity']))}"
    ip_params = params["ip"]
    if profile.class_i_high_value:
        ip = D(ip_params["high_value"])
    elif profile.class_i_own:
        ip = D(ip_params["own_class_i"])
    elif profile.class_i:
        ip = D(ip_params["class_i"])
    else:
        ip = D(ip_params["class_ii"]) if profile.class_ii else D(0)
    revenue = profile.main_revenue if profile.main_revenue is not None else profile.sales
    rd_share = share(profile.rd_expense, revenue)
    innovation = ip + points(rd_share, params["rd_revenue"])
    growth_value = main_growth(profile)
    ratio = debt_ratio(profile)
    debt_points = next(
        (D(p) for edge, p in params["debt_ratio"] if ratio is not None and ratio <= D(edge)), D(0)
    )
    growth = points(growth_value, params["revenue_growth"]) + debt_points
    main_share = share(profile.main_revenue, profile.sales)
    field_points = D(params["field"]["strategic" if profile.strategic_emerging else "other"])
    specialisation = field_points + points(main_share, params["main_share"])
    score = innovation + growth + specialisation
    if not route:
        parts = (
            ("创新能力", innovation, D(params["min_innovation"])),
            ("成长性", growth, D(params["min_growth"])),
            ("专业化", specialisation, D(params["min_specialisation"])),
        )
        for label, got, need in parts:
            if got < need:
                gaps.append(Gap(label, f"{label}得分 {got} < {need}", need - got, "分"))
        pass_score = D(params["pass_score"])
        if score < pass_score:
            message = f"评价得分 {score} < {pass_score}"
            band = next_band(rd_share, params["rd_revenue"])
            if band is not None and revenue:
                need = money_to_rate(D(str(band[0])), D(revenue), D(profile.rd_expense or 0))
                message += f";研发费用占营业收入 {pct(rd_share)} → {band[0]}% 可加分:还需 +{wan_phrase(need)}"
            gaps.append(Gap("评价得分", message, pass_score - score, "分"))
        if growth_value is None:
            notes.append("缺少上年主营业务收入,增长率按0分计。")
    return _result("innovative_sme", profile, gaps, notes, lo=score, hi=score, route=route)


def specialised(profile: Profile, params: Params) -> TierResult:
    gaps: list[Gap] = []
    notes: list[str] = []
    niche = profile.niche_years or 0
    if niche < params["min_niche_years"]:
        need = params["min_niche_years"] - niche
        gaps.append(
            Gap(
                "基本条件",
                f"从事特定细分市场 {niche}年 < {params['min_niche_years']}年:还需 {need}年",
                D(need),
                "年",
            )
        )
    rd = D(profile.rd_expense or 0)
    if rd < D(params["min_rd"]):
        need = D(params["min_rd"]) - rd
        gaps.append(
            Gap(
                "基本条件",
                f"上年研发费用 {wan_phrase(rd)} < {yuan_band(D(params['min_rd']))}:还需 +{wan_phrase(need)}",
                need,
                "元",
            )
        )
    revenue = profile.main_revenue if profile.main_revenue is not None else profile.sales
    rate = D(params["min_rd_share"])
    rd_share = share(rd, revenue)
    if revenue and rd_share is not None and rd_share < rate:
        need = money_to_rate(rate, D(revenue), rd)
        gaps.append(
            Gap(
                "基本条件",
                f"研发费用占营业收入 {pct(rd_share)} < {rate}%:还需 +{wan_phrase(need)}",
                need,
                "元",
            )
        )
    equity = D(profile.new_equity or 0)
    if D(revenue or 0) < D(params["min_revenue"]) and equity < D(params["alt_equity"]):
        need = D(params["min_revenue"]) - D(revenue or 0)
        gaps.append(
            Gap(
                "基本条件",
                f"上年营业收入 {wan_phrase(D(revenue or 0))} < {yuan_band(D(params['min_revenue']))}"
                f"(且近两年新增股权融资不足{yuan_band(D(params['alt_equity']))}):还需 +{wan_phrase(need)}",
                need,
                "元",
            )
        )
    route = ""
    if _at_least(profile.award_level, params["direct_award_levels"]):
        route = "近三年获省级以上科技奖励"
    else:
        recent = [D(f.rd_expense) for f in profile.figures()[-2:] if f.rd_expense is not None]
        if len(recent) == 2 and sum(recent, D(0)) / 2 >= D(params["direct_rd_average"]):
            route = f"近两年研发费用均值 ≥ {yuan_band(D(params['direct_rd_average']))}"
    if not route:
        notes.append("专业化、精细化、特色化、创新能力得分由省级主管部门评定,此处只核对基本条件。")
    return _result("specialised", profile, gaps, notes, route=route, missing=not route)


def little_giant(profile: Profile, params: Params) -> TierResult:
    gaps: list[Gap] = []
    notes: list[str] = []
    if "specialised" not in profile.held:
        gaps.append(Gap("基本条件", "须先认定为专精特新中小企业"))
    niche = profile.niche_years or 0
    if niche < params["min_niche_years"]:
        need = params["min_niche_years"] - niche
        gaps.append(
            Gap(
                "专业化",
                f"从事特定细分市场 {niche}年 < {params['min_niche_years']}年:还需 {need}年",
                D(need),
                "年",
            )
        )
    main_share = share(profile.main_revenue, profile.sales)
    rate = D(params["main_share"])
    if main_share is None:
        notes.append("缺少主营业务收入。")
    elif main_share < rate:
        need = money_to_share(rate, D(profile.main_revenue), D(profile.sales))  # type: ignore[arg-type]
        gaps.append(
            Gap(
                "专业化", f"主营业务收入占比 {pct(main_share)} < {rate}%:还需 +{wan_phrase(need)}", need, "元"
            )
        )
    growth = main_growth(profile, years=2)
    if growth is None:
        notes.append("缺少近两年主营业务收入,无法计算平均增长率。")
    elif growth < D(params["main_growth"]):
        gaps.append(Gap("成长性", f"近两年主营业务收入平均增长率 {pct(growth)} < {params['main_growth']}%"))
    ratio = debt_ratio(profile)
    if ratio is not None and ratio > D(params["max_debt_ratio"]):
        gaps.append(Gap("精细化", f"资产负债率 {pct(ratio)} > {params['max_debt_ratio']}%"))
    _little_giant_rd(profile, params, gaps, notes)
    if profile.institution_level is None:
        gaps.append(Gap("创新能力", "未建立研发机构:还需 +1个", D(1), "个"))
    in_use = profile.class_i_in_use
    if in_use < params["min_class_i_in_use"]:
        need = params["min_class_i_in_use"] - in_use
        gaps.append(
            Gap(
                "创新能力",
                f"用于主导产品的Ⅰ类知识产权 {in_use}件 < {params['min_class_i_in_use']}件:还需 +{need}件",
                D(need),
                "件",
            )
        )
    return _result("little_giant", profile, gaps, notes)


def _little_giant_rd(profile: Profile, params: Params, gaps: list[Gap], notes: list[str]) -> None:
    for figures in profile.figures()[-2:]:
        revenue = figures.main_revenue if figures.main_revenue is not None else figures.sales
        if revenue is None or figures.rd_expense is None:
            notes.append(f"缺少{figures.year}年营业收入或研发费用。")
            continue
        rate = next((D(r) for edge, r in params["rd_bands"] if D(revenue) >= D(edge)), None)
        if rate is None:
            gaps.append(
                Gap(
                    "创新能力",
                    f"{figures.year}年营业收入 {wan_phrase(D(revenue))} 不足5000万元:按其他条件另行认定",
                )
            )
            continue
        got = share(figures.rd_expense, revenue)
        if got is not None and got < rate:
            need = money_to_rate(rate, D(revenue), D(figures.rd_expense))
            gaps.append(
                Gap(
                    "创新能力",
                    f"{figures.year}年研发费用占营业收入 {pct(got)} < {rate}%:还需 +{wan_phrase(need)}",
                    need,
                    "元",
                )
            )


# --- 科技小巨人 (the park's own, configurable) -------------------------------------------------------------


def tech_giant(profile: Profile, params: Params) -> TierResult:
    gaps: list[Gap] = []
    names = dict(TIER_NAMES)
    for tier in params.get("requires", ()):
        if tier not in profile.held:
            gaps.append(Gap("前置梯次", f"须先认定为{names.get(tier, tier)}"))
    values: dict[str, Decimal | None] = {
        "sales": profile.sales,
        "rd_share": share(profile.rd_expense, profile.sales),
        "class_i": D(profile.class_i),
        "employees": None if profile.employees is None else D(profile.employees),
        "tech_staff_share": share(profile.tech_staff, profile.employees),
    }
    notes = ["园区自定标准,按园区科技创新部门配置的条件核对。"]
    for rule in params.get("thresholds", ()):
        got = values.get(rule["field"])
        need = D(str(rule["min"]))
        if got is None:
            notes.append(f"缺少{rule['label']}。")
        elif got < need:
            unit = rule.get("unit", "")
            if unit == "元":
                gaps.append(
                    Gap(
                        "园区标准",
                        f"{rule['label']} {wan_phrase(got)} < {wan_phrase(need)}:还需 +{wan_phrase(need - got)}",
                        need - got,
                        "元",
                    )
                )
            elif unit == "%":
                gaps.append(Gap("园区标准", f"{rule['label']} {pct(got)} < {need}%"))
            else:
                gaps.append(
                    Gap(
                        "园区标准",
                        f"{rule['label']} {got}{unit} < {need}{unit}:还需 +{need - got}{unit}",
                        need - got,
                        unit,
                    )
                )
    return _result("tech_giant", profile, gaps, notes)


TIER_NAMES: tuple[tuple[str, str], ...] = (
    ("tech_sme", "科技型中小企业"),
    ("innovative_sme", "创新型中小企业"),
    ("specialised", "专精特新中小企业"),
    ("high_tech", "高新技术企业"),
    ("little_giant", "专精特新“小巨人”"),
    ("tech_giant", "科技小巨人"),
)

EVALUATORS: dict[str, Callable[[Profile, Params], TierResult]] = {
    "tech_sme": tech_sme,
    "innovative_sme": innovative_sme,
    "specialised": specialised,
    "high_tech": high_tech,
    "little_giant": little_giant,
    "tech_giant": tech_giant,
}


def evaluate(tier: str, profile: Profile, params: Params) -> TierResult:
    """Evaluate one tier with one rule version's parameters."""
    return EVALUATORS[tier](profile, params)


def evaluate_all(profile: Profile, rules: Mapping[str, Params]) -> list[TierResult]:
    """Every tier that has a rule, in ladder order."""
    return [EVALUATORS[tier](profile, rules[tier]) for tier, _name in TIER_NAMES if tier in rules]
