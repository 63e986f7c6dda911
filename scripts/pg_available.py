"""Exit 0 when the PostgreSQL server of the given URL answers, 1 otherwise."""

from __future__ import annotations

import sys
from urllib.parse import urlparse

import psycopg


def main(url: str) -> int:
    parsed = urlparse(url)
    try:
        with psycopg.connect(
            host=parsed.hostname or "127.0.0.1",
            port=parsed.port or 5432,
            user=parsed.username or "postgres",
            password=parsed.password or None,
            dbname="postgres",
            connect_timeout=3,
        ):
            return 0
    except psycopg.Error:
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
