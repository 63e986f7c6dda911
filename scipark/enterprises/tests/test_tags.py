"""A park's tags: registry keepers create, rename, recolour and delete them; others only read."""

import pytest

from scipark.core.access import AccessDenied
from scipark.enterprises import services
from scipark.enterprises.models import Tag


def test_registry_keepers_create_a_tag_and_see_it_with_its_usage(world, client_for):
    client = client_for("economy_staff")
    response = client.post(
        "/enterprises/tags/add/", {"park": world.park.pk, "name": "重点企业", "color": "red"}
    )
    assert response.status_code == 302
    tag = Tag.objects.get(park=world.park, name="重点企业")
    world.enterprise.tags.add(tag)
    page = client.get("/enterprises/tags/").content.decode()
    assert "重点企业" in page and "sp-tag-red" in page


def test_a_duplicate_name_in_the_same_park_is_refused_with_a_message(world, client_for):
    Tag.objects.create(park=world.park, name="医药产业链")
    response = client_for("service_staff").post(
        "/enterprises/tags/add/", {"park": world.park.pk, "name": "医药产业链", "color": "green"}
    )
    assert response.status_code == 400
    assert "本园区已有名为“医药产业链”的标签" in response.content.decode()
    assert Tag.objects.filter(name="医药产业链").count() == 1


def test_a_stale_edit_is_a_conflict_not_an_overwrite(world, client_for):
    tag = Tag.objects.create(park=world.park, name="旧名")
    client = client_for("economy_staff")
    client.post(f"/enterprises/tags/{tag.pk}/", {"name": "新名一", "color": "blue", "version": tag.version})
    stale = client.post(
        f"/enterprises/tags/{tag.pk}/", {"name": "新名二", "color": "blue", "version": tag.version}
    )
    assert stale.status_code == 409  # was 400: a stale version is a conflict, as everywhere else
    assert "该记录已被他人修改" in stale.content.decode()
    tag.refresh_from_db()
    assert tag.name == "新名一"


def test_deleting_a_tag_takes_it_off_its_enterprises(world, client_for):
    tag = Tag.objects.create(park=world.park, name="临时")
    world.enterprise.tags.add(tag)
    response = client_for("economy_staff").post(f"/enterprises/tags/{tag.pk}/", {"delete": "1"})
    assert response.status_code == 302
    assert not Tag.objects.filter(pk=tag.pk).exists()
    assert world.enterprise.tags.count() == 0


def test_deleting_from_a_stale_page_is_a_conflict(world, client_for):
    tag = Tag.objects.create(park=world.park, name="旧名")
    client = client_for("economy_staff")
    page = client.get(f"/enterprises/tags/{tag.pk}/").content.decode()
    assert f'name="version" value="{tag.version}"' in page  # the delete form carries what it showed
    client.post(f"/enterprises/tags/{tag.pk}/", {"name": "新名", "color": "blue", "version": tag.version})
    stale = client.post(f"/enterprises/tags/{tag.pk}/", {"delete": "1", "version": tag.version})
    assert stale.status_code == 409 and "该记录已被他人修改" in stale.content.decode()
    assert Tag.objects.filter(pk=tag.pk, name="新名").exists()


def test_other_roles_read_tags_but_cannot_change_them(world, client_for):
    tag = Tag.objects.create(park=world.park, name="只读")
    assert client_for("environment_staff").get("/enterprises/tags/").status_code == 200
    assert (
        client_for("environment_staff").post(f"/enterprises/tags/{tag.pk}/", {"delete": "1"}).status_code
        == 403
    )
    assert client_for("other_park_staff").get(f"/enterprises/tags/{tag.pk}/").status_code == 404
    with pytest.raises(AccessDenied):
        services.tag_delete(user=world.user("enterprise_user"), tag=tag)
    assert Tag.objects.filter(pk=tag.pk).exists()
