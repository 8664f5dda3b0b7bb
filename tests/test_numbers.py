"""The one number parser: Swedish and English forms, ambiguity refused with both readings."""

from __future__ import annotations

import math

import pytest

from model.errors import ParameterError
from model.text.numbers import parse_number

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("0,1", ",", 0.1),
        ("0.1", ",", 0.1),
        (".5", ",", 0.5),
        ("0,1", ".", 0.1),
        ("0.1", ".", 0.1),
        ("1 234,5", ",", 1234.5),
        (f"1{NBSP}234,5", ",", 1234.5),
        (f"1{NNBSP}234{NNBSP}567", ",", 1234567.0),
        ("1 234.5", ",", 1234.5),
        ("6 500", ",", 6500.0),
        ("6 500,5", ",", 6500.5),
        ("6500", ",", 6500.0),
        ("1.234,5", ",", 1234.5),
        ("1,234.5", ",", 1234.5),
        ("1,234.5", ".", 1234.5),
        ("1.234.567", ",", 1234567.0),
        ("1,234,567", ".", 1234567.0),
        ("6,500", ".", None),  # None: ambiguous (6.5 or 6 500) in English text too
        ("1,5", ",", 1.5),
        ("1.5", ".", 1.5),
        ("−6 500", ",", -6500.0),
        ("-0,25", ",", -0.25),
        ("+3", ",", 3.0),
        ("1e12", ",", 1e12),
        ("2,5e3", ",", 2500.0),
        ("2.5E-3", ".", 0.0025),
        ("  42 ", None, 42.0),
        ("1,5", None, 1.5),
        ("1.5", None, 1.5),
        ("0,500", None, 0.5),
        ("12,34", None, 12.34),
    ],
)
def test_reads_the_forms_people_type(text: str, decimal: str | None, expected: float | None) -> None:
    if expected is None:
        with pytest.raises(ParameterError) as info:
            parse_number(text, "x", decimal)
        assert info.value.code == "ambiguous_number"
        return
    assert parse_number(text, "x", decimal) == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize(
    ("text", "decimal", "first", "second"),
    [
        ("6.500", ",", 6.5, 6500.0),  # a Swedish thousands point in a semicolon CSV
        ("1.5", ",", 1.5, 15.0),  # typed in a Swedish table
        ("12.25", ",", 12.25, 1225.0),
        ("6,500", ".", 6.5, 6500.0),
        ("1,5", ".", 1.5, 15.0),
        ("6.500", None, 6.5, 6500.0),
        ("6,500", None, 6.5, 6500.0),
    ],
)
def test_ambiguous_input_is_refused_with_both_readings(
    text: str, decimal: str | None, first: float, second: float
) -> None:
    with pytest.raises(ParameterError) as info:
        parse_number(text, "care.hvb.cost_per_day", decimal)
    err = info.value
    assert err.code == "ambiguous_number"
    assert err.field == "care.hvb.cost_per_day"
    assert (err.details["first"], err.details["second"]) == (first, second)
    assert err.details["value"] == text


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "missing_value"),
        ("   ", "missing_value"),
        ("sexhundra", "not_a_number"),
        ("12 34", "not_a_number"),
        ("1 2345", "not_a_number"),
        ("1.23.4", "not_a_number"),
        ("1,2,3", "not_a_number"),
        ("1.234,5,6", "not_a_number"),
        ("10 %", "not_a_number"),
        ("1e", "not_a_number"),
        ("e5", "not_a_number"),
        ("--5", "not_a_number"),
        ("0x10", "not_a_number"),
        ("inf", "not_a_number"),
        ("nan", "not_a_number"),
        ("1e999", "not_finite"),
        (True, "not_a_number"),
        (None, "not_a_number"),
        (float("nan"), "not_finite"),
        (math.inf, "not_finite"),
    ],
)
def test_anything_else_is_refused_naming_the_field(text: object, code: str) -> None:
    with pytest.raises(ParameterError) as info:
        parse_number(text, "measure.x.risk_reduction", ",")
    assert info.value.code == code
    assert info.value.field == "measure.x.risk_reduction"


def test_numbers_pass_through() -> None:
    assert parse_number(3, "x") == 3.0
    assert parse_number(0.25, "x") == 0.25


def test_messages_show_both_readings_in_the_users_format() -> None:
    from ui.errors import message

    with pytest.raises(ParameterError) as info:
        parse_number("6.500", "HVB: kostnad per dygn", ",")
    assert "6,5" in message(info.value, "sv") and "6\u00a0500" in message(info.value, "sv")
    assert "6.5" in message(info.value, "en") and "6,500" in message(info.value, "en")
