"""The page "Antaganden" through AppTest: it renders, edits reach the overview, bad input changes nothing.

AppTest cannot type into a data editor's cells, so an edit goes through the
pure function the editor's callback calls (``ui.assumptions.editing``) and the resulting
set is made active the way the callback does it; everything else (upload,
reset, the own-figures form, adding and removing a measure) is driven through
the page's own widgets.
"""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

import model
from model.files.parameter_csv import parameters_to_csv
from model.files.parameter_xlsx import SHEET_PARAMETERS, parameters_to_xlsx
from model.text.i18n import fmt_mnkr
from model.text.user_text import WORD_JOINER
from ui import cache, state
from ui.assumptions import actions, editing, measure_actions, own_figures
from ui.numbers import read_fields

PAGE = "ui/pages/assumptions.py"
OVERVIEW = "ui/pages/overview.py"
DEFAULT = model.load_parameters()


def headline(at: AppTest) -> str:
    at.switch_page(OVERVIEW).run()
    assert not at.exception, at.exception
    return at.metric[0].value


def on_page(at: AppTest) -> AppTest:
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def button(at: AppTest, label: str):
    found = [b for b in at.button if b.label == label]
    assert found, (label, [b.label for b in at.button])
    return found[0]


def own_field(at: AppTest, figure: str):
    """The own-figures form's text field of *figure* (its key follows the active set)."""
    return at.text_input(key=own_figures.key(at.session_state[state.PARAMS], figure))


def active(at: AppTest) -> model.Parameters:
    return at.session_state[state.PARAMS]


@pytest.mark.parametrize(
    ("lang", "title", "tab"), [("sv", "Antaganden", "Kommunens egna siffror"), ("en", "Assumptions", "Measures")]
)
def test_the_page_renders_in_both_languages(app: AppTest, lang, title, tab):
    app.query_params["lang"] = lang
    app.run()
    on_page(app)
    assert app.title[0].value == title
    assert tab in [t.label for t in app.tabs]
    # One expander per group: population, 7 care forms, 7 measures, evidence-transfer factors, economics, reporting.
    assert len(editing.groups(DEFAULT)) == 18
    labels = [e.label.replace("\\", "") for e in app.expander]  # labels are Markdown-escaped (user text)
    assert sum(label.startswith(("Vårdform:", "Care form:")) for label in labels) == 7
    assert not app.error


def test_an_edit_through_the_editor_glue_changes_the_overview(app: AppTest):
    app.run()
    before = headline(app)
    params = active(app)
    frame = editing.editor_frame(params, "care:hvb", DEFAULT)
    row = int(frame.index[frame["name"] == "care.hvb.cost_per_day"][0])
    edited = editing.apply_editor_state(frame, {"edited_rows": {row: {"value": 9000}}})
    new, problems = editing.validate_edit(params, "care:hvb", edited)
    assert not problems
    app.session_state[state.PARAMS] = new  # what actions.on_edit does with a valid edit
    after = headline(app)
    assert after != before
    expected = model.run(new, model.Scenario(shift_sek_per_year=10e6)).summary["net_total_sek"]
    assert after == fmt_mnkr(expected, "sv", sign=True)
    on_page(app)
    assert any("1 ändrade" in e.label for e in app.expander)
    changes = app.dataframe[-1].value
    assert "care.hvb.cost_per_day" in changes.iloc[:, 1].tolist()


def test_reset_group_and_reset_all(app: AppTest):
    app.run()
    app.session_state[state.PARAMS] = DEFAULT.with_values(
        {"care.hvb.cost_per_day": 9000, "economics.discount_rate": 0.03}
    )
    on_page(app)
    app.button(key="asm_reset.care:hvb").click().run()
    assert not app.exception
    assert active(app).value("care.hvb.cost_per_day") == 6500
    assert active(app).value("economics.discount_rate") == 0.03
    assert "HVB" in app.success[0].value
    button(app, "Återställ allt").click().run()
    assert active(app) == DEFAULT
    assert button(app, "Återställ allt").disabled


