"""What the lists-on-phones tests read off a list page: its table turns into cards below md
(``core.tables.stacked_table``) and every cell of its rows carries the label its card writes beside it."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client


def signed_in(user: Any, language: str) -> Client:
    """A test client signed in as ``user``, reading the pages in ``language``."""
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def card_labels(page: str, testid: str) -> list[str]:
    """The ``data-label`` of each body cell of the table ``testid`` on ``page``, after checking that the table
    is one whose rows become cards on a phone (``sp-stack-sm``), that it has rows (the "nothing found" row has
    no label), and that no cell's label is missing or empty."""
    table = re.search(rf'<table[^>]*data-testid="{testid}".*?</table>', page, flags=re.S)
    assert table is not None, f"no table {testid} on the page"
    opening, rest = table.group(0).split(">", 1)
    assert "sp-stack-sm" in opening, opening
    body = rest.split("<tbody", 1)[1]
    cells = re.findall(r"<td\b[^>]*>", body)
    assert cells, f"{testid} has no rows"
    labels = [re.search(r'\bdata-label="([^"]*)"', cell) for cell in cells]
    missing = [
        cell for cell, label in zip(cells, labels, strict=True) if not (label and label.group(1).strip())
    ]
    assert not missing, (testid, missing)
    return [label.group(1) for label in labels if label]


def labels_on(user: Any, language: str, url: str, testid: str) -> list[str]:
    """:func:`card_labels` of the table ``testid`` on the page at ``url`` as ``user`` reads it in
    ``language``, after checking the page answers 200."""
    response = signed_in(user, language).get(url)
    assert response.status_code == 200, url
    return card_labels(response.content.decode(), testid)
