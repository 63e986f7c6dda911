"""The alliances themselves: the bio park's founding, chains and where members sit, party organisations
and taking-part departments; and the other parks' small alliances."""

from __future__ import annotations

from datetime import date

ALLIANCE_NAME = "生物园区医药“产业链”党建联盟"
ALLIANCE_FOUNDED = date(2023, 3, 28)
ALLIANCE_DESCRIPTION = (
    "按照“党建引领、全域统筹、融合发展”的思路,围绕传统医药、新型医药和康养医疗三个领域建立,"
    "以“三张清单”工作机制打通医药企业上中下游发展壁垒。"
)

#: chain -> (description, {named enterprise: (segment, role)}, {industry code: (segment, role)})
CHAINS: dict[str, tuple[str, dict[str, tuple[str, str]], dict[str, tuple[str, str]]]] = {
    "传统医药": (
        "藏药、中药材资源开发,饮片与中成药生产,医药流通",
        {
            "瑞湖": ("upstream", "高原生物资源开发"),
            "金河藏药": ("midstream", "藏药研发与生产"),
            "三江源药业": ("midstream", "中成药生产"),
            "百岁": ("midstream", "中成药生产"),
            "央宗": ("midstream", "藏药生产"),
        },
        {
            "2730": ("upstream", "中药饮片加工"),
            "2740": ("midstream", "中成药生产"),
            "5152": ("downstream", "中药批发"),
            "5252": ("downstream", "中药零售"),
        },
    ),
    "新型医药": (
        "原料药与药用辅料,化学药、生物药与诊断设备,医药物流与零售",
        {
            "明诺胶囊": ("upstream", "药用空心胶囊"),
            "青海生物药品厂": ("midstream", "兽用生物制品"),
            "佰抗生物": ("midstream", "体外诊断设备"),
        },
        {
            "2710": ("upstream", "化学原料药"),
            "2780": ("upstream", "药用辅料及包装"),
            "2720": ("midstream", "化学药品制剂"),
            "2761": ("midstream", "生物药品"),
            "2762": ("midstream", "基因工程药物"),
            "5151": ("downstream", "西药批发"),
            "5251": ("downstream", "西药零售"),
        },
    ),
    "康养医疗": (
        "高原特色营养与保健食品原料,保健食品与医用材料,康养产品流通",
        {
            "西北骄": ("upstream", "天然植物原料提取"),
            "华实青稞食品": ("upstream", "青稞功能食品原料"),
            "伊纳维康": ("midstream", "高原特色保健食品"),
            "宏远胶原蛋白肠衣": ("midstream", "胶原蛋白制品"),
        },
        {
            "1491": ("upstream", "营养食品原料"),
            "1492": ("midstream", "保健食品制造"),
            "2770": ("midstream", "卫生材料及医药用品"),
            "5154": ("downstream", "医疗用品及器材批发"),
        },
    ),
}
#: Generated members per (chain, segment), at most.
GENERATED_PER_SEGMENT = 4

#: (name, kind, secretary, members, owner: seed key / "#department kind" / "!outside unit", chains)
PARTY_ORGS: tuple[tuple[str, str, str, int, str, tuple[str, ...]], ...] = (
    ("生物园区管委会机关党支部", "branch", "李卫东", 32, "#office", ("传统医药", "新型医药", "康养医疗")),
    ("生物园区企业服务中心党支部", "branch", "韩明", 14, "#service", ("传统医药", "新型医药", "康养医疗")),
    ("金河藏药股份有限公司党委", "committee", "多杰才让", 86, "金河藏药", ("传统医药",)),
    ("青海三江源药业有限公司党支部", "branch", "马秀兰", 19, "三江源药业", ("传统医药",)),
    ("青海明诺胶囊有限公司党支部", "branch", "杨秀英", 23, "明诺胶囊", ("新型医药",)),
    ("青海生物药品厂有限公司党总支", "general_branch", "张建平", 41, "青海生物药品厂", ("新型医药",)),
    ("青海伊纳维康生物科技有限公司党支部", "branch", "赵丽萍", 18, "伊纳维康", ("康养医疗",)),
    ("生物园区非公企业第一联合党支部", "joint_branch", "祁发明", 27, "#service", ("新型医药", "康养医疗")),
    (
        "中国移动西宁分公司政企客户中心党支部",
        "branch",
        "王海军",
        15,
        "!中国移动通信集团青海有限公司西宁分公司",
        ("传统医药", "新型医药", "康养医疗"),
    ),
)

#: chain -> department kinds taking part
DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "传统医药": ("service", "economy"),
    "新型医药": ("service", "innovation", "environment"),
    "康养医疗": ("service", "investment"),
}

#: Nanchuan's small alliance: one chain with a few members and needs.
OTHER_PARKS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "nanchuan": ("南川园区新材料产业链党建联盟", "新材料", ("2662", "2437", "2926", "5119")),
}
