"""Numbers for the screen (ui.text): exact values and ranges of money."""

from __future__ import annotations

import pytest

from ui.text import exact_number, interval_text


@pytest.mark.parametrize(
    ("x", "digits", "text"),
    [(9000, 4, "9\u00a0000"), (0.013, 4, "0,013"), (0.123456, 4, "0,1235"), (0.123456, 6, "0,123456"), (3.0, 6, "3")],
)
def test_exact_numbers_show_the_decimals_they_have(x, digits, text):
    assert exact_number(x, "sv", digits) == text


def test_interval_text():
    assert interval_text(-199e6, -54e6, "sv") == "\u2212199,0\u00a0mnkr till \u221254,0\u00a0mnkr"
