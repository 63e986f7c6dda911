"""``scipark open311 key NAME [--park CODE]`` issues a client's API key (printed as the last line, once);
``scipark open311 revoke NAME [--park CODE]`` revokes it; ``scipark open311 list`` lists the clients."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from scipark.open311.client_services import client_create, client_revoke
from scipark.open311.models import Open311Client
from scipark.parks.models import Park


class Command(BaseCommand):
    help = "管理 Open311 客户端的 API 密钥:key 签发(最后一行输出密钥)、revoke 吊销、list 列出。"

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        key = verbs.add_parser("key", help="为客户端签发 API 密钥(只显示这一次)")
        key.add_argument("name", help="客户端名称")
        key.add_argument("--park", help="园区代码(只有一个园区时可省略)")
        key.add_argument("--contact", default="", help="联系人及联系方式")
        revoke = verbs.add_parser("revoke", help="吊销客户端的 API 密钥")
        revoke.add_argument("name", help="客户端名称")
        revoke.add_argument("--park", help="园区代码(名称在多个园区重复时必填)")
        listing = verbs.add_parser("list", help="列出客户端")
        listing.add_argument("--park", help="只列出该园区的客户端")

    def handle(self, *args: Any, **options: Any) -> None:
        verb = options["verb"]
        if verb == "key":
            self.issue(options["name"], options.get("park"), options.get("contact", ""))
        elif verb == "revoke":
            self.revoke(options["name"], options.get("park"))
        else:
            self.list(options.get("park"))

    def park(self, code: str | None) -> Park:
        if code:
            park = Park.objects.filter(code=code).first()
            if park is None:
                raise CommandError(f"园区代码“{code}”不存在。")
            return park
        parks = list(Park.objects.all()[:2])
        if len(parks) != 1:
            raise CommandError("有多个园区(或没有园区):请用 --park 指定园区代码。")
        return parks[0]

    def issue(self, name: str, park_code: str | None, contact: str) -> None:
        park = self.park(park_code)
        try:
            client, key = client_create(park=park, name=name, contact=contact)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(f"已为园区“{park.name}”({park.code})创建客户端“{client.name}”。")
        )
        self.stdout.write("API 密钥只显示这一次,平台只保存其摘要;请妥善交付,丢失后只能吊销并重新签发:")
        self.stdout.write(key)

    def revoke(self, name: str, park_code: str | None) -> None:
        clients = Open311Client.objects.select_related("park").filter(name=name)
        if park_code:
            clients = clients.filter(park__code=park_code)
        found = list(clients[:2])
        if not found:
            raise CommandError(f"没有名为“{name}”的客户端。")
        if len(found) > 1:
            raise CommandError(f"多个园区都有名为“{name}”的客户端:请用 --park 指定园区代码。")
        if client_revoke(client=found[0]):
            self.stdout.write(self.style.SUCCESS(f"已吊销客户端“{name}”({found[0].park.code})的密钥。"))
        else:
            self.stdout.write(f"客户端“{name}”的密钥此前已被吊销。")

    def list(self, park_code: str | None) -> None:
        clients = Open311Client.objects.select_related("park").order_by("park__code", "name")
        if park_code:
            clients = clients.filter(park__code=park_code)
        for client in clients:
            status = (
                "有效"
                if client.is_active
                else f"已吊销 {timezone.localtime(client.revoked_at):%Y-%m-%d %H:%M}"
            )
            used = (
                f"{timezone.localtime(client.last_used_at):%Y-%m-%d %H:%M}"
                if client.last_used_at
                else "从未使用"
            )
            self.stdout.write(f"{client.park.code}\t{client.name}\t{client.key_prefix}…\t{status}\t{used}")
