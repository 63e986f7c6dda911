"""The two GeoReport v2 formats: the same Python payload written as JSON or as XML (UTF-8, with the XML
declaration), so that both formats always say the same thing."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any
from xml.etree import ElementTree as ET

from django.http import HttpResponse

JSON = "json"
XML = "xml"
FORMATS = (JSON, XML)
CONTENT_TYPES = {JSON: "application/json; charset=utf-8", XML: "text/xml; charset=utf-8"}
#: What the discovery document announces (MIME types without parameters).
MEDIA_TYPES = {XML: "text/xml", JSON: "application/json"}

#: In XML, a list is an element whose children are named after what one item is.
ITEM_NAMES: dict[str, str] = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def is_format(fmt: str) -> bool:
    return fmt in FORMATS


def render(fmt: str, payload: Any, *, root: str, status: int = 200) -> HttpResponse:
    """The response for ``payload``: a list (items named after ``root``) or a mapping (``root`` element)."""
    if fmt == JSON:
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    else:
        body = XML_DECLARATION + ET.tostring(xml_element(root, payload), encoding="unicode").encode("utf-8")
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


def xml_element(name: str, value: Any) -> ET.Element:
    """``value`` as an element called ``name``; lists get one child per item, mappings one per key."""
    element = ET.Element(name)
    if isinstance(value, Mapping):
        for key, child in value.items():
            element.append(xml_element(key, child))
    elif isinstance(value, Sequence) and not isinstance(value, str | bytes):
        item_name = ITEM_NAMES.get(name, "item")
        for item in value:
            element.append(xml_element(item_name, item))
    else:
        element.text = xml_text(value)
    return element


def xml_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return _XML_ILLEGAL.sub("", str(value))
