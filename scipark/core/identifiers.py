"""Identifiers the park's records use: 统一社会信用代码 (GB 32100-2015)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str:
    """The 18th character of a credit code from its first 17 (GB 32100-2015 §4.3, modulo 31)."""
    total = sum(CREDIT_CODE_CHARSET.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """Why ``code`` is not a valid unified social credit code, in Chinese; ``None`` when it is."""
    if len(code) != 18:
        return _("统一社会信用代码应为18位,实际为%(n)d位。") % {"n": len(code)}
    if code != code.upper() and code.upper() == code.upper().strip():
        bad_lower = [c for c in code if c.islower()]
        if bad_lower:
            return _("统一社会信用代码须使用大写字母(发现小写“%(c)s”)。") % {"c": bad_lower[0]}
    for position, char in enumerate(code, start=1):
        if char not in CREDIT_CODE_CHARSET:
            return _("统一社会信用代码第%(p)d位“%(c)s”不是允许的字符(不含 I、O、S、V、Z)。") % {
                "p": position,
                "c": char,
            }
    if not code[2:8].isdigit():
        return _("统一社会信用代码第3–8位应为行政区划代码(数字)。")
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        return _("统一社会信用代码校验位错误:第18位应为“%(e)s”,实际为“%(a)s”。") % {
            "e": expected,
            "a": code[17],
        }
    return None


def validate_credit_code(value: str) -> None:
    """Django validator for credit-code fields."""
    problem = credit_code_problem(value)
    if problem:
        raise ValidationError(problem, code="credit_code")


def normalize_credit_code(value: str) -> str:
    """Strip blanks and full-width spaces an Excel cell may carry; case is kept so that it is checked."""
    return value.replace("\u3000", "").strip()


def credit_code_from_number(number: int, *, region: str = "630100", prefix: str = "91") -> str:
    """A valid, deterministic credit code for demo and test enterprises (91 = enterprise, 630100 = 西宁市)."""
    body = ""
    n = number
    for _position in range(9):
        n, r = divmod(n, 31)
        body = CREDIT_CODE_CHARSET[r] + body
    first17 = f"{prefix}{region}{body}"
    return first17 + credit_code_check_char(first17)
