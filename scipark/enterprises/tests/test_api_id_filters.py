"""Id filters take whole numbers in the database's range; anything else is a clear 400, never a 500."""

import pytest


@pytest.mark.parametrize("value", ["-8.48e+218", "1.5", "99999999999999999999999", "abc", "0"])
def test_a_malformed_enterprise_id_filter_is_a_400_naming_the_filter(world, client_for, value):
    for url in ("/api/v1/enterprise-contacts/", "/api/v1/enterprise-statuses/"):
        response = client_for("economy_staff").get(url, {"enterprise": value})
        assert response.status_code == 400, (url, value)
        assert "enterprise" in response.json()


def test_a_valid_enterprise_id_filter_narrows_the_list(world, client_for):
    response = client_for("economy_staff").get(
        "/api/v1/enterprise-statuses/", {"enterprise": world.enterprise.pk}
    )
    assert response.status_code == 200
