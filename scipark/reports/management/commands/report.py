"""``scipark report annual --park bio --year 2023 [--out FILE]``: the park's annual work summary as Word.

The document is kept like one generated on the page (with the values and source counts it printed) and
written to ``--out`` (default: ``<park>-<year>-annual-summary.docx`` in the current directory). An
``--out`` ending in ``.pdf`` also writes the PDF, where LibreOffice is installed (``summary.pdf``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from scipark.parks.models import Park
from scipark.reports.services import summary_generate
from scipark.reports.summary import pdf


class Command(BaseCommand):
    help = "生成园区年度工作总结(Word),如:scipark report annual --park bio --year 2023 --out 总结.docx"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["annual"], help="报告种类:annual(年度工作总结)")
        parser.add_argument("--park", required=True, help="园区代码")
        parser.add_argument("--year", type=int, required=True, help="年份,如 2023")
        parser.add_argument(
            "--out",
            default="",
            help="输出文件(.docx;以 .pdf 结尾时另存 PDF,需已安装 LibreOffice),"
            "默认为当前目录下的 <园区>-<年份>-annual-summary.docx",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        park = Park.objects.filter(code=options["park"]).first()
        if park is None:
            codes = "、".join(Park.objects.order_by("code").values_list("code", flat=True)) or "(无)"
            raise CommandError(f"找不到园区“{options['park']}”,可选:{codes}。")
        out = Path(options["out"] or f"{park.code}-{options['year']}-annual-summary.docx")
        as_pdf = out.suffix.lower() == ".pdf"
        if out.suffix.lower() != ".docx" and not as_pdf:
            raise CommandError(f"输出文件“{out}”应以 .docx 或 .pdf 结尾。")
        if as_pdf and pdf.converter() is None:
            raise CommandError("服务器未安装 LibreOffice(soffice),无法生成 PDF;请输出 .docx。")
        if not out.parent.is_dir():
            raise CommandError(f"输出目录“{out.parent}”不存在。")
        try:
            issue = summary_generate(user=None, park=park, year=options["year"])
        except ValidationError as error:
            raise CommandError(";".join(error.messages)) from error
        with issue.file.open("rb") as stored:
            data = stored.read()
        if as_pdf:
            try:
                data = pdf.convert(data, name=out.stem)
            except ValidationError as error:
                raise CommandError(";".join(error.messages)) from error
        out.write_bytes(data)
        gaps = sum(1 for row in issue.figures.values() if row["missing"])
        self.stdout.write(f"已生成 {park.name}{issue.year}年度工作总结(第{issue.number}版):{out}")
        self.stdout.write(f"数据 {len(issue.figures) - gaps} 项已由记录计算,{gaps} 项标注为待补充。")
