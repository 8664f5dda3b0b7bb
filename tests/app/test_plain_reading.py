"""Plain reading (issue 11): a sentence under every chart, a tooltip on every lever and headline number, and
the uncertainty page's lead sentence that reconciles payback and the budget check, through AppTest."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import model
from model.analysis.uncertainty import run_uncertainty
from ui.overview import chart
from ui.overview import reading as overview_reading
from ui.uncertainty.reading import lead_sentence

TEN = model.Scenario(shift_sek_per_year=10e6)


@pytest.mark.parametrize(
    ("choice", "sentence"),
    [
        ("net", overview_reading.net_reading),
        ("cost", overview_reading.cost_reading),
        ("children", overview_reading.children_reading),
    ],
)
def test_every_overview_chart_has_its_sentence(app: AppTest, choice, sentence):
    app.run()
    app.session_state[chart.CHART] = choice
    app.run()
    expected = sentence(model.run(model.load_parameters(), TEN).yearly, "sv")
    assert expected in [m.value for m in app.markdown]


def test_every_lever_and_headline_number_has_a_tooltip(app: AppTest):
    app.run()
    assert app.slider, "the levers are sliders"
    assert all(s.help for s in app.slider), [s.label for s in app.slider if not s.help]
    assert len(app.metric) == 8 and all(m.help for m in app.metric), [m.label for m in app.metric if not m.help]
    app.switch_page("ui/pages/uncertainty.py").run()
    assert all(m.help for m in app.metric[:3])


def test_the_uncertainty_page_leads_with_the_sentence_that_reconciles_payback_and_budget(app: AppTest):
    app.run()
    app.switch_page("ui/pages/uncertainty.py").run()
    assert not app.exception
    u = run_uncertainty(model.load_parameters(), TEN, 1000, 0)
    holds = int(model.run(model.load_parameters(), TEN).summary.external_budget_holds_years)
    expected = lead_sentence(u.summary, u.yearly, 2027, holds, 10, "sv")
    results = [m.value for m in app.markdown]
    # The central result (one run) comes first while the simulations run; the sentence is the first about them.
    assert results[0].startswith("**Med alla antaganden på sina mest sannolika värden:**"), results[:2]
    assert results[1] == f"**{expected}**", results[:2]
