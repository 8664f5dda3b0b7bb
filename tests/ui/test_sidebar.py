"""The levers' bounds that depend on the parameter set: one rule for the sliders and the URL check."""

from __future__ import annotations

import pytest

from model.breakeven import external_budget_now
from model.scenario_file import DISCOUNT, SHIFT
from ui.sidebar import DISCOUNT_SLIDER_TOP, shift_slider_max, slider_bounds


@pytest.mark.parametrize("preset", ["default", "small"])
def test_the_shift_reaches_the_external_budget_rounded_up_to_five(preset, default_params, small_params):
    params = {"default": default_params, "small": small_params}[preset]
    top = shift_slider_max(params)
    budget = external_budget_now(params) / 1e6
    assert top % 5 == 0 and budget <= top < budget + 5
    assert slider_bounds(params)[SHIFT] == (0.0, top)


def test_the_discount_rate_reaches_at_least_six_percent(default_params):
    rate = default_params["economics.discount_rate"]
    low, high = slider_bounds(default_params)[DISCOUNT]
    assert low == pytest.approx(100 * rate.low)
    assert high == max(100 * rate.high, DISCOUNT_SLIDER_TOP) >= DISCOUNT_SLIDER_TOP
