"""SECURITY.md row 19: passwords, tokens, identity and mobile numbers never reach the logs."""

import logging

from scipark.core.logging import RedactSecretsFilter, redact


def test_secrets_in_a_log_line_are_masked():
    line = "login password=Hunter2! token: 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b id 630102199001011234 tel 13812345678"
    cleaned = redact(line)
    for secret in (
        "Hunter2!",
        "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b",
        "630102199001011234",
        "13812345678",
    ):
        assert secret not in cleaned
    assert "login" in cleaned


def test_the_filter_rewrites_records_with_arguments():
    record = logging.LogRecord(
        "x", logging.WARNING, __file__, 1, "user %s sent password=%s", ("alice", "s3cret!"), None
    )
    assert RedactSecretsFilter().filter(record)
    assert "s3cret!" not in record.getMessage()
    assert "alice" in record.getMessage()
