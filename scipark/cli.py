"""The ``scipark`` console command: manage.py with the project's settings, plus short verbs.

``scipark demo``, ``scipark import enterprises FILE``, ``scipark serve`` … are Django management
commands; ``scipark import KIND FILE`` is spelled ``import_data`` inside Django because ``import`` is
a Python keyword."""

from __future__ import annotations

import os
import sys

ALIASES = {"import": "import_data"}


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scipark.settings.dev")
    if len(args) > 1 and args[1] in ALIASES:
        args[1] = ALIASES[args[1]]
    from django.core.management import execute_from_command_line

    execute_from_command_line(["scipark", *args[1:]])


if __name__ == "__main__":
    main()