def test_uploading_a_colleagues_file_changes_the_headline(app: AppTest):
    app.run()
    before = headline(app)
    colleague = DEFAULT.with_values({"care.hvb.cost_per_day": 9000})
    on_page(app)
    app.file_uploader(key=actions.UPLOAD).set_value(
        ("kollega.xlsx", parameters_to_xlsx(colleague), "application/octet-stream")
    ).run()
    assert not app.exception
    assert active(app) == colleague
    assert "kollega.xlsx" in app.success[0].value
    assert headline(app) != before


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("tom.yaml", b"", "filen är tom"),
        ("ond.yaml", b'parameters: !!python/object/apply:os.system ["echo x"]\n', "YAML-taggen"),
        ("formel.xlsx", None, "cellen innehåller en formel"),
        ("text.txt", b"hej", "okänd filtyp"),
        ("malgrupper.csv", "at_risk", "fler än alla (1)"),
        ("belaggning.csv", "occupancy", "andel av platserna som används"),
    ],
)
def test_a_bad_file_shows_a_swedish_message_and_changes_nothing(app: AppTest, filename, data, expected):
    if data in ("at_risk", "occupancy"):
        text = parameters_to_csv(DEFAULT).decode("utf-8-sig")
        if data == "at_risk":  # target groups that together make up more than every placement that starts
            text = text.replace("early_intervention;0,15;andel av påbörjade placeringar;0,08;0,25",
                                "early_intervention;0,6;andel av påbörjade placeringar;0,08;0,6")
        else:  # no place of a recruited home ever in use
            text = text.replace("family_homes;0,7;andel av platserna;0,55", "family_homes;0;andel av platserna;0")
        data = text.encode("utf-8")
    if data is None:
        wb = load_workbook(io.BytesIO(parameters_to_xlsx(DEFAULT)))
        wb[SHEET_PARAMETERS]["D6"] = "=6500*1.1"
        buf = io.BytesIO()
        wb.save(buf)
        data = buf.getvalue()
    app.run()
    changed = DEFAULT.with_values({"care.hvb.cost_per_day": 7000})
    app.session_state[state.PARAMS] = changed  # the last valid set
    on_page(app)
    app.file_uploader(key=actions.UPLOAD).set_value((filename, data, "application/octet-stream")).run()
    assert not app.exception
    assert active(app) == changed
    messages = [e.value.replace("\\", "").replace(WORD_JOINER, "") for e in app.error]  # as read on screen
    assert any(expected in m for m in messages), messages
    assert not app.success
    headline(app)  # the app keeps running with the last valid set


def test_own_figures_recalibrate_the_baseline(app: AppTest):
    app.run()
    on_page(app)
    # Text fields read the Swedish way (ui.numbers): "7 400", "22,0".
    own_field(app, "hvb").set_value("7 400")
    own_field(app, "starts").set_value("95")
    own_field(app, "children.hvb").set_value("22,0")
    button(app, "Räkna om utgångsläget").click().run()
    assert not app.exception
    p = active(app)
    assert p.value("care.hvb.cost_per_day") == 7400 and p.value("care.hvb.children") == 22
    assert any(s.value.startswith("Utgångsläget är räknat om") for s in app.success)
    assert "Före och efter omräkningen" in [h.value for h in app.header]
    table = next(d.value for d in app.dataframe if "Före" in d.value.columns)
    assert table.shape[1] == 3


def test_an_unreachable_figure_is_refused(app: AppTest):
    app.run()
    on_page(app)
    own_field(app, "starts").set_value("2")
    button(app, "Räkna om utgångsläget").click().run()
    assert active(app) == DEFAULT
    assert any("går inte att nå" in e.value for e in app.error)


