"""SECURITY.md row 11 measured: each hostile import file is refused within 5 s and under 512 MB.

``python -m bench.hostile_imports`` generates the corpus (the same generators the tests use), then
imports each file in a fresh subprocess (so that peak RSS is that one import's) against a small bench
database, as the park's staff user, and prints one line per file:
``import_refusal[KIND] ratio=R goal=1 seconds=S rss_mb=M`` where R = min(5 s / seconds, 512 MB / RSS).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .server import ROOT

LIMIT_SECONDS = 5.0
LIMIT_RSS_MB = 512.0


def corpus() -> dict[str, tuple[str, Callable[[], bytes]]]:
    """Kind -> (file name, bytes maker)."""
    from scipark.core.tests import hostile

    bad_codes = [["统一社会信用代码", "企业名称", "行业代码"]] + [
        [f"BAD{i:015d}", f"企业{i}", "2710"] for i in range(50_000)
    ]
    text_in_numbers = [["统一社会信用代码", "企业名称", "行业代码", "注册资本(万元)"]] + [
        [r[0], r[1], "2710", "五百万"] for r in hostile.good_rows(20_000, start=10_000)
    ]
    return {
        "pdf_renamed": ("企业.xlsx", hostile.pdf_renamed),
        "random_bytes": ("企业.xlsx", hostile.random_bytes),
        "zip_not_workbook": ("企业.xlsx", hostile.zip_not_workbook),
        "zip_bomb": ("企业.xlsx", hostile.zip_bomb),
        "ratio_bomb": ("企业.xlsx", hostile.ratio_bomb),
        "billion_laughs": ("企业.xlsx", hostile.billion_laughs),
        "rows_over_cap": ("企业.csv", lambda: hostile.many_rows_csv(200_001)),
        "50k_bad_codes": ("企业.csv", lambda: hostile.csv_bytes(bad_codes)),
        "20k_text_in_numbers_xlsx": ("企业.xlsx", lambda: hostile.xlsx(text_in_numbers)),
    }


def import_once(db: str, path: str, username: str) -> None:
    """In the child: run one import and print seconds, refusal and peak RSS as JSON."""
    import os

    os.environ["SCIPARK_BENCH_DB"] = db
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from scipark.core.imports.runner import run_import
    from scipark.enterprises.importers import EnterpriseImporter
    from scipark.parks.models import Park

    user = get_user_model().objects.get(username=username)
    importer = EnterpriseImporter(user=user, park=Park.objects.get())
    started = time.perf_counter()
    result = run_import(importer, Path(path), filename=Path(path).name)
    seconds = time.perf_counter() - started
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mb": rss_mb, "refused": not result.ok, "written": result.ok}))


def main() -> int:
    if len(sys.argv) == 5 and sys.argv[1] == "--one":
        import_once(sys.argv[2], sys.argv[3], sys.argv[4])
        return 0
    db = ROOT / "var" / "bench" / "bench-hostile.sqlite3"
    made = subprocess.run(
        [sys.executable, "-m", "bench.generate", "--size", "100", "--db", str(db)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    username = json.loads(made.stdout.strip().splitlines()[-1])["username"]
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        for kind, (name, make) in corpus().items():
            path = Path(folder) / f"{kind}-{name}"
            path.write_bytes(make())
            child = subprocess.run(
                [sys.executable, "-m", "bench.hostile_imports", "--one", str(db), str(path), username],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
            if child.returncode != 0:
                print(
                    f"import_refusal[{kind}] ratio=NA goal=1 error={child.stderr.strip().splitlines()[-1:]}"
                )
                failures += 1
                continue
            result = json.loads(child.stdout.strip().splitlines()[-1])
            ratio = min(LIMIT_SECONDS / max(result["seconds"], 1e-6), LIMIT_RSS_MB / result["rss_mb"])
            refused = "refused" if result["refused"] else "ACCEPTED"
            failures += 0 if result["refused"] else 1
            print(
                f"import_refusal[{kind}] ratio={ratio:.1f} goal=1 seconds={result['seconds']:.2f} "
                f"rss_mb={result['rss_mb']:.0f} size_kb={path.stat().st_size // 1024} {refused}",
                flush=True,
            )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
