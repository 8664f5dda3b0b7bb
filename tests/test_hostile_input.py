"""Issue 15, "Why": every numbered case as a test, through the API, the command line and the app's own code.

The corpus is ``tests/hostile_cases.py`` (shared with the browser tests and
``tests/hostile_report.py``, which prints the before/after table). Here each
case runs in this process: a case that should be refused is refused with a
message (in Swedish where the app shows it), one that should work works to
the end, and nothing raises anything else.
"""

from __future__ import annotations

import io
import logging

import pytest
from hostile_cases import HOSTILE_HOST, all_cases, outcome
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest  # noqa: TID251 - the app, driven as a user would

import model
from model.errors import ModelError
from model.files.parameter_xlsx import parameters_from_xlsx, parameters_to_xlsx
from model.files.result_export import to_xlsx_bytes
from model.files.scenario_json import from_json_bytes
from model.parameters import Parameter
from ui.assumptions import editing
from ui.assumptions.actions import read_parameter_file
from ui.downloads import Download, guarded
from ui.errors import file_error, message

CASES = all_cases()
DEFAULT = model.load_parameters()
ENGLISH = ("the file", "expected", "is not", "cannot", "unknown", "appears", "nested", "more than", "holds")


@pytest.mark.parametrize("case", [c for c in CASES if c.kind != "Link"], ids=lambda c: f"{c.kind}: {c.name}")
def test_each_case_is_refused_with_a_message_or_works(case):
    kind, detail = outcome(case)
    assert kind == ("refused" if case.expect == "refuse" else "accepted"), detail
    assert "Traceback" not in detail and "/work/" not in detail


@pytest.mark.parametrize("case", [c for c in CASES if c.kind == "Link"], ids=lambda c: c.name)
def test_a_hostile_link_gives_a_message_that_shows_its_text_literally(case):
    kind, detail = outcome(case)
    assert kind == "refused", detail
    assert "](http" not in detail


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.kind.endswith(("YAML file", "CSV file", "XLSX file"))], ids=lambda c: c.name
)
def test_the_app_says_what_is_wrong_with_a_file_in_swedish(case):
    with pytest.raises(model.ParameterError) as err:
        read_parameter_file(case.data, case.filename, DEFAULT)
    text = message(editing.localize(err.value, DEFAULT, "sv"), "sv")
    assert not text.startswith("Något stämmer inte"), text  # a specific message, not the generic one
    assert not any(word in text for word in ENGLISH), text
    assert case.filename in text or err.value.field.split(" ")[0] in text, text


@pytest.mark.parametrize("case", [c for c in CASES if c.kind == "Scenario file"], ids=lambda c: c.name)
def test_a_broken_scenario_file_gets_a_swedish_message(case):
    with pytest.raises(ModelError) as err:
        from_json_bytes(case.data, case.filename)
    text = file_error(err.value, "sv")
    assert case.filename in text and not any(word in text for word in ENGLISH), text


def test_the_6500_csv_is_refused_showing_both_readings():
    case = next(c for c in CASES if c.name == "6.500 in a semicolon file")
    with pytest.raises(model.ParameterError) as err:
        read_parameter_file(case.data, case.filename, DEFAULT)
    text = message(editing.localize(err.value, DEFAULT, "sv"), "sv")
    assert "6,5" in text and "6\u00a0500" in text and "rad 6" in text, text


# --- 4 and 5: exports never fail, and never silently ----------------------------------------------------


def _with_source(params: model.Parameters, source: str) -> model.Parameters:
    first = params.parameters[0]
    return model.Parameters(
        name=params.name,
        price_year=params.price_year,
        parameters=(Parameter(**{**{f: getattr(first, f) for f in Parameter.__slots__}, "note_sv": source}),
                    *params.parameters[1:]),
        measures=params.measures,
        preset=params.preset,
        area=params.area,
    )


def test_a_control_character_that_reached_a_set_never_breaks_an_export():
    odd = _with_source(DEFAULT, "Källa\x0bmed\x00styrtecken")  # built through the API, not a reader
    result = model.run(odd, model.Scenario(shift_sek_per_year=10e6))
    workbook = load_workbook(io.BytesIO(to_xlsx_bytes(result, "sv")))
    assert workbook.sheetnames
    back = load_workbook(io.BytesIO(parameters_to_xlsx(odd)))
    sources = [c.value for row in back.worksheets[0].iter_rows() for c in row if isinstance(c.value, str)]
    assert "Källamedstyrtecken" in sources


def test_a_download_that_fails_delivers_a_message_with_an_error_id(caplog):
    def broken() -> bytes:
        raise RuntimeError("/srv/secret/path exploded")

    with caplog.at_level(logging.ERROR, logger="omstallningskalkylen"):
        xlsx = guarded(Download("xlsx", "Excel", broken), "sv")()
        text = guarded(Download("csv", "CSV", broken), "sv")()
    said = load_workbook(io.BytesIO(xlsx)).worksheets[0]["A1"].value
    for file in (said, text):
        assert "Filen kunde inte skapas" in file and "secret" not in file
        error_id = file.split("fel-id ")[1].split(" ")[0]
        assert f"error {error_id}" in caplog.text  # the traceback is logged under the id the user was given
    assert "/srv/secret/path exploded" in caplog.text


