"""Month labels and terms kept as data in the UI language (issue 10 item 11): Chinese first, English when the
user switched; an indicator's name and unit come from the economy's catalogue, an untranslated one stays."""

from __future__ import annotations

import pytest
from django.utils import translation

from scipark.core.terms import data_term, month_label, month_span_label, year_month_label
from scipark.economy.models import Indicator


def test_month_labels_in_chinese_and_english():
    with translation.override("zh-hans"):
        assert [month_label(1), month_label(12)] == ["1月", "12月"]
        assert month_span_label(1, 2) == "1–2月" and month_span_label(5, 5) == "5月"
        assert year_month_label(2023, 5) == "2023年5月"
    with translation.override("en"):
        assert [month_label(1), month_label(5), month_label(12)] == ["Jan", "May", "Dec"]
        assert month_span_label(1, 2) == "Jan–Feb"
        assert year_month_label(2023, 5) == "May 2023"


@pytest.mark.django_db
def test_indicator_names_and_units_follow_the_ui_language():
    indicator = Indicator.objects.get(code="above_scale_output")
    with translation.override("zh-hans"):
        assert str(indicator) == "规模以上工业总产值" and indicator.shown_unit == "元"
    with translation.override("en"):
        assert str(indicator) == "Gross output of above-scale industry"
        assert indicator.shown_unit == "yuan"
        assert Indicator.objects.get(code="fixed_asset_investment").shown_name == "Fixed-asset investment"
        # A name a keeper added, that no catalogue has, reads as it was written.
        assert data_term("园区自定义指标") == "园区自定义指标"
    assert indicator.name == "规模以上工业总产值"  # the data itself is unchanged


def test_the_appeal_statistics_name_months_in_english(world, client_for):
    client = client_for("park_leader")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/appeals/statistics/?year=2026").content.decode()
    assert "Jan" in body and "Dec" in body and "12月" not in body