def test_a_new_measure_becomes_a_lever_and_has_an_effect(app: AppTest):
    app.run()
    on_page(app)
    app.radio(key=measure_actions.MECHANISM).set_value("prevention").run()
    app.radio(key=measure_actions.UNIT).set_value("post").run()
    app.text_input(key="asm_new.prevention.post.label_sv").set_value("Nattvandrare")
    app.text_input(key="asm_new.prevention.post.label_en").set_value("Night walkers")
    app.text_input(key="asm_new.prevention.post.cost_per_unit").set_value("400 000")
    app.text_input(key="asm_new.prevention.post.risk_reduction").set_value("0,3")
    app.text_input(key="asm_new.prevention.post.risk_reduction.high").set_value("0,4")
    button(app, "Lägg till insatsen").click().run()
    assert not app.exception, app.exception
    p = active(app)
    assert "nattvandrare" in p.measure_ids
    assert p.value("measure.nattvandrare.cost_per_unit") == 400_000
    assert p["measure.nattvandrare.cost_per_unit"].unit == "kr/tjänst/år"  # copied from a measure of the same kind
    assert any("Nattvandrare" in s.value for s in app.success)
    # The sidebar has a slider for it, weight 0: no effect until the analyst gives it one.
    slider = app.slider(key=state.mix_key("nattvandrare"))
    assert slider.value == 0
    before = headline(app)
    app.slider(key=state.mix_key("nattvandrare")).set_value(100).run()
    for mid in ("family_homes", "parent_training", "early_intervention"):
        app.slider(key=state.mix_key(mid)).set_value(0).run()
    after = headline(app)
    assert after != before
    scenario = model.Scenario(shift_sek_per_year=10e6, mix={"nattvandrare": 1.0})
    assert after == fmt_mnkr(model.run(p, scenario).summary["net_total_sek"], "sv", sign=True)
    # The same id twice is refused with a message; the set stays.
    on_page(app)
    app.radio(key=measure_actions.UNIT).set_value("post").run()
    app.text_input(key="asm_new.prevention.post.label_sv").set_value("Nattvandrare")
    button(app, "Lägg till insatsen").click().run()
    assert active(app) == p
    assert any("finns redan" in e.value for e in app.error)
    # Removing the added measure.
    app.selectbox(key=measure_actions.REMOVE).set_value("nattvandrare")
    button(app, "Ta bort insatsen").click().run()
    assert active(app) == DEFAULT


def test_downloads_read_back_as_the_same_set(app: AppTest):
    app.run()
    changed = DEFAULT.with_values({"care.hvb.cost_per_day": 9000})
    app.session_state[state.PARAMS] = changed
    on_page(app)
    assert actions.read_parameter_file(cache.parameters_xlsx(changed, "sv"), "a.xlsx", DEFAULT) == changed
    assert actions.read_parameter_file(cache.parameters_yaml(changed), "a.yaml", DEFAULT) == changed
    assert actions.read_parameter_file(cache.parameters_csv(changed), "a.csv", changed) == changed
    labels = [b.label for b in app.get("download_button")]
    assert {"Ladda ner Excel", "Ladda ner YAML", "Ladda ner CSV"} <= set(labels)


def test_an_untouched_own_figures_form_changes_nothing(app: AppTest):
    app.run()
    on_page(app)
    button(app, "Räkna om utgångsläget").click().run()
    assert not app.exception
    assert active(app) == DEFAULT


def test_only_the_figures_an_analyst_changed_are_recalibrated():
    shown = own_figures.shown(own_figures.prefill(DEFAULT), "sv")
    entered = {**shown, "hvb": "7 400", "children.sis": "5"}
    changed, problems = read_fields(entered, shown, own_figures.bounds(DEFAULT.area), {}, "sv")
    assert problems == []
    args = own_figures.calibration_arguments(changed)
    assert args == {
        "children_0_20": None,
        "children": {"sis": 5.0},
        "hvb_cost_per_day": 7400,
        "family_home_cost_per_day": None,
        "placements_started_per_year": None,
    }


def test_a_decimal_comma_in_the_new_measure_form_is_a_tenth_not_a_hundred_percent(app: AppTest):
    """Issue 11: "0,1" in "Relativ minskning av risken" became 1.000 and "0,02" became 2, without a word."""
    app.run()
    on_page(app)
    app.radio(key=measure_actions.MECHANISM).set_value("prevention").run()
    app.radio(key=measure_actions.UNIT).set_value("family").run()
    app.text_input(key="asm_new.prevention.family.label_sv").set_value("Familjerådslag")
    app.text_input(key="asm_new.prevention.family.risk_reduction").set_value("0,1")
    app.text_input(key="asm_new.prevention.family.risk_reduction.low").set_value("0,02")
    app.text_input(key="asm_new.prevention.family.risk_reduction.high").set_value("0,2")
    button(app, "Lägg till insatsen").click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    p = active(app)
    r = p["measure.familjeradslag.risk_reduction"]
    assert (r.value, r.low, r.high) == (0.1, 0.02, 0.2)


