"""Words for the screen (ui.text): user text shown literally, names, exact numbers."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

import model
from ui.text import exact_number, form_labels, interval_text, md, measure_label, preset_name, set_name

MARKUP = [
    "**fet** _kursiv_ ~~struken~~",
    "[länk](https://example.com) ![bild](x.png)",
    "<script>alert(1)</script>",
    "$x^2$ och `kod`",
    ":smile: :material/home: :red[röd]",
    "# Rubrik",
    "- punkt\n+ punkt\n* punkt",
    "1. första\n  23. andra",
    "Rubrik\n===",
    "www.example.com",
    "https://example.com",
    "anna@kommun.se",
    "a | b",
    "\\ backslash",
]


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)


@pytest.mark.parametrize("text", MARKUP)
def test_md_escapes_every_markup_character_and_keeps_the_text(text):
    escaped = md(text)
    assert unescape(escaped) == text
    bare = re.sub(r"\\.", "", escaped, flags=re.DOTALL)
    assert not set(bare) & set("*_~[]()!<>$`:#+=|@\\-"), (text, escaped)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("www.example.com", r"www\.example.com"),
        ("WWW.example.com", r"WWW\.example.com"),
        ("1. första", r"1\. första"),
        ("  12. tolfte", r"  12\. tolfte"),
    ],
)
def test_md_escapes_a_full_stop_only_where_it_makes_markup(text, escaped):
    assert md(text) == escaped


def test_md_leaves_ordinary_full_stops_alone():
    assert md("kollega.xlsx") == "kollega.xlsx"
    assert md("Förslag 2.0, version 3.") == "Förslag 2.0, version 3."


def test_preset_names_in_both_languages():
    presets = model.presets()
    assert preset_name("default", "sv") == presets["default"]
    assert preset_name("default", "en") != presets["default"]
    assert preset_name("no_such_preset", "sv", fallback="x") == "x"


def test_a_sets_name_is_translated_only_while_it_is_the_presets_own(default_params):
    assert set_name(default_params, "sv") == default_params.name
    assert set_name(default_params, "en") == preset_name("default", "en")
    assert set_name(replace(default_params, name="Vår kommun"), "en") == "Vår kommun"


def test_labels_of_forms_and_measures(default_params):
    assert form_labels("sv")["hvb"] == "HVB"
    assert measure_label(default_params, "parent_training", "sv") == default_params.measure("parent_training").label_sv
    assert measure_label(default_params, "unknown", "sv") == "unknown"


@pytest.mark.parametrize(
    ("x", "digits", "text"),
    [(9000, 4, "9\u00a0000"), (0.013, 4, "0,013"), (0.123456, 4, "0,1235"), (0.123456, 6, "0,123456"), (3.0, 6, "3")],
)
def test_exact_numbers_show_the_decimals_they_have(x, digits, text):
    assert exact_number(x, "sv", digits) == text


def test_interval_text():
    assert interval_text(-199e6, -54e6, "sv") == "\u2212199,0\u00a0mnkr till \u221254,0\u00a0mnkr"
