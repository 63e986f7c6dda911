"""Registry test helpers on top of the shared world."""

from typing import Any

import pytest

from scipark.core.identifiers import credit_code_from_number
from scipark.enterprises.models import Industry


@pytest.fixture
def registry_data() -> Any:
    """Valid data for a new enterprise (credit code number ``n``)."""

    def make(n: int = 100, **extra: Any) -> dict[str, Any]:
        data = {
            "credit_code": credit_code_from_number(n),
            "name": f"青海新建生物科技有限公司{n}",
            "industry": Industry.objects.get(code="2761"),
            "activity_type": "industry",
        }
        data.update(extra)
        return data

    return make
