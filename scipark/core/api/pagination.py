"""Page-number pagination with a bounded page size, keyset (cursor) pages for API clients, and rows that
count cheaply.

Every list answers ``?page=N&page_size=M`` with ``count`` (the pages and the existing clients). A client
that walks a large list asks for keyset pages instead: ``?cursor=`` (empty) for the first page, then the
``next`` link. A cursor page is ordered by the primary key (stable: a row added or removed while the client
walks never shifts another row between pages), reads ``page_size + 1`` rows from where the last page
ended (``WHERE id > …``, an index range, whatever the depth) and runs no ``COUNT(*)`` (docs/api.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from rest_framework.pagination import Cursor, CursorPagination, PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

CURSOR_PARAM = "cursor"


class KeysetPagination(CursorPagination):
    """``?cursor=…``: pages in primary-key order, no count; ``?ordering`` does not apply to them."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    cursor_query_param = CURSOR_PARAM
    ordering = "id"

    def get_ordering(self, request: Request, queryset: Any, view: APIView | None) -> tuple[str, ...]:
        return (self.ordering,)  # the key, whatever the view's default order

    def decode_cursor(self, request: Request) -> Cursor | None:
        if not request.query_params.get(self.cursor_query_param):
            return None  # ``?cursor=`` asks for the first page
        return super().decode_cursor(request)


class StandardPagination(PageNumberPagination):
    """``?page=N&page_size=M`` with at most 500 rows a page; ``?cursor=`` switches to keyset pages."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def __init__(self) -> None:
        self.keyset: KeysetPagination | None = None

    @staticmethod
    def wants_cursor(request: Request) -> bool:
        return CURSOR_PARAM in request.query_params

    def paginate_queryset(
        self, queryset: Any, request: Request, view: APIView | None = None
    ) -> list[Any] | None:
        if self.wants_cursor(request):
            self.keyset = KeysetPagination()
            rows = queryset.rows if isinstance(queryset, CountedRows) else queryset
            return self.keyset.paginate_queryset(rows, request, view)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data: Any) -> Response:
        if self.keyset is not None:
            return self.keyset.get_paginated_response(data)
        return super().get_paginated_response(data)

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        described = super().get_paginated_response_schema(schema)
        described["properties"]["count"]["description"] = "Rows in all pages (absent from ?cursor= pages)."
        described["required"] = ["results"]
        return described

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": CURSOR_PARAM,
                "required": False,
                "in": "query",
                "description": "Keyset pages in id order without a count: empty for the first page, then "
                "the cursor of the `next` link.",
                "schema": {"type": "string"},
            },
        ]


class CountedRows:
    """Rows to paginate whose total comes from something leaner than counting them.

    A page read with ``.values()`` joins the related tables and computes annotations; counting that
    same query would join and compute them for every row. The count is taken from ``count_from``
    (the same filters, primary keys only), or from ``kept_count`` when the caller knows the total
    without a scan (counters the database keeps), and only the page's slice runs the full query."""

    def __init__(
        self,
        *,
        rows: QuerySet[Any],
        count_from: QuerySet[Any],
        kept_count: Callable[[], int] | None = None,
    ) -> None:
        self.rows = rows
        self.count_from = count_from
        self.kept_count = kept_count
        self.ordered = rows.ordered

    def count(self) -> int:
        if self.kept_count is not None:
            return int(self.kept_count())
        return int(self.count_from.count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Any]:
        return list(self.rows[index])
