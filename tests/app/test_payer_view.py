"""Who pays on the overview (issue 10), through AppTest: the headline is the municipality's; a toggle shows
the whole public sector, and the address keeps the choice (``betalare=offentlig``) across pages and reloads."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import model
from model.levers import default_levers, scenario_from_levers
from model.text.budget_text import budget_statement
from model.text.i18n import fmt_mnkr
from ui import state

DEFAULT = model.load_parameters()
RESULT = model.run(DEFAULT, scenario_from_levers(default_levers(DEFAULT), DEFAULT))


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch):
    monkeypatch.setenv("OMSTALLNING_DB_URL", f"sqlite:///{tmp_path / 'scenarios.db'}")


def test_the_headline_is_the_municipalitys_and_the_statement_names_the_failing_lines(app: AppTest):
    app.run()
    assert not app.exception
    assert app.metric[0].label.startswith("Nettoeffekt 2027") and app.metric[0].value == fmt_mnkr(
        RESULT.summary.net_total_sek, "sv", sign=True)
    statement = budget_statement(RESULT.budget_lines, "sv")
    assert any(m.value == f"**{statement}**" for m in app.markdown)
    assert "Budgeten håller" not in " ".join(m.label for m in app.metric)
    assert state.PAYER_VIEW not in app.query_params


def test_the_toggle_shows_the_public_sector_and_the_address_keeps_it(app: AppTest):
    app.run()
    app.toggle(key=state.PAYER_TOGGLE).set_value(True).run()
    assert not app.exception
    assert app.metric[0].label.startswith("Nettoeffekt för offentliga sektorn")
    assert app.metric[0].value == fmt_mnkr(RESULT.summary.net_public_total_sek, "sv", sign=True)
    assert app.query_params[state.PAYER_VIEW] == state.PUBLIC_SECTOR
    app.switch_page("ui/pages/method.py").run()
    assert app.query_params[state.PAYER_VIEW] == state.PUBLIC_SECTOR  # another page keeps the choice
    reload = AppTest.from_file(str(app._script_path), default_timeout=60)
    reload.query_params.update({k: v for k, v in app.query_params.items()})
    reload.switch_page("ui/pages/overview.py").run()
    assert reload.toggle(key=state.PAYER_TOGGLE).value is True
    assert reload.metric[0].value == fmt_mnkr(RESULT.summary.net_public_total_sek, "sv", sign=True)


def test_an_unknown_payer_view_in_the_address_shows_the_municipalitys(app: AppTest):
    app.query_params.update({"kommun": "default", state.PAYER_VIEW: "<script>"})
    app.run()
    assert not app.exception
    assert app.toggle(key=state.PAYER_TOGGLE).value is False
    assert app.metric[0].label.startswith("Nettoeffekt 2027")
    assert state.PAYER_VIEW not in app.query_params  # the app rewrites the address with what it shows
