"""Plausible, deterministic names for generated demo records: enterprises, people, phones, addresses.

Every function takes the builder's ``random.Random`` so that the same seed gives the same park.
"""

from __future__ import annotations

import functools
import random

#: Place prefixes a Qinghai enterprise name starts with (行政区划 part of 企业名称).
PLACES = ("青海", "青海", "青海", "西宁", "西宁", "青海省")

#: Two-character trade names (字号) are made of one of these and one of the next.
_TRADE_FIRST = (
    "康", "瑞", "雪", "格", "昆", "祁", "湟", "江", "源", "金", "华", "高", "圣", "天", "青", "宏",
    "众", "德", "鑫", "博", "卓", "远", "安", "泰", "润", "森", "晶", "弘", "诺", "益", "嘉", "鼎",
)  # fmt: skip
_TRADE_SECOND = (
    "源", "达", "域", "桑", "仑", "连", "水", "河", "泉", "峰", "原", "康", "宇", "盛", "和", "信",
    "隆", "辉", "泽", "科", "联", "昌", "创", "汇", "邦", "拓", "硕", "元", "丰", "茂", "智", "澜",
)  # fmt: skip

#: Industry words (行业表述) as they appear in enterprise names, by GB/T 4754 小类 (or 大类 as fallback).
INDUSTRY_WORDS: dict[str, tuple[str, ...]] = {
    "1353": ("牧业", "肉食品", "牦牛肉食品"),
    "1431": ("青稞食品", "面业", "食品"),
    "1491": ("营养科技", "生物科技", "高原食品"),
    "1492": ("生物科技", "保健品", "健康产业"),
    "1495": ("生物资源开发", "食品添加剂", "生物科技"),
    "1499": ("食品", "高原食品", "生物制品"),
    "1513": ("啤酒", "酒业"),
    "1524": ("乳业", "饮品", "牦牛乳业"),
    "2437": ("藏毯", "地毯", "民族工艺品"),
    "2662": ("新材料", "化工", "精细化工"),
    "2710": ("制药", "医药化工", "生物制药"),
    "2720": ("制药", "药业", "医药"),
    "2730": ("中药饮片", "藏药材", "药业"),
    "2740": ("藏药", "药业", "中藏药", "制药"),
    "2750": ("动物药业", "兽药", "生物药品"),
    "2761": ("生物制药", "生物药业", "生物医药"),
    "2762": ("生物技术", "基因科技", "生物制药"),
    "2770": ("医用材料", "医疗用品", "卫材"),
    "2780": ("药用辅料", "胶囊", "医药包装"),
    "2926": ("塑料制品", "包装材料", "塑业"),
    "3140": ("铁合金", "特钢", "冶金"),
    "3216": ("铝业", "有色金属", "铝材"),
    "3581": ("医疗器械", "生物医疗设备", "检测设备"),
    "5119": ("农牧产品", "牧业贸易", "农副产品"),
    "5123": ("农产品", "果蔬", "农副产品"),
    "5126": ("保健品贸易", "营养品", "健康产品"),
    "5127": ("酒业贸易", "茶业", "饮品商贸"),
    "5131": ("商贸", "纺织品贸易", "贸易"),
    "5151": ("医药", "医药销售", "药品贸易"),
    "5152": ("中藏药材", "药材贸易", "中药材"),
    "5154": ("医疗器械销售", "医疗用品", "医疗器械贸易"),
    "5165": ("建材", "建材贸易", "商贸"),
    "5212": ("超市", "商业", "生活超市"),
    "5251": ("医药连锁", "大药房", "药房"),
    "5252": ("藏医药连锁", "中藏药房", "大药房"),
    "6210": ("餐饮管理", "餐饮服务", "餐饮"),
    "6513": ("信息技术", "软件", "网络科技", "数字科技"),
    "6560": ("信息咨询", "信息技术", "数字科技"),
    "7310": ("生物技术研究院", "科学研究", "生物科技研究"),
    "7340": ("医学检验", "医学研究", "生物医药研究"),
    "7512": ("生物技术", "生物科技", "科技服务"),
    "7514": ("节能科技", "节能技术", "能源科技"),
    "7540": ("企业孵化器", "众创空间", "创业服务"),
}

SURNAMES = (
    "王", "李", "张", "刘", "陈", "杨", "赵", "马", "韩", "祁", "冶", "朱", "孙", "胡", "郭", "何",
    "罗", "才", "拉", "多", "周", "吴", "徐", "高", "林", "苏", "贾", "魏", "丁", "白",
)  # fmt: skip
GIVEN_CHARS = (
    "国", "建", "海", "明", "华", "丽", "强", "军", "平", "霞", "秀", "英", "文", "志", "永", "红",
    "芳", "燕", "宁", "青", "梅", "卓", "玛", "措", "旦", "增", "洁", "涛", "磊", "静", "娟", "斌",
)  # fmt: skip
POSITIONS = ("总经理", "办公室主任", "财务负责人", "统计员", "安全环保负责人", "行政主管")


@functools.cache
def trade_names() -> tuple[str, ...]:
    """Every two-character trade name, in a fixed order."""
    return tuple(a + b for a in _TRADE_FIRST for b in _TRADE_SECOND if a != b)


def enterprise_name(rng: random.Random, code: str, taken: set[str]) -> str:
    """A new legal name for ``code``: place + trade name + industry word + 有限公司, not in ``taken``."""
    words = INDUSTRY_WORDS.get(code, ("科技",))
    pool = trade_names()
    for _attempt in range(200):
        name = f"{rng.choice(PLACES)}{rng.choice(pool)}{rng.choice(words)}有限公司"
        if name not in taken:
            taken.add(name)
            return name
    # The pool is large (≈ 1,000 trade names × words × places); this only runs in huge benchmarks.
    serial = len(taken)
    name = f"{rng.choice(PLACES)}{rng.choice(pool)}{rng.choice(words)}{serial}有限公司"
    taken.add(name)
    return name


def short_name(name: str) -> str:
    """The usual short form: the trade name (the two characters after the place prefix)."""
    for place in sorted(set(PLACES), key=len, reverse=True):
        if name.startswith(place):
            return name[len(place) : len(place) + 2]
    return name[:4]


def person_name(rng: random.Random) -> str:
    """A plausible Chinese personal name of two or three characters."""
    given = rng.choice(GIVEN_CHARS) + (rng.choice(GIVEN_CHARS) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def mobile(rng: random.Random) -> str:
    """A mainland mobile number: 1, a carrier digit, nine more digits."""
    return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"


def address(rng: random.Random, district: str, roads: tuple[str, ...]) -> str:
    """A street address in 西宁市 in the park's district."""
    return f"青海省西宁市{district}{rng.choice(roads)}{rng.randint(1, 188)}号"
