"""No raw translation key or model id on screen, on any page or tab, in either language (issue 11).

The findings: "assumptions.measures.field.target_families_per_1000" (a label with
no string) and "measures.ny.label_sv: ett obligatoriskt fält saknas" (an empty
name). Every element AppTest sees — labels, help texts, options, captions,
messages, tab and expander titles, dialogs and popovers — is scanned, on every
page (all tabs are drawn) and in the error states the findings came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from model.text.i18n import LANGUAGES, strings
from ui import municipality, state
from ui.assumptions import measure_actions

PAGES = (
    "ui/pages/overview.py", "ui/pages/committee.py",
    "ui/pages/uncertainty.py",
    "ui/pages/scenarios.py",
    "ui/pages/assumptions.py",
    "ui/pages/method.py",
    "ui/pages/accessibility.py",
)
#: The first part of every locale key, and "measures" (a new measure's fields: measures.<id>.<field>).
NAMESPACES = sorted({k.split(".")[0] for lang in LANGUAGES for k in strings(lang)} | {"measures"})
RAW_KEY = re.compile(r"(?<![\w./-])(?:" + "|".join(NAMESPACES) + r")\.[a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)*")


def texts(at: AppTest) -> Iterator[str]:
    """The text of every element and block in the app's tree (its protobuf, which holds every string)."""
    stack = [at._tree]
    while stack:
        node = stack.pop()
        proto = getattr(node, "proto", None)
        if proto is not None:
            yield str(proto)
        stack.extend(getattr(node, "children", {}).values())


def raw_keys(at: AppTest) -> set[str]:
    assert not at.exception, at.exception
    return {m.group(0) for text in texts(at) for m in RAW_KEY.finditer(text)}


def test_the_scan_finds_a_raw_key():
    assert RAW_KEY.findall("Etikett: assumptions.measures.field.x och measures.ny.label_sv: saknas") == [
        "assumptions.measures.field.x",
        "measures.ny.label_sv",
    ]
    assert RAW_KEY.findall("HVB (care.hvb.cost_per_day), datum.label, docs/model.md, 1.5") == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_a_raw_key(app: AppTest, lang, page):
    app.query_params["lang"] = lang
    app.run()
    app.switch_page(page).run()
    assert raw_keys(app) == set()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_raw_key_in_the_new_measure_forms_or_their_errors(app: AppTest, lang):
    app.query_params["lang"] = lang
    app.run()
    app.switch_page("ui/pages/assumptions.py").run()
    submit = "Lägg till insatsen" if lang == "sv" else "Add the measure"
    for mechanism, unit in (("prevention", "family"), ("prevention", "post"), ("recruitment", "home")):
        app.radio(key=measure_actions.MECHANISM).set_value(mechanism).run()
        if mechanism == "prevention":
            app.radio(key=measure_actions.UNIT).set_value(unit).run()
        assert raw_keys(app) == set(), (mechanism, unit)
        next(b for b in app.button if b.label == submit).click().run()  # an empty name
        assert app.error and raw_keys(app) == set(), [e.value for e in app.error]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_raw_key_in_the_municipality_question(app: AppTest, lang):
    app.query_params["lang"] = lang
    app.run()
    app.session_state[state.PARAMS] = app.session_state[state.PARAMS].with_values({"care.hvb.cost_per_day": 9000})
    app.run()
    app.selectbox(key=municipality.widget_key(lang)).set_value("small").run()
    assert municipality.PENDING in app.session_state
    assert raw_keys(app) == set()
