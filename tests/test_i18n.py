"""Strings, numbers and labels for people."""

import pytest

from model.text import i18n
from model.text.i18n import fmt_mnkr, fmt_number, fmt_percent, fmt_sek, mnkr_unit
from model.text.labels import form_labels, measure_label


def test_every_language_has_the_same_keys():
    assert set(i18n.strings("sv")) == set(i18n.strings("en"))


def test_no_string_is_empty():
    for lang in i18n.LANGUAGES:
        assert all(v.strip() for v in i18n.strings(lang).values()), lang


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1234567, "1\u00a0234\u00a0567\u00a0kr"), (-1234.4, "\u22121\u00a0234\u00a0kr"), (0, "0\u00a0kr")],
)
def test_swedish_kronor(value, expected):
    assert fmt_sek(value) == expected


def test_swedish_mnkr_and_decimals():
    assert fmt_mnkr(12_345_678) == "12,3\u00a0mnkr"
    assert fmt_mnkr(-12_345_678, sign=True) == "\u221212,3\u00a0mnkr"
    assert fmt_mnkr(12_345_678, sign=True) == "+12,3\u00a0mnkr"
    assert fmt_mnkr(12_345_678, "en") == "12.3\u00a0MSEK"
    assert (mnkr_unit("sv"), mnkr_unit("en")) == ("mnkr", "MSEK")
    assert fmt_number(1234.56, 1) == "1\u00a0234,6"
    assert fmt_percent(0.725) == "72\u00a0%" or fmt_percent(0.725) == "73\u00a0%"
    assert fmt_number(None) == "–"


def test_missing_key_falls_back_visibly():
    assert i18n.t("no.such.key") == "no.such.key"
    assert i18n.t("nav.overview", "en") == "Overview"


def test_labels_of_care_forms_and_measures(default_params):
    assert form_labels(default_params.area, "sv")["hvb"] == "HVB"
    assert set(form_labels(default_params.area, "en")) == set(default_params.area.ids)
    assert measure_label(default_params, "parent_training", "sv") == default_params.measure("parent_training").label_sv
    assert measure_label(default_params, "unknown", "sv") == "unknown"
