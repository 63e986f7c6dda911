"""The rows of FIGURES.md as data: each row's section of the annual summary, a neutral label, the module
that computes it, and how the summary words it.

The registry (``scipark.core.figures``) holds what the modules compute; this list holds what the summary
must print, so a row no module registers yet is still listed (and printed as 【待补充】) instead of being
silently absent. A phrase is a list of templates tried in order: the first whose fields the computed
figure gives is used (see :mod:`scipark.reports.wording`), the last one needs only the value.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_noop

#: The article this list was taken from: its park and year (the figures' ``description`` quotes it).
ARTICLE_PARK_NAME = "生物科技产业园区"
ARTICLE_YEAR = 2023


@dataclass(frozen=True)
class Section:
    """A section of the annual summary (年度工作总结), in the order of the seed article."""

    key: str
    heading: str
    default_text: str  # the narrative staff start from: article wording, figures as {row} placeholders


@dataclass(frozen=True)
class Row:
    """One row of FIGURES.md."""

    id: str
    section: str
    label: str  # neutral: true of any park and year
    module: str  # the department (module) that will compute it, in words
    phrases: tuple[str, ...]
    zone: bool = False  # an aggregate count safe to compare between parks (no enterprise's own amounts)


LEAD = "lead"
ECONOMY = "economy"
INVESTMENT = "investment"
INNOVATION = "innovation"
ENVIRONMENT = "environment"
SERVICE = "service"
HONOURS = "honours"

SECTIONS: tuple[Section, ...] = (
    Section(
        LEAD,
        gettext_noop("总体情况"),
        "{year}年,{park}坚持科技创新引领高质量发展,推项目、促招商、抓科创、优环境、稳生产、强产业,"
        "全力推动支柱产业集聚发展、龙头企业做强做优。",
    ),
    Section(
        ECONOMY,
        gettext_noop("经济运行"),
        "{year}年,园区{E1};{E2}。{E3}。\n园区积极加大企业培育力度,{E4},{E5}。",
    ),
    Section(
        INVESTMENT,
        gettext_noop("招商引资与项目建设"),
        "园区坚持招商引资“一号工程”。{I1}。{I2}。全年{I3}。全面加强重大项目谋划储备,{I4}。"
        "开展基金招商工作,{I5},撬动社会资本带动投资。",
    ),
    Section(
        INNOVATION,
        gettext_noop("科技创新与企业培育"),
        "园区{F1},金融赋能企业科技成果转化、上市挂牌等工作。期间,{F2}。同时,鼓励企业尝试多种创新金融产品,{F3}。\n"
        "实施“科技型中小企业—高新技术企业—科技小巨人”梯次培育机制,{T1},{T2}。\n"
        "充分发挥高教资源集聚优势,{T3},成立产学研创新联合体。{T4},{T5}。\n"
        "{T6},{T7}。",
    ),
    Section(
        ENVIRONMENT,
        gettext_noop("生态环境"),
        "园区持续以零容忍、严监管的工作要求,落实好生态环境保护工作。{G1}。{G2}。\n"
        "深入打好污染防治攻坚战,{G3}。{G4},{G5}。{G6}。\n"
        "组织企业开展行业能耗对标工作,{E6}。{G7}。",
    ),
    Section(
        SERVICE,
        gettext_noop("企业服务与党建"),
        "按照“党建引领、全域统筹、融合发展”的党建思路,园区{S3},变单打独斗为抱团发展。"
        "以管委会机关各部门为单位,{S1},{S2}。",
    ),
    Section(HONOURS, gettext_noop("荣誉"), ""),
)
SECTION_KEYS = tuple(s.key for s in SECTIONS)

ROWS: tuple[Row, ...] = (
    Row(
        "E1",
        ECONOMY,
        gettext_noop("规模以上工业产值增速"),
        gettext_noop("经济发展"),
        ("规模以上工业产值同比{value:change}(同口径)",),
        zone=True,
    ),
    Row(
        "E2",
        ECONOMY,
        gettext_noop("完成固定资产投资"),
        gettext_noop("经济发展"),
        ("完成固定资产投资{value}{unit},同比{growth_percent:change}", "完成固定资产投资{value}{unit}"),
    ),
    Row(
        "E3",
        ECONOMY,
        gettext_noop("限额以上批发业销售额"),
        gettext_noop("经济发展"),
        (
            "完成限额以上批发业销售额{value}{unit},同比{growth_comparable_percent:change}(同口径)",
            "完成限额以上批发业销售额{value}{unit}",
        ),
    ),
    Row(
        "E4",
        ECONOMY,
        gettext_noop("新纳入规模以上企业的工业企业"),
        gettext_noop("经济发展"),
        ("{value}{unit}工业企业纳入规模以上企业",),
    ),
    Row(
        "E5",
        ECONOMY,
        gettext_noop("新纳入限额以上企业的商贸企业"),
        gettext_noop("经济发展"),
        ("{value}{unit}商贸企业纳入限额以上企业",),
    ),
    Row(
        "E6",
        ENVIRONMENT,
        gettext_noop("规模以上工业单位增加值能耗变化"),
        gettext_noop("经济发展"),
        ("规模以上工业单位增加值能耗{value:fall}",),
        zone=True,
    ),
    Row(
        "I1",
        INVESTMENT,
        gettext_noop("展会项目签约额"),
        gettext_noop("招商"),
        (
            "{event}项目签约额{value}{unit},完成目标任务的{completion_percent}%",
            "展会项目签约额{value}{unit}",
        ),
    ),
    Row(
        "I2",
        INVESTMENT,
        gettext_noop("省外到位资金"),
        gettext_noop("招商"),
        ("省外到位资金{value}{unit},完成目标任务的{completion_percent}%", "省外到位资金{value}{unit}"),
    ),
    Row(
        "I3",
        INVESTMENT,
        gettext_noop("落地5000万元以上工业项目"),
        gettext_noop("招商"),
        (
            "落地5000万元投资以上工业项目{value}{unit},总投资约{total_investment_yi_rounded}亿元",
            "落地5000万元投资以上工业项目{value}{unit}",
        ),
        zone=True,
    ),
    Row(
        "I4",
        INVESTMENT,
        gettext_noop("储备项目"),
        gettext_noop("招商"),
        ("储备{bands:bands}", "储备项目{value}{unit}"),
    ),
    Row(
        "I5",
        INVESTMENT,
        gettext_noop("产业投资基金"),
        gettext_noop("招商"),
        ("已筹建{value}{unit}产业投资基金",),
    ),
    Row(
        "F1",
        INNOVATION,
        gettext_noop("园区科技成长股权投资基金"),
        gettext_noop("招商"),
        ("设立了科技成长股权投资基金,基金规模{value}{unit}",),
    ),
    Row(
        "F2",
        INNOVATION,
        gettext_noop("企业挂牌"),
        gettext_noop("招商"),
        ("{value}{unit}企业在股交中心区域板块挂牌",),
    ),
    Row(
        "F3",
        INNOVATION,
        gettext_noop("创新金融产品贷款"),
        gettext_noop("招商"),
        ("企业获{by_product_wan:keys}等资金共计{value}{unit}", "企业获创新金融产品贷款共计{value}{unit}"),
    ),
    Row(
        "T1",
        INNOVATION,
        gettext_noop("在孵企业"),
        gettext_noop("科技创新"),
        ("孵化载体在孵企业数达{value}{unit}",),
        zone=True,
    ),
    Row(
        "T2",
        INNOVATION,
        gettext_noop("新增梯次培育企业"),
        gettext_noop("科技创新"),
        ("培育新增梯次培育企业{value}{unit}",),
        zone=True,
    ),
    Row(
        "T3",
        INNOVATION,
        gettext_noop("高校合作协议"),
        gettext_noop("科技创新"),
        ("与{value}{unit}高校签订合作协议",),
    ),
    Row(
        "T4",
        INNOVATION,
        gettext_noop("新认定科技创新平台"),
        gettext_noop("科技创新"),
        ("新认定科技创新平台{value}{unit}",),
    ),
    Row(
        "T5",
        INNOVATION,
        gettext_noop("授权专利"),
        gettext_noop("科技创新"),
        ("授权各类专利达{value}{unit}",),
        zone=True,
    ),
    Row(
        "T6",
        INNOVATION,
        gettext_noop("科技档案"),
        gettext_noop("科技创新"),
        ("为{value}{unit}科技企业建立科技档案",),
    ),
    Row(
        "T7",
        INNOVATION,
        gettext_noop("科技服务能力提升库"),
        gettext_noop("科技创新"),
        ("建立{value}{unit}科技服务能力提升库",),
    ),
    Row(
        "G1",
        ENVIRONMENT,
        gettext_noop("前两轮中央督察反馈问题和信访件整改"),
        gettext_noop("生态环保"),
        (
            "两轮中央生态环保督察涉及园区的{problems.total}项反馈问题和{petitions.total}件信访举报件"
            "已全部完成整改{outstanding:zero}",
            "两轮中央生态环保督察涉及园区的{problems.total}项反馈问题和{petitions.total}件信访举报件"
            "已完成整改{value}{unit}",
            "两轮中央生态环保督察反馈问题和信访举报件已完成整改{value}{unit}",
        ),
    ),
    Row(
        "G2",
        ENVIRONMENT,
        gettext_noop("第三轮中央督察转办信访件办结"),
        gettext_noop("生态环保"),
        (
            "第三轮中央生态环境保护督察涉及园区的{received}件转办信访举报件全部办结{open:zero}",
            "第三轮中央生态环境保护督察涉及园区的{received}件转办信访举报件办结{value}{unit}",
        ),
    ),
    Row(
        "G3",
        ENVIRONMENT,
        gettext_noop("锅炉低氮改造"),
        gettext_noop("生态环保"),
        (
            "完成{enterprises}家企业{capacity_tph}蒸吨锅炉低氮改造,削减氮氧化物约{value}{unit}",
            "锅炉低氮改造削减氮氧化物约{value}{unit}",
        ),
    ),
    Row(
        "G4",
        ENVIRONMENT,
        gettext_noop("涉水企业监督性监测"),
        gettext_noop("生态环保"),
        (
            "完成{value}{unit}涉水企业{rounds}轮次{coverage:full}监督性监测",
            "完成{value}{unit}涉水企业{rounds}轮次监督性监测",
            "完成{value}{unit}涉水企业监督性监测",
        ),
        zone=True,
    ),
    Row(
        "G5",
        ENVIRONMENT,
        gettext_noop("雨污水主管网"),
        gettext_noop("生态环保"),
        (
            "新建和改造雨污水主管网{value}{unit},改造混接错接市政管网{misconnections_fixed}处",
            "新建和改造雨污水主管网{value}{unit}",
        ),
    ),
    Row(
        "G6",
        ENVIRONMENT,
        gettext_noop("危险废物检查与无害化处理"),
        gettext_noop("生态环保"),
        (
            "完成{key_inspected}家重点产废单位和{non_key_inspected}家非重点产废单位检查,"
            "危险废物无害化处理达{value}{unit}",
            "危险废物无害化处理达{value}{unit}",
        ),
    ),
    Row(
        "G7",
        ENVIRONMENT,
        gettext_noop("绿色认证"),
        gettext_noop("生态环保"),
        (
            "{water_saving}家企业成功创建节水型企业,{green_factory_provincial}家企业成功申报省级“绿色工厂”,"
            "{zero_carbon}家企业被认定为“零碳工厂”",
            "新获绿色认证{value}{unit}",
        ),
    ),
    Row(
        "S1",
        SERVICE,
        gettext_noop("为企业解决问题"),
        gettext_noop("企业服务"),
        ("为企业解决问题{value}{unit}",),
        zone=True,
    ),
    Row(
        "S2",
        SERVICE,
        gettext_noop("用工招聘会"),
        gettext_noop("企业服务"),
        ("组织企业用工招聘会{value}{unit}",),
        zone=True,
    ),
    Row(
        "S3",
        SERVICE,
        gettext_noop("产业链党建联盟"),
        gettext_noop("企业服务"),
        (
            "围绕{value}{unit}建立了{alliance},建立完善“三张清单”工作机制",
            "围绕{value}{unit}建立产业链党建联盟",
        ),
    ),
)
ROW_IDS = tuple(r.id for r in ROWS)
BY_ID = {r.id: r for r in ROWS}


def section(key: str) -> Section:
    return next(s for s in SECTIONS if s.key == key)
