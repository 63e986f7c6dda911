"""No module imports ``reports``: reports reads the modules (DESIGN.md), so an arrow the other way would
make a module depend on the page that presents it (ADR 0010). Checked on the source, not by importing."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]  # scipark/
REPORTS = "scipark.reports"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    """Each module ``path`` imports, with the line, relative imports resolved against its package."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            yield node.lineno, base
            for alias in node.names:  # ``from scipark import reports`` imports the package itself
                yield node.lineno, f"{base}.{alias.name}"


def test_the_resolver_sees_absolute_and_relative_imports() -> None:
    probe = PACKAGE / "economy" / "figures.py"
    found = {m for _line, m in imported_modules(probe)}
    assert "scipark.core.figures" in found and "scipark.economy.kpi" in found


def test_no_module_imports_reports() -> None:
    arrows = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if not path.is_relative_to(PACKAGE / "reports")
        for line, module in imported_modules(path)
        if module == REPORTS or module.startswith(f"{REPORTS}.")
    ]
    assert not arrows, "reports reads the modules, never the other way round:\n" + "\n".join(arrows)
