"""The hostile and careless inputs of issue 15, one corpus for the tests, the browser tests and the report.

Each :class:`Case` is one thing a user can send: a parameter file (YAML, CSV,
XLSX), a scenario file, a command line, a call of the Python API or a link.
``expect`` is what must happen: ``"refuse"`` (a message naming the problem,
nothing accepted) or ``"accept"`` (the input is fine and must work to the end,
e.g. ``horizon_years=10.0``).

:func:`outcome` runs a case in this process and says what happened:
``("refused", message)``, ``("accepted", detail)`` or raises (a crash).
``python tests/hostile_report.py`` runs every case in its own subprocess (so
a segfault or a runaway alias expansion is counted, not fatal) against the
code on ``PYTHONPATH`` and prints the table of the issue: kind of input,
cases, refused with a message, crashed, accepted wrongly. The module only
uses API that existed before the issue too, so the same corpus measures the
code before and after.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

HOSTILE_HOST = "127.0.0.9"  # an address nobody serves: a fetch of it is an injection, never a real request
IMAGE = f"![](http://{HOSTILE_HOST}/bild.png)"
LINK = f"[Klicka](http://{HOSTILE_HOST}/lank)"


@dataclass(frozen=True)
class Case:
    """One input: its kind (a row of the table), a name, and what must happen.

    A file case's bytes are made on first use (:attr:`data`), so that listing
    the cases is cheap.
    """

    kind: str
    name: str
    expect: str  # "refuse" or "accept"
    run: Callable[[Case], tuple[str, str]]
    make: Callable[[], bytes] | None = None  # a file's bytes (file cases), for the upload tests
    filename: str = ""

    @property
    def data(self) -> bytes:
        return _made(self.make) if self.make is not None else b""


@cache
def _made(make: Callable[[], bytes]) -> bytes:
    return make()


# --- files -------------------------------------------------------------------------------------------


def _default_yaml() -> dict:
    import model
    from model.files.parameter_yaml import parameters_to_yaml

    return yaml.safe_load(parameters_to_yaml(model.load_parameters()))


def _yaml(doc: dict) -> bytes:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=200).encode()


def nested_yaml() -> bytes:
    """30 000 nested brackets in a field: 60 kB that made the server segfault."""
    return b"name: x\nprice_year: " + b"[" * 30_000 + b"]" * 30_000 + b"\nparameters: []\n"


def alias_yaml() -> bytes:
    """A chain of aliases (about 1 kB) that a text field would expand to a 640-megabyte unit string."""
    text = _yaml(_default_yaml()).decode()
    chain = ["a0: &a0 " + "x" * 60]
    for i in range(1, 8):
        chain.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    bomb = "x_anchors:\n" + "\n".join("  " + line for line in chain) + "\n"
    at = text.index("\n  unit: ", text.index("\nparameters:\n"))  # a parameter's unit (free text)
    end = text.index("\n", at + 1)
    return (bomb + text[:at] + "\n  unit: *a7" + text[end:]).encode()


def yaml_with_field(field: str, value: object, row: int | None = 0) -> bytes:
    """The default set as YAML with a field of one parameter (or of the set, row None) replaced."""
    doc = _default_yaml()
    target = doc if row is None else doc["parameters"][row]
    target[field] = value
    return _yaml(doc)


def duplicate_key_yaml() -> bytes:
    """A parameter whose ``value`` is given twice (the second a plausible one): the last one used to win."""
    doc = _default_yaml()
    text = _yaml(doc).decode()
    first = doc["parameters"][0]
    line = f"  value: {first['value']}\n"
    return text.replace(line, line + f"  value: {first['low']}\n", 1).encode()


def default_csv() -> str:
    import model
    from model.files.parameter_csv import parameters_to_csv

    return parameters_to_csv(model.load_parameters()).decode("utf-8-sig")


def csv_cell(name: str, column: str, text: str, **more: str) -> bytes:
    """The default set as a semicolon CSV with cells of one row replaced (``column=text`` and *more*)."""
    lines = default_csv().split("\r\n")
    header = lines[0].split(";")
    for i, line in enumerate(lines):
        if line.startswith(name + ";"):
            cells = line.split(";")
            for col, value in {column: text, **more}.items():
                cells[header.index(col)] = value
            lines[i] = ";".join(cells)
    return "\r\n".join(lines).encode()


def separators_csv() -> bytes:
    return b";;;;;;\r\n;;;;;;\r\n;;;\r\n"


def long_csv(rows: int = 20_000) -> bytes:
    lines = default_csv().split("\r\n")
    return "\r\n".join(lines + [lines[-2]] * rows).encode()


def million_row_xlsx(rows: int = 1_000_000) -> bytes:
    """A workbook of a million rows, written as raw XML (openpyxl would take minutes)."""
    sheet = io.BytesIO()
    sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main"><sheetData>')
    sheet.write(b'<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c>'
                b'<c r="B1" t="inlineStr"><is><t>value</t></is></c></row>')
    sheet.write(b"".join(b'<row r="%d"><c r="B%d"><v>1</v></c></row>' % (i, i) for i in range(2, rows + 1)))
    sheet.write(b"</sheetData></worksheet>")
    parts = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
        b'+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
        b'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        b'2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
        b'name="Parametrar" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.'
        b'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet.getvalue(),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return out.getvalue()


def nested_json() -> bytes:
    head = b'{"format": "omstallningskalkylen/scenario-v1", "name": "x", "levers": '
    return head + b"[" * 100_000 + b"]" * 100_000 + b"}"


def duplicate_key_json() -> bytes:
    return (b'{"format": "omstallningskalkylen/scenario-v1", "name": "x", "levers": '
            b'{"shift_mnkr": 10, "shift_mnkr": 99}}')


def parameter_file(data: bytes, filename: str) -> tuple[str, str]:
    """Read a parameter file as the app and the API do (bytes -> a validated set whose baseline holds)."""
    import model
    from model.files.parameter_files import parameters_from_bytes

    try:
        params = parameters_from_bytes(data, filename)
    except ValueError as exc:
        return "refused", str(exc)[:300]
    return "accepted", f"{params.name[:40]!r}, price year {params.price_year}, {len(params.parameters)} parameters, " \
        f"NPV {model.run(params, model.Scenario(shift_sek_per_year=10e6)).summary['npv_sek'] / 1e6:.1f} mnkr"


def scenario_file(data: bytes) -> tuple[str, str]:
    from model.files.scenario_json import from_json_bytes

    try:
        saved = from_json_bytes(data, "scenario.json")
    except ValueError as exc:
        return "refused", str(exc)[:300]
    return "accepted", saved.name


def _file(kind: str, name: str, make: Callable[[], bytes], filename: str) -> Case:
    return Case(kind, name, "refuse", lambda c: parameter_file(c.data, c.filename), make, filename)


def _twice_csv() -> bytes:
    return default_csv().encode() + default_csv().split("\r\n")[5].encode() + b"\r\n"


def file_cases() -> list[Case]:
    return [
        _file("YAML file", "30 000 nested brackets", nested_yaml, "nastlad.yaml"),
        _file("YAML file", "alias chain in a text field", alias_yaml, "alias.yaml"),
        _file("YAML file", "control character in a source",
              lambda: yaml_with_field("note_sv", "Socialstyrelsen\x0b2024"), "styrtecken.yaml"),
        _file("YAML file", "price_year: .inf", lambda: yaml_with_field("price_year", float("inf"), None), "inf.yaml"),
        _file("YAML file", "price_year: 3000", lambda: yaml_with_field("price_year", 3000, None), "ar3000.yaml"),
        _file("YAML file", "price_year: -5", lambda: yaml_with_field("price_year", -5, None), "minus5.yaml"),
        _file("YAML file", "a key twice in one record", duplicate_key_yaml, "dubbel.yaml"),
        _file("YAML file", "a name that is a list", lambda: yaml_with_field("name", ["a", "b"], None),
              "namnlista.yaml"),
        _file("YAML file", "a name of 10 000 characters", lambda: yaml_with_field("name", "x" * 10_000, None),
              "lang.yaml"),
        _file("CSV file", "only separators", separators_csv, "separatorer.csv"),
        _file("CSV file", "6.500 in a semicolon file",
              lambda: csv_cell("care.hvb.cost_per_day", "value", "6.500", low="1"), "punkt.csv"),
        _file("CSV file", "a control character in a cell",
              lambda: csv_cell("care.hvb.cost_per_day", "note_sv", "a\x07b"), "styrtecken.csv"),
        _file("CSV file", "a parameter in two rows", _twice_csv, "dubbelrad.csv"),
        _file("CSV file", "20 000 rows", long_csv, "lang.csv"),
        _file("XLSX file", "a million rows", million_row_xlsx, "miljon.xlsx"),
    ]


def scenario_file_cases() -> list[Case]:
    run = lambda c: scenario_file(c.data)  # noqa: E731
    return [
        Case("Scenario file", "100 000 nested brackets", "refuse", run, nested_json, "nastlad.json"),
        Case("Scenario file", "a key twice", "refuse", run, duplicate_key_json, "dubbel.json"),
    ]


# --- the command line --------------------------------------------------------------------------------


def cli(args: list[str]) -> tuple[str, str]:
    """Run the command line in this process; exit 2 with a message is a refusal."""
    from model.cli import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(args)
        except SystemExit as exc:  # argparse's own refusal
            code = exc.code
    text = err.getvalue().strip()
    if code == 0:
        return "accepted", "exit 0"
    if code == 2 and text and "Traceback" not in text:
        return "refused", text.splitlines()[-1][:300]
    raise RuntimeError(f"exit {code}: {text[-300:]}")


def cli_cases() -> list[Case]:
    out = str(Path(tempfile.gettempdir()) / "hostile-out.csv")
    return [
        Case("Command line", "--parameters /dev/zero", "refuse", lambda _: cli(["run", "--parameters", "/dev/zero",
                                                                             "-o", out])),
        Case("Command line", "an unwritable --output", "refuse",
             lambda _: cli(["run", "--shift-mnkr", "10", "-o", "/proc/omstallning/nej.xlsx"])),
        Case("Command line", "control characters in --name", "refuse",
             lambda _: cli(["run", "--shift-mnkr", "10", "--name", "a\x1b[2Jb\x07", "-o", out + ".xlsx"])),
        Case("Command line", "a measure twice in --mix", "refuse",
             lambda _: cli(["run", "--shift-mnkr", "10", "--mix", "family_homes=0.5,family_homes=0.5", "-o", out])),
    ]


# --- the Python API ----------------------------------------------------------------------------------


def api_scenario(**kwargs: object) -> tuple[str, str]:
    import model

    try:
        scenario = model.Scenario(**kwargs)
    except ValueError as exc:
        return "refused", str(exc)[:300]
    result = model.run(model.load_parameters(), scenario)  # an accepted scenario must run to the end
    return "accepted", f"NPV {result.summary['npv_sek'] / 1e6:.1f} mnkr, name {scenario.name[:20]!r}"


def api_cases() -> list[Case]:
    mix = {"family_homes": True}
    return [
        Case("Python API", "horizon_years=10.0", "accept", lambda _: api_scenario(horizon_years=10.0)),
        Case("Python API", "True as a share", "refuse", lambda _: api_scenario(shift_sek_per_year=1e7, mix=mix)),
        Case("Python API", "a name that is a number", "refuse", lambda _: api_scenario(name=123)),
        Case("Python API", "a name of 10 000 characters", "refuse", lambda _: api_scenario(name="x" * 10_000)),
        Case("Python API", "a control character in a name", "refuse", lambda _: api_scenario(name="a\x07")),
    ]


# --- links -------------------------------------------------------------------------------------------


def link(query: dict[str, str]) -> tuple[str, str]:
    """Open the app with *query* (AppTest); a warning that shows the value escaped is a refusal.

    Accepted wrongly: the value is taken, or a message renders the link's text as
    Markdown (a link or an image the victim's browser would fetch).
    """
    from streamlit.testing.v1 import AppTest  # noqa: TID251 - the app, driven as a user would

    app = AppTest.from_file(str(Path(os.environ.get("OMSTALLNING_APP", "app.py")).resolve()), default_timeout=120)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    if app.exception:
        raise RuntimeError(app.exception[0].message[:300])
    texts = [w.body for w in app.warning]
    raw = [text for text in texts if f"]({'http'}" in text or "](http" in text]
    if raw:
        return "accepted", "rendered as Markdown: " + raw[0][:200]
    if not texts:
        return "accepted", "no message"
    return "refused", texts[0][:300]


def link_cases() -> list[Case]:
    return [
        Case("Link", "?kommun=![](http://…)", "refuse", lambda _: link({"kommun": IMAGE})),
        Case("Link", "?lang=[Klicka](http://…)", "refuse", lambda _: link({"lang": LINK})),
        Case("Link", "?mix_[x](http://…)=10", "refuse", lambda _: link({f"mix_[x](http://{HOSTILE_HOST})": "10"})),
        Case("Link", "?shift_mnkr=1_0", "refuse", lambda _: link({"shift_mnkr": "1_0"})),
        Case("Link", "?horizon=10,0", "refuse", lambda _: link({"horizon": "10,0"})),
    ]


def all_cases() -> list[Case]:
    return [*file_cases(), *scenario_file_cases(), *cli_cases(), *api_cases(), *link_cases()]


def outcome(case: Case) -> tuple[str, str]:
    """What happens to *case* in this process (raises on a crash)."""
    return case.run(case)
