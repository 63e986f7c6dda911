"""Pure parsing and writing: attribute values by datatype, date-times, coordinates, option lists, XML."""

import datetime as dt
from decimal import Decimal

import pytest

from scipark.open311.formats import xml_element
from scipark.open311.values import (
    AttributeSpec,
    attribute_value,
    format_datetime,
    parse_coordinate,
    parse_datetime,
    values_problem,
)

CARRIER = AttributeSpec("carrier", "singlevaluelist", required=True, description="运营商", keys=("a", "b"))


def test_a_single_value_list_takes_one_of_its_keys():
    assert attribute_value(CARRIER, ["b"]) == "b"
    with pytest.raises(ValueError, match="不在可选项 a, b 之中"):
        attribute_value(CARRIER, ["c"])
    with pytest.raises(ValueError, match="只能有一个值"):
        attribute_value(CARRIER, ["a", "b"])


def test_a_required_attribute_must_be_given_but_a_display_only_one_need_not():
    with pytest.raises(ValueError, match=r"缺少必填参数 attribute\[carrier\]"):
        attribute_value(CARRIER, ["  "])
    shown_only = AttributeSpec("note", "string", required=True, variable=False)
    assert attribute_value(shown_only, []) is None


def test_a_multi_value_list_keeps_each_key_once_in_the_order_given():
    spec = AttributeSpec("services", "multivaluelist", keys=("voice", "data", "fixed"))
    assert attribute_value(spec, ["data", "voice", "data"]) == ["data", "voice"]
    with pytest.raises(ValueError, match="“sms”不在可选项"):
        attribute_value(spec, ["voice", "sms"])


def test_numbers_become_integers_when_whole_and_floats_otherwise():
    spec = AttributeSpec("staff", "number")
    assert attribute_value(spec, ["12"]) == 12
    assert attribute_value(spec, ["2.5"]) == 2.5
    for bad in ("十二", "NaN", "Infinity"):
        with pytest.raises(ValueError, match="应为数字"):
            attribute_value(spec, [bad])


def test_a_datetime_attribute_is_stored_in_park_time_with_its_offset():
    spec = AttributeSpec("since", "datetime")
    assert attribute_value(spec, ["2023-05-01T00:30:00Z"]) == "2023-05-01T08:30:00+08:00"
    assert attribute_value(spec, ["2023-05-01 08:30"]) == "2023-05-01T08:30:00+08:00"
    with pytest.raises(ValueError, match="不是 ISO 8601"):
        attribute_value(spec, ["5月1日"])


def test_strings_and_texts_have_their_own_length_limits():
    assert attribute_value(AttributeSpec("s", "string"), ["x" * 500]) == "x" * 500
    with pytest.raises(ValueError, match="最多 500 个字符,收到 501 个"):
        attribute_value(AttributeSpec("s", "string"), ["x" * 501])
    assert len(attribute_value(AttributeSpec("t", "text"), ["y" * 4000])) == 4000
    with pytest.raises(ValueError, match="最多 4000 个字符"):
        attribute_value(AttributeSpec("t", "text"), ["y" * 4001])


def test_dates_are_read_with_or_without_an_offset_and_written_with_plus_eight():
    assert parse_datetime("2023-01-31T16:00:00Z", name="start_date") == dt.datetime(
        2023, 1, 31, 16, 0, tzinfo=dt.UTC
    )
    local = parse_datetime("2023-02-01", name="start_date")
    assert format_datetime(local) == "2023-02-01T00:00:00+08:00"
    assert format_datetime(dt.datetime(2023, 1, 31, 16, 0, tzinfo=dt.UTC)) == "2023-02-01T00:00:00+08:00"
    assert format_datetime(None) is None


def test_coordinates_are_range_checked_and_kept_to_six_decimals():
    assert parse_coordinate("36.1234567", name="lat", limit=90) == Decimal("36.123457")
    with pytest.raises(ValueError, match="lat 应在 -90 到 90 之间"):
        parse_coordinate("91", name="lat", limit=90)
    with pytest.raises(ValueError, match="long 应为十进制度数"):
        parse_coordinate("东经101度", name="long", limit=180)


def test_option_lists_are_checked_for_shape_blanks_and_duplicates():
    assert values_problem("string", []) is None
    assert values_problem("string", [{"key": "a", "name": "A"}]) == "只有单选、多选属性才有选项。"
    assert values_problem("singlevaluelist", []) == "单选、多选属性至少要有一个选项。"
    assert values_problem("singlevaluelist", [{"key": "a"}]) == '第 1 个选项应为 {"key": …, "name": …}。'
    assert "不能为空" in str(values_problem("multivaluelist", [{"key": "a", "name": " "}]))
    assert values_problem("multivaluelist", [{"key": "a", "name": "A"}, {"key": "a", "name": "B"}]) == (
        "选项 key“a”重复。"
    )


def test_xml_names_list_items_after_their_container_and_writes_booleans_as_the_spec_does():
    element = xml_element("service_definition", {"attributes": [{"required": True, "values": [{"key": 1}]}]})
    attribute = element.find("attributes/attribute")
    assert attribute is not None
    assert attribute.findtext("required") == "true"
    assert element.findtext("attributes/attribute/values/value/key") == "1"


def test_xml_drops_characters_xml_cannot_carry():
    assert xml_element("description", "信号\x00弱\x1f").text == "信号弱"
