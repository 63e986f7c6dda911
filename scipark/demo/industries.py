"""The GB/T 4754-2017 industries the demo uses, and the activity type each implies.

The full classification is loaded by the enterprises app's data migration; :func:`industry_rows`
looks every code up there first and only creates the few rows it needs (with their 门类/大类/中类
parents) when the table does not hold them yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps

#: Names of every GB/T 4754-2017 code the demo and the benchmark use, at all four levels.
NAMES: dict[str, str] = {
    "C": "制造业",
    "13": "农副食品加工业",
    "135": "屠宰及肉类加工",
    "1353": "肉制品及副产品加工",
    "14": "食品制造业",
    "143": "方便食品制造",
    "1431": "米、面制品制造",
    "149": "其他食品制造",
    "1491": "营养食品制造",
    "1492": "保健食品制造",
    "1495": "食品及饲料添加剂制造",
    "1499": "其他未列明食品制造",
    "15": "酒、饮料和精制茶制造业",
    "151": "酒的制造",
    "1513": "啤酒制造",
    "152": "饮料制造",
    "1524": "含乳饮料和植物蛋白饮料制造",
    "24": "文教、工美、体育和娱乐用品制造业",
    "243": "工艺美术及礼仪用品制造",
    "2437": "地毯、挂毯制造",
    "26": "化学原料和化学制品制造业",
    "266": "专用化学产品制造",
    "2662": "专项化学用品制造",
    "27": "医药制造业",
    "271": "化学药品原料药制造",
    "2710": "化学药品原料药制造",
    "272": "化学药品制剂制造",
    "2720": "化学药品制剂制造",
    "273": "中药饮片加工",
    "2730": "中药饮片加工",
    "274": "中成药生产",
    "2740": "中成药生产",
    "275": "兽用药品制造",
    "2750": "兽用药品制造",
    "276": "生物药品制品制造",
    "2761": "生物药品制造",
    "2762": "基因工程药物和疫苗制造",
    "277": "卫生材料及医药用品制造",
    "2770": "卫生材料及医药用品制造",
    "278": "药用辅料及包装材料制造",
    "2780": "药用辅料及包装材料制造",
    "29": "橡胶和塑料制品业",
    "292": "塑料制品业",
    "2926": "塑料包装箱及容器制造",
    "31": "黑色金属冶炼和压延加工业",
    "314": "铁合金冶炼",
    "3140": "铁合金冶炼",
    "32": "有色金属冶炼和压延加工业",
    "321": "常用有色金属冶炼",
    "3216": "铝冶炼",
    "35": "专用设备制造业",
    "358": "医疗仪器设备及器械制造",
    "3581": "医疗诊断、监护及治疗设备制造",
    "F": "批发和零售业",
    "51": "批发业",
    "511": "农、林、牧、渔产品批发",
    "5119": "其他农牧产品批发",
    "512": "食品、饮料及烟草制品批发",
    "5123": "果品、蔬菜批发",
    "5126": "营养和保健品批发",
    "5127": "酒、饮料及茶叶批发",
    "513": "纺织、服装及家庭日用品批发",
    "5131": "纺织品、针织品及原料批发",
    "515": "医药及医疗器材批发",
    "5151": "西药批发",
    "5152": "中药批发",
    "5154": "医疗用品及器材批发",
    "516": "矿产品、建材及化工产品批发",
    "5165": "建材批发",
    "52": "零售业",
    "521": "综合零售",
    "5212": "超级市场零售",
    "525": "医药及医疗器材专门零售",
    "5251": "西药零售",
    "5252": "中药零售",
    "H": "住宿和餐饮业",
    "62": "餐饮业",
    "621": "正餐服务",
    "6210": "正餐服务",
    "I": "信息传输、软件和信息技术服务业",
    "65": "软件和信息技术服务业",
    "651": "软件开发",
    "6513": "应用软件开发",
    "656": "信息技术咨询服务",
    "6560": "信息技术咨询服务",
    "M": "科学研究和技术服务业",
    "73": "研究和试验发展",
    "731": "自然科学研究和试验发展",
    "7310": "自然科学研究和试验发展",
    "734": "医学研究和试验发展",
    "7340": "医学研究和试验发展",
    "75": "科技推广和应用服务业",
    "751": "技术推广服务",
    "7512": "生物技术推广服务",
    "7514": "节能技术推广服务",
    "754": "创业空间服务",
    "7540": "创业空间服务",
}


def section_of(code: str) -> str:
    """The 门类 letter of a 大类/中类/小类 code (B–D are industry in the statistical sense)."""
    division = int(code[:2])
    for letter, first, last in _SECTION_RANGES:
        if first <= division <= last:
            return letter
    raise ValueError(code)


_SECTION_RANGES: tuple[tuple[str, int, int], ...] = (
    ("A", 1, 5),
    ("B", 6, 12),
    ("C", 13, 43),
    ("D", 44, 46),
    ("E", 47, 50),
    ("F", 51, 52),
    ("G", 53, 60),
    ("H", 61, 62),
    ("I", 63, 65),
    ("J", 66, 69),
    ("K", 70, 70),
    ("L", 71, 72),
    ("M", 73, 75),
    ("N", 76, 79),
    ("O", 80, 82),
    ("P", 83, 83),
    ("Q", 84, 85),
    ("R", 86, 90),
    ("S", 91, 96),
    ("T", 97, 97),
)


def activity_type_for(code: str) -> str:
    """The statistical activity type (``ActivityType`` value) an industry code implies."""
    division = int(code[:2])
    if 6 <= division <= 46:  # mining, manufacturing, utilities: 工业
        return "industry"
    if 47 <= division <= 50:
        return "construction"
    if division == 51:
        return "wholesale"
    if division == 52:
        return "retail"
    if division == 61:
        return "accommodation"
    if division == 62:
        return "catering"
    if 1 <= division <= 5:
        return "other"
    return "services"


def industry_rows(codes: Iterable[str]) -> dict[str, Any]:
    """``code -> Industry`` for the given 小类 codes: looked up first, created (with parents) if missing."""
    industry_model = apps.get_model("enterprises", "Industry")
    wanted = sorted(set(codes))
    found: dict[str, Any] = {i.code: i for i in industry_model.objects.filter(code__in=wanted)}
    for code in wanted:
        if code not in found:
            found[code] = _create_with_parents(industry_model, code)
    return found


def _create_with_parents(industry_model: Any, code: str) -> Any:
    section = section_of(code)
    chain = [(section, 1), (code[:2], 2), (code[:3], 3), (code, 4)]
    parent = None
    row = None
    for level_code, level in chain:
        row, _created = industry_model.objects.get_or_create(
            code=level_code,
            defaults={
                "name": NAMES.get(level_code, level_code),
                "level": level,
                "parent": parent,
                "section": section,
            },
        )
        parent = row
    return row
