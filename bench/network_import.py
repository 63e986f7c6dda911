"""SECURITY.md row 11 for the pipe-network import (ADR 0015): a 50,000-feature GeoJSON whose only bad feature is
the last is refused in ≤ 5 s; the same file made good is checked and built for comparison.

``python -m bench.network_import [--vertices 8] [--features 50000] [--profile]`` prints one line per file:
``network_import[KIND] ratio=R goal=1 seconds=S rss_mb=M mb=F`` where R = 5 s / seconds for the refusal (the
good file's line is informative: its check, lengths and instances, no database write). The upload cap is raised
for the run (a 50,000-feature file of 8-vertex lines is about 20 MB; the default cap is 10 MB). ``--profile``
prints the refusal's cProfile, cumulative, top 25.
"""

from __future__ import annotations

import argparse
import os
import resource
import time

LIMIT_SECONDS = 5.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.network_import", description=__doc__)
    parser.add_argument("--features", type=int, default=50_000)
    parser.add_argument("--vertices", type=int, default=8)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scipark.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.exceptions import ValidationError

    from scipark.environment.services.network import read_geojson
    from scipark.environment.tests.network_files import network_geojson
    from scipark.parks.models import Park

    settings.SCIPARK_UPLOAD_MAX_BYTES = 256 * 1024 * 1024
    park = Park(pk=1, code="bench")  # never saved: the readers do not touch the database
    for kind, bad in (("50k_bad_last", True), ("50k_good", False)):
        raw = network_geojson(args.features, bad_last=bad, vertices=args.vertices)
        profiler = None
        if args.profile and bad:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        started = time.perf_counter()
        try:
            read_geojson(park, raw)
            outcome = "built"
        except ValidationError as exc:
            outcome = "refused: " + " | ".join(exc.messages)
        seconds = time.perf_counter() - started
        if profiler is not None:
            import pstats

            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"network_import[{kind}] ratio={LIMIT_SECONDS / seconds:.2f} goal=1 seconds={seconds:.2f} "
            f"rss_mb={rss_mb:.0f} mb={len(raw) / 1048576:.1f} features={args.features} "
            f"vertices={args.vertices} {outcome}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
