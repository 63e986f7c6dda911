"""Page-number pagination with a bounded page size, and rows that count cheaply."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    """``?page=N&page_size=M`` with at most 500 rows a page."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class CountedRows:
    """Rows to paginate whose total comes from a leaner query.

    A page read with ``.values()`` joins the related tables and computes annotations; counting that
    same query would join and compute them for every row. The count is taken from ``count_from``
    (the same filters, primary keys only) and only the page's slice runs the full query."""

    def __init__(self, *, rows: QuerySet[Any], count_from: QuerySet[Any]) -> None:
        self.rows = rows
        self.count_from = count_from
        self.ordered = rows.ordered

    def count(self) -> int:
        return int(self.count_from.count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Any]:
        return list(self.rows[index])
