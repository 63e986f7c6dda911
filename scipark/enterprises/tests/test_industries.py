"""The GB/T 4754-2017 table is in every database, all four levels, through the data migration."""

import pytest

from scipark.enterprises.models import Industry

pytestmark = pytest.mark.django_db


def count(level):
    return Industry.objects.filter(level=level).count()


def test_the_table_has_20_sections_97_divisions_473_groups_and_1381_classes():
    assert (count(1), count(2), count(3), count(4)) == (20, 97, 473, 1381)


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("C", "制造业"),
        ("27", "医药制造业"),
        ("271", "化学药品原料药制造"),
        ("2710", "化学药品原料药制造"),
        ("2720", "化学药品制剂制造"),
        ("2740", "中成药生产"),
        ("2761", "生物药品制造"),
        ("5179", "其他机械设备及电子产品批发"),
        ("7340", "医学研究和试验发展"),
        ("9700", "国际组织"),
    ],
)
def test_known_codes_carry_their_chinese_names(code, name):
    assert Industry.objects.get(code=code).name == name


def test_every_class_hangs_under_its_three_digit_group():
    for industry in Industry.objects.filter(level=4).select_related("parent"):
        assert industry.parent is not None and industry.parent.code == industry.code[:3], industry.code
        assert industry.parent.level == 3


def test_every_group_hangs_under_its_division_and_every_division_under_a_section():
    for industry in Industry.objects.filter(level=3).select_related("parent"):
        assert industry.parent is not None and industry.parent.code == industry.code[:2]
    for industry in Industry.objects.filter(level=2).select_related("parent"):
        assert industry.parent is not None and industry.parent.level == 1


def test_every_row_knows_its_section_letter():
    assert Industry.objects.get(code="2710").section == "C"
    assert Industry.objects.get(code="0111").section == "A"
    assert not Industry.objects.filter(section="").exists()


def test_names_have_no_stray_blanks():
    for name in Industry.objects.values_list("name", flat=True):
        assert name == name.strip() and "\u3000" not in name and "?" not in name
