"""统一社会信用代码 (GB 32100-2015): the check digit and the refusals, each with a Chinese reason."""

import pytest
from django.core.exceptions import ValidationError

from scipark.core.identifiers import (
    credit_code_check_char,
    credit_code_from_number,
    credit_code_problem,
    normalize_credit_code,
    validate_credit_code,
)

# A published code of a real enterprise (its check digit computed per GB 32100-2015).
VALID = "91350100M000100Y43"


def test_a_valid_code_passes():
    assert credit_code_problem(VALID) is None
    validate_credit_code(VALID)


def test_the_check_digit_is_computed_modulo_31():
    assert credit_code_check_char(VALID[:17]) == VALID[17]


def test_generated_demo_codes_are_valid():
    for n in (0, 1, 2, 30, 31, 12345, 10**9):
        assert credit_code_problem(credit_code_from_number(n)) is None


def test_a_wrong_check_digit_is_refused_naming_the_expected_one():
    wrong = VALID[:17] + ("0" if VALID[17] != "0" else "1")
    problem = credit_code_problem(wrong)
    assert problem is not None and "校验位" in problem and VALID[17] in problem


@pytest.mark.parametrize("code", ["", "91350100M000100Y4", "91350100M000100Y433"])
def test_a_wrong_length_is_refused(code):
    problem = credit_code_problem(code)
    assert problem is not None and "18位" in problem


def test_lower_case_is_refused():
    problem = credit_code_problem(VALID.lower())
    assert problem is not None and "大写" in problem


@pytest.mark.parametrize("letter", ["I", "O", "S", "V", "Z"])
def test_letters_i_o_s_v_z_are_refused(letter):
    code = VALID[:10] + letter + VALID[11:]
    problem = credit_code_problem(code)
    assert problem is not None and "第11位" in problem


def test_the_validator_raises_a_django_validation_error():
    with pytest.raises(ValidationError) as info:
        validate_credit_code("123")
    assert info.value.code == "credit_code"


def test_blanks_and_full_width_spaces_are_stripped():
    assert normalize_credit_code(f"\u3000{VALID} ") == VALID
