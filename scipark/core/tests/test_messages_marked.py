"""Every message the code shows a user is marked for translation: a plain Chinese literal raised or put into
a page's messages shows in Chinese on the English page (the developers' brief: "a clear message in Chinese,
and English where the UI is English"). The catalogue tests (``test_translations``) then hold that each marked
string has its English."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CJK = re.compile(r"[\u4e00-\u9fff]")
#: Calls whose text reaches a user: exceptions shown as refusals or errors, page messages, form errors, and a
#: background run's outcome (``core.tasks.finish``: the page that follows the run shows its message).
SHOWN = re.compile(
    r"^(\w*Error|\w*Denied|\w*Refusal|\w*Refused|\w*Problem|Http404|NotFound|Missing|UnknownFigures|"
    r"refuse|add_error|error|warning|success|info|finish)$"
)
#: Errors for operators and programmers, never put on a page: a management command's, a guard's.
NOT_SHOWN = {
    "CommandError",
    "TypeError",
    "RuntimeError",
    "AssertionError",
    "NotImplementedError",
    "PermissionError",  # the logs' append-only guards (core.models, core.changelog): code, not users, hits them
    "ValueError",  # core.backup's, for the operator at the command line
    "FileNotFoundError",
}
NOT_SCANNED = ("/tests/", "/migrations/")


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _plain_chinese(node: ast.AST) -> bool:
    """A literal with Chinese in it, not wrapped in a gettext call (an f-string counts as a literal)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(CJK.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_plain_chinese(v) for v in node.values)
    if isinstance(node, ast.BinOp):  # "…%s" % value, "a" + "b"
        return _plain_chinese(node.left) or _plain_chinese(node.right)
    if isinstance(node, ast.Dict):
        return any(v is not None and _plain_chinese(v) for v in node.values)
    if isinstance(node, ast.List | ast.Tuple):
        return any(_plain_chinese(v) for v in node.elts)
    return False


def unmarked_messages(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and SHOWN.match(_name(node.func)) and _name(node.func) not in NOT_SHOWN:
            arguments = [
                *node.args,
                *(k.value for k in node.keywords if k.arg in {"message", "detail", "msg"}),
            ]
            if any(_plain_chinese(a) for a in arguments):
                found.append(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{node.lineno}")
    return found


def test_every_message_shown_to_a_user_is_marked_for_translation() -> None:
    sources = [
        p for p in sorted((ROOT / "scipark").rglob("*.py")) if not any(part in str(p) for part in NOT_SCANNED)
    ]
    found = [line for path in sources for line in unmarked_messages(path)]
    assert not found, "plain Chinese messages (mark them with gettext and translate them):\n" + "\n".join(
        found
    )


def test_the_walk_finds_plain_messages_and_passes_marked_ones(tmp_path: Path) -> None:
    source = tmp_path / "services.py"
    source.write_text(
        "def check(x):\n"
        '    raise ValidationError("名称不能为空。")\n'
        '    raise ValidationError({"name": f"“{x}”已存在。"})\n'
        '    messages.error(request, "保存失败。")\n'
        '    raise refuse(filename, "文件为空。")\n'
        '    raise ValidationError(_("名称不能为空。"))\n'
        '    raise ValidationError({"name": _("“%(x)s”已存在。") % {"x": x}})\n'
        '    raise CommandError("找不到文件。")\n'
        '    raise ValidationError("Only English here.")\n'
        '    finish(run, ok=True, message=f"已测评 {n} 家企业。")\n'
        '    finish(run, ok=True, message=_("已测评 %(n)s 家企业。") % {"n": n})\n',
        encoding="utf-8",
    )
    assert [line.rsplit(":", 1)[1] for line in unmarked_messages(source)] == ["2", "3", "4", "5", "10"]
