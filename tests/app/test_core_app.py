"""The core app through Streamlit's AppTest: pages render, levers drive the headline."""

import pytest
from streamlit.testing.v1 import AppTest

import model
from model.text.i18n import fmt_mnkr

PAGES = ["ui/pages/overview.py", "ui/pages/uncertainty.py", "ui/pages/scenarios.py",
         "ui/pages/assumptions.py", "ui/pages/method.py", "ui/pages/accessibility.py"]


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def headline(at: AppTest) -> str:
    return at.metric[0].value


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_page_renders_without_exception(app: AppTest, lang: str):
    app.query_params["lang"] = lang
    app.run()
    assert not app.exception, app.exception
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)
        assert app.title or app.info or app.header or app.subheader, page


def test_overview_shows_the_models_headline_in_swedish_format(app: AppTest):
    app.run()
    result = model.run(model.load_parameters(), model.Scenario(shift_sek_per_year=10e6))
    m = metrics(app)
    assert m["Nettoeffekt 2027–2036"] == fmt_mnkr(result.summary["net_total_sek"], "sv", sign=True)
    assert m["Betalar sig år"] == str(result.summary["payback_year"])
    assert "mnkr" in headline(app) and "," in headline(app)


def test_moving_the_shift_slider_changes_the_headline(app: AppTest):
    app.run()
    before = headline(app)
    app.slider(key="shift_mnkr").set_value(25.0).run()
    assert not app.exception
    after = headline(app)
    assert after != before
    expected = model.run(model.load_parameters(), model.Scenario(shift_sek_per_year=25e6)).summary["net_total_sek"]
    assert after == fmt_mnkr(expected, "sv", sign=True)


def test_zero_shift_gives_no_effect_and_no_payback(app: AppTest):
    app.run()
    app.slider(key="shift_mnkr").set_value(0.0).run()
    m = metrics(app)
    assert m["Nettoeffekt 2027–2036"] == fmt_mnkr(0.0, "sv", sign=True)
    assert m["Betalar sig år"] == "Ej inom perioden"


def test_horizon_and_start_year_levers(app: AppTest):
    app.run()
    app.slider(key="horizon").set_value(4).run()
    assert "Nettoeffekt 2027–2030" in metrics(app)
    app.slider(key="start_year").set_value(2029).run()
    y = model.run(model.load_parameters(), model.Scenario(shift_sek_per_year=10e6, horizon_years=4, start_year=2029))
    assert metrics(app)["Nettoeffekt 2027–2030"] == fmt_mnkr(y.summary["net_total_sek"], "sv", sign=True)


def test_all_mix_weights_zero_moves_nothing_and_says_so(app: AppTest):
    app.run()
    for mid in model.load_parameters().measure_ids:
        app.slider(key=f"mix_{mid}").set_value(0)
    app.run()
    assert not app.exception and not app.error
    assert any("vikten 0" in w.value for w in app.sidebar.warning)
    assert metrics(app)["Nettoeffekt 2027–2036"] == fmt_mnkr(0.0, "sv", sign=True)
    app.slider(key="mix_parent_training").set_value(50).run()
    assert not app.sidebar.warning
    expected = model.run(
        model.load_parameters(), model.Scenario(shift_sek_per_year=10e6, mix={"parent_training": 1.0})
    ).summary["net_total_sek"]
    assert headline(app) == fmt_mnkr(expected, "sv", sign=True)


def test_english_is_available(app: AppTest):
    app.query_params["lang"] = "en"
    app.run()
    assert "Net effect 2027–2036" in metrics(app)
    assert "MSEK" in headline(app)


def test_small_municipality_preset(app: AppTest):
    app.query_params["kommun"] = "small"
    app.run()
    # The default amount follows the child population: 1,5 mnkr for 3 500 children (10 for 24 000).
    assert app.slider(key="shift_mnkr").value == 1.5
    small = model.run(model.load_parameters(preset="small"), model.Scenario(shift_sek_per_year=1.5e6))
    assert headline(app) == fmt_mnkr(small.summary["net_total_sek"], "sv", sign=True)


def test_download_buttons_are_offered(app: AppTest):
    app.run()
    labels = [b.label for b in app.get("download_button")]
    assert labels == ["Ladda ner Excel", "Ladda ner CSV", "Beslutsunderlag (PDF)"]
