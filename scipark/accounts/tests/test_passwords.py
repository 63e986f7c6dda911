"""Passwords (SECURITY.md row 7): at least 8 characters (12 for the 三员), three of four character
classes, no common passwords, argon2 outside the test suite."""

from __future__ import annotations

import importlib

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from scipark.accounts.services import password_generate


def refused(password: str, user=None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


def test_a_password_shorter_than_eight_characters_is_refused():
    assert any("至少需要8个字符" in m for m in refused("Ab1!xyz"))
    assert refused("Ab1!xyzq") == []


@pytest.mark.parametrize("password", ["abcdefgh12", "ABCDEFGH12", "abcdEFGHij", "abcd!@#$ef"])
def test_a_password_with_only_two_character_classes_is_refused(password):
    assert any("至少三类" in m for m in refused(password))


@pytest.mark.parametrize("password", ["abcdEFGH12", "abcdefg!12", "ABCDEFG!12", "abcdEFGH!!"])
def test_any_three_of_the_four_classes_are_enough(password):
    assert refused(password) == []


@pytest.mark.parametrize("persona", ["system_admin", "security_admin", "audit_admin"])
def test_the_three_admins_need_twelve_characters(world, persona):
    admin = world.user(persona)
    assert any("至少需要12个字符" in m for m in refused("Abcdef1!xyz", admin))  # 11
    assert refused("Abcdef1!xyzw", admin) == []  # 12


def test_other_users_need_only_eight(world):
    assert refused("Abcd1!xy", world.user("economy_staff")) == []


def test_common_passwords_are_refused_even_when_long_and_mixed():
    assert any("太常见" in m or "common" in m for m in refused("Password123"))


def test_a_password_like_the_username_is_refused(world):
    user = world.user("economy_staff")
    assert refused("Economy_staff1", user)


def test_generated_passwords_meet_every_rule_even_for_admins(world):
    admin = world.user("security_admin")
    for _ in range(20):
        assert refused(password_generate(), admin) == []


def test_production_and_base_settings_hash_with_argon2_first():
    for name in ("scipark.settings.base", "scipark.settings.dev"):
        module = importlib.import_module(name)
        assert module.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher", name


def test_argon2_is_installed_and_verifies(settings):
    from django.contrib.auth.hashers import check_password, make_password

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    hashed = make_password("Abcdef1!xyzw")
    assert hashed.startswith("argon2$")
    assert check_password("Abcdef1!xyzw", hashed)
