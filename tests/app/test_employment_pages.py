"""Every page with the employment set active reads right for financial assistance (issue 13).

The app is opened with ``?kommun=employment_default`` and an IPS + workplace-training
mix. Until the area selector exists (branch area-app), the municipality selector
lists only the children's sets and would put the default back; the fixture lets it
list every area's sets, which is what the selector will do. What is checked is the
page's main area (the sidebar's levers are the area selector's part): no word of the
children's area — barn, placering, HVB, SiS, familjehem, vårddygn, vårdform (and the
English ones; "placement" alone is also a job placement there) — in any heading, text,
number, help text, option or table heading.
Quotes from the sources (the bibliography, a measure's source note, the notes in a
parameter table) are the sources' words and are not checked.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP

MIX = {"mix_ips": "50", "mix_workplace_training": "50"}
CHILDREN_WORDS = {
    "sv": re.compile(r"\bbarn|placer|\bhvb\b|\bsis\b|familjehem|vårddygn|vårdform", re.IGNORECASE),
    # "placement" alone is also a job placement (IPS, social-enterprise placements): the children's uses only
    "en": re.compile(r"\bchild|\bplaced\b|placements? (?:budget|avoided|started|review)|\bhvb\b|\bsis\b|"
                     r"family home|foster|care form|24-hour care|purchased care", re.IGNORECASE),
}
#: Markdown that quotes sources: the bibliography's items and a measure's evidence and source.
QUOTES = ("- `", "**Mekanism:**", "**Mechanism:**")
PAGES = ["ui/pages/overview.py", "ui/pages/uncertainty.py", "ui/pages/scenarios.py", "ui/pages/assumptions.py",
         "ui/pages/accessibility.py"]


def _texts(at: AppTest) -> list[str]:
    """What the page's main area says, less the quotes of sources."""
    main, out = at.main, []
    for kind in ("title", "header", "subheader", "caption", "info", "warning", "error", "success"):
        out += [e.value for e in getattr(main, kind)]
    out += [e.value for e in main.markdown if not str(e.value).startswith(QUOTES)]
    for e in main.metric:
        out += [e.label, e.value, e.proto.help]
    for kind in ("button", "toggle", "selectbox", "radio", "text_input", "multiselect", "number_input"):
        for e in getattr(main, kind):
            out += [e.label, getattr(e.proto, "help", "")]
            out += [str(o) for o in getattr(e, "options", [])]
    out += [e.label for e in main.expander]
    for e in main.dataframe:
        out += [str(c) for c in e.value.columns]
    for e in main.table:
        out += [str(c) for c in e.value.columns] + [str(i) for i in e.value.index]
    return [str(x) for x in out if x]


def _open(lang: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params.update({"kommun": "employment_default", "lang": lang, **MIX})
    for folded in ("table_yearly", "table_budget", "table_fan_years"):  # opened: their words are checked too
        at.session_state[folded] = True
    at.run()
    assert at.session_state["_params"].area.id == "employment"
    return at


def _leaks(at: AppTest, lang: str) -> list[str]:
    words = CHILDREN_WORDS[lang]
    return [text[:160] for text in _texts(at) if words.search(text)]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_page_of_the_employment_set_runs_and_says_nothing_of_children(lang):
    at = _open(lang)
    leaks = {}
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        assert at.title, page
        found = _leaks(at, lang)
        if found:
            leaks[page] = found
    assert not leaks


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_overview_shows_households_assistance_work_and_the_tax_apart(lang):
    at = _open(lang)
    labels = [m.label for m in at.main.metric]
    words = {"sv": ("Hushåll med bistånd", "Utbetalt bistånd", "Hushållsår utan bistånd", "Kommunalskatt"),
             "en": ("Households on assistance", "Assistance paid", "Household-years off assistance", "Municipal tax")}
    for word in words[lang]:
        assert any(label.startswith(word) for label in labels), (word, labels)
    tax = next(m for m in at.main.metric if m.label.startswith(words[lang][3]))
    assert tax.proto.delta == ("visas för sig, ingår inte i nettoeffekten" if lang == "sv"
                               else "shown apart, not in the net effect")


def test_the_uncertainty_page_asks_what_rise_in_exits_to_work_ips_needs():
    at = _open("sv")
    at.switch_page("ui/pages/uncertainty.py").run()
    assert not at.exception
    said = " ".join(str(m.value) for m in at.main.markdown)
    assert "Hur stor ökning av övergången till arbete måste IPS" in said


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_method_page_of_the_employment_set_says_nothing_of_children(lang):
    at = _open(lang)
    at.switch_page("ui/pages/method.py").run()
    assert not at.exception
    assert not _leaks(at, lang)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_method_body_and_caveats_of_the_employment_area(lang):
    from streamlit.testing.v1 import AppTest as Test

    def page(lang: str) -> None:
        import model  # AppTest runs this function's source alone
        from ui.method import body, fit

        params = model.load_parameters(area="employment", preset="employment_default")
        body.render(params, lang)
        fit.render(params, lang)

    at = Test.from_function(page, args=(lang,), default_timeout=60).run()
    assert not at.exception
    assert not _leaks(at, lang)
    text = " ".join(str(m.value) for m in at.main.markdown)
    for caveat in (("utjämningssystemet", "Jobbskatteavdraget", "Smålandspostens", "Dödvikt", "IFAU", "heltidskrav",
                    "46 % mot 11 %", "20 %") if lang == "sv" else
                   ("Equalisation", "jobbskatteavdrag", "Smålandsposten", "Deadweight", "IFAU", "full-time",
                    "46", "20")):
        assert caveat in text, caveat
