"""Counts of people in words: small counts withheld, fractions of a child read as a range."""

from __future__ import annotations

import pytest

from model.parameters import SMALL_COUNT_THRESHOLD
from model.text.counts import fmt_count, fmt_count_change, small_count_threshold, withheld

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("count", "language", "text"),
    [
        (3.2, "sv", "färre än 5"),
        (4.99, "en", "fewer than 5"),
        (0.4, "sv", "färre än 5"),  # rounds to 0 but is somebody
        (0.0, "sv", "0"),  # nobody to recognise
        (5.0, "sv", "5"),
        (1234.4, "sv", f"1{NBSP}234"),
        (None, "sv", "–"),
    ],
)
def test_small_counts_are_withheld(count, language, text):
    assert fmt_count(count, 5, language) == text


def test_a_withheld_cell_is_text_and_any_other_keeps_its_value():
    assert withheld(2.0, 5, "sv") == "färre än 5"
    assert withheld(12.25, 5, "sv") == 12.25
    assert withheld(float("nan"), 5) is None
    assert fmt_count(7.0, 10, "sv") == "färre än 10"  # the threshold is the set's


@pytest.mark.parametrize(
    ("difference", "language", "text"),
    [
        (-2.5, "sv", "cirka 2–3 färre"),
        (1.5, "sv", "cirka 1–2 fler"),
        (-2.5, "en", "about 2–3 fewer"),
        (-3.02, "sv", "cirka 3 färre"),  # near a whole number: that number
        (-0.3, "sv", "cirka 0–1 färre"),
        (-25.4, "sv", "cirka 25 färre"),  # from 10 on: rounded, no range
        (0.01, "sv", "ingen skillnad"),  # not "0", which would read as no children at all
        (-0.04, "en", "no difference"),
    ],
)
def test_fractions_of_a_child_read_as_a_range(difference, language, text):
    assert fmt_count_change(difference, language) == text


def test_the_threshold_is_a_parameter_of_the_set(default_params, small_params):
    p = default_params[SMALL_COUNT_THRESHOLD]
    assert small_count_threshold(default_params) == p.value == 5
    assert p.status == "E" and p.distribution == "fixed" and p.low <= 5 <= p.high and p.source
    assert small_count_threshold(small_params) == 5
    assert small_count_threshold(default_params.with_values({SMALL_COUNT_THRESHOLD: 3})) == 3