# --- 5: the error boundary ------------------------------------------------------------------------------


def test_an_unexpected_error_shows_an_id_and_no_traceback(monkeypatch, caplog):
    from ui.overview import headline

    def broken(*_args, **_kwargs):
        raise RuntimeError("/srv/omstallning/model/secret.py: boom")

    monkeypatch.setattr(headline, "render", broken)
    app = AppTest.from_file("../app.py", default_timeout=60)
    with caplog.at_level(logging.ERROR, logger="omstallningskalkylen"):
        app.run()
    assert not app.exception
    [error] = [e.value for e in app.error]
    assert "fel-id" in error and "secret" not in error and "Traceback" not in error
    error_id = error.split("fel-id ")[1].split(" ")[0]
    assert error_id in caplog.text and "secret.py: boom" in caplog.text
    assert app.sidebar.slider  # the sidebar still works



def test_an_error_in_an_action_shows_an_id_and_the_page_still_draws(monkeypatch, caplog):
    """A callback that breaks (here: the sidebar's reset of the levers) gives the action's message with an id
    at the top, and the page draws as usual, instead of Streamlit's redacted exception over an empty page."""
    from ui import history

    calls = []

    def broken(params):  # the first call, the callback's, breaks; the page's own calls work
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("/srv/omstallning/ui/secret.py: boom")
        return real(params)

    real = history.default_levers

    app = AppTest.from_file("../app.py", default_timeout=60)
    app.run()
    app.sidebar.slider[0].set_value(app.sidebar.slider[0].value + 1).run()  # away from the defaults
    monkeypatch.setattr(history, "default_levers", broken)  # on_reset_levers reads the defaults first
    with caplog.at_level(logging.ERROR, logger="omstallningskalkylen"):
        app.button(key="reset_levers").click().run()
    assert not app.exception
    [error] = [e.value for e in app.error if "fel-id" in e.value]
    assert "det du just gjorde" in error and "secret" not in error
    error_id = error.split("fel-id ")[1].split(" ")[0]
    assert error_id in caplog.text and "secret.py: boom" in caplog.text
    assert app.sidebar.slider and app.metric  # the sidebar and the page drew after the broken action


def test_every_callback_of_the_app_is_inside_the_error_boundary():
    """Each on_change/on_click in ui/ that names one of our functions names one wrapped by safe_callback."""
    import ast
    import importlib
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    checked, unwrapped = [], []
    for path in sorted((root / "ui").rglob("*.py")):
        module = importlib.import_module(".".join(path.relative_to(root).with_suffix("").parts))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg in ("on_change", "on_click"):
                if isinstance(node.value, ast.Constant) or ast.unparse(node.value).startswith("st."):
                    continue  # "rerun"/"ignore", and Streamlit's own st.login/st.logout
                name = ast.unparse(node.value)
                local = _local_def(path, name)
                target = eval(name, vars(module)) if local is None else local  # a dotted name from our own code
                checked.append(name)
                if target is False or (target is not True and not hasattr(target, "__wrapped__")):
                    unwrapped.append(f"{path.name}: {name}")
    assert len(checked) >= 15 and not unwrapped, unwrapped


def _local_def(path, name: str) -> bool | None:
    """For a function *name* defined inside another one in *path*: is it wrapped by safe_callback (None: none)."""
    import ast

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef):
            for inner in node.body:
                if isinstance(inner, ast.FunctionDef) and inner.name == name:
                    return any(ast.unparse(d) == "safe_callback" for d in inner.decorator_list)
    return None

def test_the_price_year_is_bounded_everywhere():
    for year in (3000, -5, 1999, 2101):
        with pytest.raises(model.ParameterError):
            model.Parameters(
                name="x", price_year=year, parameters=DEFAULT.parameters, measures=DEFAULT.measures, area=DEFAULT.area
            )
    doc = DEFAULT.parameters[0]
    with pytest.raises(model.ParameterError):
        model.Parameters(
            name="x", price_year=2024, measures=DEFAULT.measures, area=DEFAULT.area,
            parameters=(Parameter(**{**{f: getattr(doc, f) for f in Parameter.__slots__}, "price_year": 3000}),
                        *DEFAULT.parameters[1:]),
        )


# --- 7: formula text in the parameter workbook -------------------------------------------------------------


def test_the_parameter_workbook_prefixes_formula_text_and_reads_it_back():
    formula = f'=HYPERLINK("http://{HOSTILE_HOST}","klicka")'
    odd = _with_source(DEFAULT, formula)
    data = parameters_to_xlsx(odd)
    cells = [c for ws in load_workbook(io.BytesIO(data)).worksheets for row in ws.iter_rows() for c in row]
    assert not [c.value for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "+", "@"))]
    assert ("'" + formula) in [c.value for c in cells]
    assert parameters_from_xlsx(data) == odd
