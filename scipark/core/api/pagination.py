"""Page-number pagination with a bounded page size."""

from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    """``?page=N&page_size=M`` with at most 500 rows a page."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