def test_an_empty_name_or_a_bad_figure_is_named_as_the_form_names_it(app: AppTest):
    """Issue 11: "measures.ny.label_sv: ett obligatoriskt fält saknas" was shown for an empty name."""
    app.run()
    on_page(app)
    app.radio(key=measure_actions.UNIT).set_value("post").run()
    button(app, "Lägg till insatsen").click().run()
    assert [e.value.replace(WORD_JOINER, "") for e in app.error] == ["Namn: ett obligatoriskt fält saknas."]
    app.text_input(key="asm_new.prevention.post.label_sv").set_value("Nattvandrare")
    app.text_input(key="asm_new.prevention.post.delay_months").set_value("6.500")
    button(app, "Lägg till insatsen").click().run()
    errors = [e.value.replace(WORD_JOINER, "") for e in app.error]
    assert len(errors) == 1 and errors[0].startswith("Fördröjning innan effekt: '6.500' kan läsas både som 6,5")
    assert active(app) == DEFAULT


def test_own_figures_far_from_the_preset_are_used_with_a_warning(app: AppTest):
    app.run()
    on_page(app)
    own_field(app, "hvb").set_value("21 000")
    button(app, "Räkna om utgångsläget").click().run()
    assert not app.exception and not app.error
    assert active(app).value("care.hvb.cost_per_day") == 21_000
    warnings = [w.value for w in app.warning]
    assert any(w.startswith("HVB, kostnad per vårddygn") and "tre gånger" in w for w in warnings), warnings


def test_an_ambiguous_own_figure_is_refused_and_nothing_changes(app: AppTest):
    app.run()
    on_page(app)
    own_field(app, "hvb").set_value("7.400")
    button(app, "Räkna om utgångsläget").click().run()
    assert active(app) == DEFAULT
    assert any("kan läsas både som 7,4 och som 7" in e.value for e in app.error)


def test_a_new_placement_review_measure_can_be_added_as_data(app: AppTest):
    """An analyst adds another measure of the review mechanism through the form; it becomes a lever and acts."""
    app.run()
    on_page(app)
    app.radio(key=measure_actions.MECHANISM).set_value("review").run()
    assert not app.exception, app.exception
    key = "asm_new.review.post."
    app.text_input(key=key + "label_sv").set_value("Uppföljning av familjehem")
    app.text_input(key=key + "label_en").set_value("Family-home follow-up")
    assert app.text_input(key=key + "placements_per_unit").value == "40"  # the catalogue's placement review
    app.text_input(key=key + "placements_per_unit").set_value("60")
    app.text_input(key=key + "stay_reduction").set_value("0,05")
    app.selectbox(key=key + "evidence_class").set_value("local_example")
    button(app, "Lägg till insatsen").click().run()
    assert not app.exception, app.exception
    p = active(app)
    measure = p.measure("uppfoljning_av_familjehem")
    assert measure.mechanism == "review" and measure.evidence_class == "local_example"
    assert p.value("measure.uppfoljning_av_familjehem.placements_per_unit") == 60
    assert p["measure.uppfoljning_av_familjehem.stay_reduction"].distribution == "triangular"
    app.slider(key=state.mix_key("uppfoljning_av_familjehem")).set_value(100).run()
    for mid in ("family_homes", "parent_training", "early_intervention"):
        app.slider(key=state.mix_key(mid)).set_value(0).run()
    app.slider(key="shift_mnkr").set_value(2.0).run()
    scenario = model.Scenario(shift_sek_per_year=2e6, mix={"uppfoljning_av_familjehem": 1.0})
    result = model.run(p, scenario)
    assert result.summary.net_total_sek < 0  # shorter external stays save more than the posts cost
    assert headline(app) == fmt_mnkr(result.summary["net_total_sek"], "sv", sign=True)
