"""scipark's benchmarks: ``python -m bench`` prints ``NAME ratio=R goal=G`` (docs/benchmarks.md)."""
