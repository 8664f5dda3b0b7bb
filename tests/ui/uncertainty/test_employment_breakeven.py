"""The break-even answer for an exit-rate measure (issue 13): how large a rise in exits to work it must give."""

from __future__ import annotations

import math

import model
from model.analysis import breakeven as be
from ui.uncertainty.breakeven import work_answer


def test_the_answer_is_a_rise_in_percentage_points_rounded_up_and_names_ips_in_capitals():
    params = model.load_parameters(area="employment", preset="employment_default")
    a = be.BreakEven(status=be.FOUND, value=0.008612, parameter="measure.ips.exit_increase", year=2030,
                     current=0.0125, plausible_low=0.003, plausible_high=0.03, search_low=0.0, search_high=0.5)
    label, value, text = work_answer(a, params, "sv")
    assert value == "0,87" and math.isclose(0.0087, math.ceil(10_000 * 0.008612) / 10_000)
    assert text.startswith("Hur stor ökning av övergången till arbete måste IPS")
    assert "minst 0,87 procentenheter" in text and "1,25" in text and "inom det rimliga intervallet" in text
    never = work_answer(be.BreakEven(status=be.NEVER, value=None, parameter="measure.ips.exit_increase",
                                     year=2030, current=0.0125, plausible_low=0.003, plausible_high=0.03,
                                     search_low=0.0, search_high=0.5), params, "en")
    assert never[1] == "–" and "would the shift have paid back by 2030" in never[2]
