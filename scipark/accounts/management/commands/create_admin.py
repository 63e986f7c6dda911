"""``manage.py create_admin --role security_admin USERNAME``: bootstrap a 三员 account on a new install.

``createsuperuser`` is not the way in: a superuser would hold every power at once, which 三员分立
forbids. The generated password is printed once; the holder changes it at first sign-in.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from scipark.accounts.services import admin_create
from scipark.core.roles import ADMIN_ROLES


class Command(BaseCommand):
    help = "创建三员账号(系统管理员/安全管理员/审计管理员),随机生成的初始密码只显示一次。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(r.value for r in ADMIN_ROLES))
        parser.add_argument("--full-name", default="", help="姓名")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user, password = admin_create(
                role=options["role"], username=options["username"], full_name=options["full_name"]
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"已创建 {options['role']} 账号: {user.username}"))
        self.stdout.write(f"初始密码(仅显示这一次,请妥善交付并在首次登录后修改): {password}")
