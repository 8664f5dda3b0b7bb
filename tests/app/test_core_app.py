"""The core app through Streamlit's AppTest: pages render, levers drive the headline."""

import pytest
from streamlit.testing.v1 import AppTest

import model
from model.analysis.fit import FIGURES
from model.files.fit_report import comparison_rows
from model.text.i18n import fmt_mnkr, fmt_number, t
from ui.tables import shown

PAGES = ["ui/pages/overview.py", "ui/pages/committee.py", "ui/pages/uncertainty.py", "ui/pages/scenarios.py",
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
    assert m["Betalar sig år"] == str(result.summary["payback_year"] or "Ej inom perioden")
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
    assert labels == ["Ladda ner Excel", "Ladda ner CSV", "Budgetposter (CSV)", "Betalare (CSV)",
                      "Beslutsunderlag (PDF)"]


def test_the_overview_shows_where_the_net_effect_comes_from(app: AppTest):
    app.run()
    assert not app.exception, app.exception
    result = model.run(model.load_parameters(), model.Scenario(shift_sek_per_year=10e6))
    assert "Varifrån kommer nettoeffekten?" in [h.value for h in app.header]
    text = " ".join(md.value for md in app.markdown)
    assert "Egna familjehem i stället för köpta: " in text and "Förebyggande insatser: " in text
    assert "används inte" in text  # parent training reaches its whole target group
    m = metrics(app)
    assert m["Nytta per flyttad krona"] == fmt_number(result.summary.benefit_cost_ratio_moved, 2, "sv")
    bcr = next(x for x in app.metric if x.label == "Nytta per flyttad krona")
    assert bcr.delta == fmt_number(result.summary.benefit_cost_ratio, 2, "sv") + " per använd krona"
    tables = [table.value for table in app.table]
    assert any("Kan som mest använda" in t.columns for t in tables)


def test_the_evidence_level_changes_the_headline_and_is_shown(app: AppTest):
    app.run()
    before = headline(app)
    assert any("evidensnivå trolig" in c.value for c in app.caption)
    app.selectbox(key="evidence").set_value("optimistic").run()
    assert not app.exception, app.exception
    expected = model.run(model.load_parameters(), model.Scenario(shift_sek_per_year=10e6, evidence_level="optimistic"))
    assert headline(app) == fmt_mnkr(expected.summary["net_total_sek"], "sv", sign=True) != before
    assert any("evidensnivå optimistisk" in c.value for c in app.caption)


def test_a_smaller_budget_moves_the_shift_lever_down_instead_of_failing(app: AppTest):
    """A parameter set whose external budget is smaller than the amount chosen: the lever follows the budget."""
    app.run()
    app.slider(key="shift_mnkr").set_value(60.0).run()
    smaller = model.load_parameters().with_values({"care.hvb.children": 10})  # about 14 mnkr less to buy
    app.session_state["_params"] = smaller
    app.run()
    assert not app.exception, app.exception
    assert app.slider(key="shift_mnkr").value <= app.slider(key="shift_mnkr").max < 60.0
    expected = model.run(smaller, model.Scenario(shift_sek_per_year=app.slider(key="shift_mnkr").value * 1e6))
    assert headline(app) == fmt_mnkr(expected.summary["net_total_sek"], "sv", sign=True)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_method_page_shows_how_well_the_chosen_set_fits(app: AppTest, lang: str):
    """Issue 10: the chosen preset's baseline beside the national figures, in the reader's language."""
    app.query_params["kommun"] = "average"
    app.query_params["lang"] = lang
    app.run()
    app.switch_page("ui/pages/method.py").run()
    assert not app.exception, app.exception
    assert t("fit.title", lang) in [h.value for h in app.header]
    rows = comparison_rows(model.load_parameters(preset="average"), lang)
    shown = [df.value for df in app.dataframe if list(df.value.columns) == rows[0]]
    assert len(shown) == 1 and shown[0].values.tolist() == rows[1:] and len(rows) == len(FIGURES) + 1
    assert t("fit.about.average", lang) in [i.value for i in app.info]
    assert t("fit.left_out_title", lang) in [s.value for s in app.subheader]


def test_a_charts_table_is_built_only_while_its_expander_is_open(app: AppTest):
    """The overview's chart tables are one click away, but a closed one costs a slider move nothing."""
    app.run()
    labels = [e.label for e in app.expander]
    assert labels.count("Visa som tabell") == 3  # the chosen chart, the waterfall, the net effect by amount
    # closed: no chart's table was built or sent (the one table is the money not used, under the waterfall)
    assert [list(x.value.columns)[-1] for x in app.table] == ["Kan som mest använda"]
    app.session_state["table_net"] = True  # what a click on the first one does
    app.run()
    assert len(app.table) == 2
    table = shown(app.table[0].value)  # the chosen chart's, above the waterfall
    result = model.run(model.load_parameters(), model.Scenario(shift_sek_per_year=10e6))
    assert len(table) == len(result.yearly)
    assert table.iloc[-1, -1] == fmt_mnkr(result.yearly["cumulative_net_sek"].iloc[-1], "sv", sign=True)


def test_the_yearly_table_and_the_budget_lines_are_built_only_while_open(app: AppTest):
    """Issue 14: the two tables year by year cost a slider move nothing while folded; opened, they are there
    (and stay open over the next move)."""
    from model.text.budget_text import used_lines
    from ui.overview.budget import budget_table
    from ui.overview.table import yearly_table

    app.run()
    labels = [e.label for e in app.expander]
    assert "Visa tabellen, år för år" in labels and "Visa budgetposterna år för år" in labels
    tables = [df.value for df in app.dataframe]
    assert not any("År" in df.columns for df in tables)  # neither was built or sent
    app.session_state["table_yearly"] = True  # what a click on each does
    app.session_state["table_budget"] = True
    app.slider(key="shift_mnkr").set_value(12.0).run()
    assert not app.exception, app.exception
    result = model.run(model.load_parameters(), model.Scenario(shift_sek_per_year=12e6))
    shown = [df.value for df in app.dataframe if "År" in df.value.columns]
    expected = [budget_table(used_lines(result.budget_lines), "sv"), yearly_table(result.yearly, "sv", result.params)]
    assert len(shown) == 2
    for got, want in zip(shown, expected, strict=True):
        assert list(got.columns) == list(want.columns)
        assert got.reset_index(drop=True).astype(str).equals(want.astype(str))
