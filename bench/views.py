"""The floor: the least a Django view can do to serve the same page of enterprises as JSON.

One SQL query for the 50 rows of the page (same park, same order as the API's default), no
authentication, no serializer, no access mechanism. scipark's ratio to it shows what the platform's
layers cost.
"""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, JsonResponse

PAGE_SIZE = 50
SQL = (
    "SELECT e.id, e.credit_code, e.name, e.short_name, e.registration_date, e.registered_capital, "
    "e.address, e.industry_id, i.name, e.activity_type, e.status "
    "FROM enterprises_enterprise e JOIN enterprises_industry i ON i.code = e.industry_id "
    "WHERE e.park_id = %s ORDER BY e.name, e.id LIMIT %s OFFSET %s"
)
COLUMNS = (
    "id",
    "credit_code",
    "name",
    "short_name",
    "registration_date",
    "registered_capital",
    "address",
    "industry",
    "industry_name",
    "activity_type",
    "status",
)


def enterprise_page_floor(request: HttpRequest) -> JsonResponse:
    """``?park=ID&page=N``: the page's rows, read with one query."""
    park = int(request.GET.get("park", "1"))
    page = max(1, int(request.GET.get("page", "1")))
    with connection.cursor() as cursor:
        cursor.execute(SQL, [park, PAGE_SIZE, (page - 1) * PAGE_SIZE])
        rows = [dict(zip(COLUMNS, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        row["registered_capital"] = str(row["registered_capital"])
        row["registration_date"] = str(row["registration_date"])
    return JsonResponse({"results": rows})
