"""``manage.py reset_password USERNAME``: reset a password on the server (the only way for a 三员 account).

The security admin's page refuses administrators' accounts (SECURITY.md row 4): whoever holds the server
resets them here, and the new password is printed once. Every session and API token of the account ends;
an enrolled second factor stays enrolled and required.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from scipark.accounts.models import User
from scipark.accounts.services import password_reset


class Command(BaseCommand):
    help = "在服务器上重置账号密码(三员账号只能这样重置),新密码只显示一次。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"没有用户名为“{options['username']}”的账号。")
        try:
            password = password_reset(user=user, actor=None)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"已重置 {user.username} 的密码,其所有会话和接口令牌已失效。"))
        self.stdout.write(f"新密码(仅显示这一次): {password}")
