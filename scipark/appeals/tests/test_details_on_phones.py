"""The appeals' statistics on a phone: the 390 px crawl found the three tables (by category, department,
month) scrolling sideways in their box. They are figures compared across columns, so they stay tables that
scroll, their first column (the row's name) staying put (sp-sticky-first)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from scipark.core.testing import World
from scipark.core.tests.stacked import signed_in

pytestmark = pytest.mark.django_db


def test_the_statistics_keep_their_first_column(world: World) -> None:
    page = (
        signed_in(world.user("service_staff"), "zh-hans").get(reverse("appeals:statistics")).content.decode()
    )
    for testid in ("by-category", "by-department", "by-month"):
        table = re.search(rf'<table[^>]*data-testid="{testid}"[^>]*>', page)
        assert table is not None and "sp-sticky-first" in table.group(0), testid
