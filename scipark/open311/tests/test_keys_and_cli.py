"""API keys: issued on the command line (printed as the last line, stored only as a digest), revoked,
listed; issuing and revoking are audited."""

import io

import pytest
from django.core.management import CommandError, call_command

from scipark.appeals.testing import make_category
from scipark.core.models import AuditEvent
from scipark.open311.keys import key_digest
from scipark.open311.models import Open311Client


def run(*args):
    out = io.StringIO()
    call_command("open311", *args, stdout=out)
    return out.getvalue()


def test_the_key_command_prints_the_key_as_its_last_line_and_keeps_only_a_digest(world, client):
    make_category(world.park, "telecom")
    output = run("key", "12345 热线", "--park", world.park.code, "--contact", "王工 0971-1234567")
    key = output.strip().splitlines()[-1]
    assert key.startswith("o311_") and len(key) == 48
    stored = Open311Client.objects.get(name="12345 热线")
    assert stored.park == world.park and stored.contact == "王工 0971-1234567"
    assert stored.key_hash == key_digest(key) and stored.key_prefix == key[:12]
    assert not Open311Client.objects.filter(key_hash=key).exists()
    assert key not in str(list(Open311Client.objects.values()))
    response = client.get("/open311/v2/services.json", {"api_key": key})
    assert response.status_code == 200
    event = AuditEvent.objects.get(kind="api_key_issue")
    assert event.username == "scipark open311" and event.object_id == str(stored.pk)
    assert event.detail == {"park": world.park.code, "name": "12345 热线"}


def test_two_keys_are_never_the_same():
    from scipark.open311.keys import key_generate

    assert len({key_generate() for _ in range(50)}) == 50


def test_the_park_must_be_named_when_there_are_several(world):
    with pytest.raises(CommandError, match="请用 --park 指定园区代码"):
        run("key", "小程序")
    with pytest.raises(CommandError, match="园区代码“nowhere”不存在"):
        run("key", "小程序", "--park", "nowhere")


def test_a_name_is_unique_within_a_park(world):
    run("key", "小程序", "--park", world.park.code)
    with pytest.raises(CommandError, match="已有名为“小程序”的客户端"):
        run("key", "小程序", "--park", world.park.code)
    run("key", "小程序", "--park", world.other_park.code)  # another park may use the name


def test_revoke_ends_the_key_and_is_audited(world, client):
    key = run("key", "小程序", "--park", world.park.code).strip().splitlines()[-1]
    with pytest.raises(CommandError, match="没有名为“别的”的客户端"):
        run("revoke", "别的")
    assert "已吊销" in run("revoke", "小程序")
    assert "此前已被吊销" in run("revoke", "小程序")
    assert client.get("/open311/v2/requests.json", {"api_key": key}).status_code == 403
    assert AuditEvent.objects.filter(kind="api_key_revoke").count() == 1


def test_revoke_asks_for_the_park_when_the_name_is_ambiguous(world):
    run("key", "小程序", "--park", world.park.code)
    run("key", "小程序", "--park", world.other_park.code)
    with pytest.raises(CommandError, match="多个园区都有名为“小程序”的客户端"):
        run("revoke", "小程序")
    run("revoke", "小程序", "--park", world.other_park.code)
    assert Open311Client.objects.get(park=world.park).is_active
    assert not Open311Client.objects.get(park=world.other_park).is_active


def test_list_shows_each_client_with_its_key_prefix_and_state(world):
    key = run("key", "小程序", "--park", world.park.code).strip().splitlines()[-1]
    run("key", "热线", "--park", world.other_park.code)
    run("revoke", "热线")
    lines = run("list").strip().splitlines()
    assert lines[0] == f"{world.park.code}\t小程序\t{key[:12]}…\t有效\t从未使用"
    assert lines[1].startswith(f"{world.other_park.code}\t热线\t") and "已吊销" in lines[1]
    assert run("list", "--park", world.park.code).count("\n") == 1
