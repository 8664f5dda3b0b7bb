"""The Excel download opens in LibreOffice Calc without errors, and its sheets hold the figures (issue 10).

``soffice --headless --convert-to csv`` with the CSV filter's options
(``Text - txt - csv (StarCalc)``; the twelfth token ``-1`` writes every sheet
to its own file, LibreOffice 7.2 and later) converts the workbook the
overview downloads. Skipped where LibreOffice is not installed, and failing
instead when ``CI=true`` (``.ci/run`` installs Debian's ``libreoffice-calc``).
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

import model
from model.files.result_export import to_xlsx_bytes
from model.levers import default_levers, scenario_from_levers
from model.resources import DATA_DIR
from model.text.budget_text import budget_statement
from model.text.i18n import t

#: Comma-separated, '"'-quoted, UTF-8 (76), from line 1, cells as shown, every sheet (-1).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
TIMEOUT_S = 240  # a first start of LibreOffice on a loaded machine


@pytest.fixture(scope="module")
def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("soffice (Debian's libreoffice-calc) is required in CI: .ci/run installs it")
        pytest.skip("LibreOffice (soffice) is not installed")
    return path


@pytest.fixture(scope="module")
def result() -> model.Result:
    params = model.load_parameters()
    return model.run(params, scenario_from_levers(default_levers(params), params))


def convert(soffice: str, xlsx: list[Path], out: Path) -> subprocess.CompletedProcess:
    """Every sheet of each *xlsx* to ``<stem>-<sheet>.csv`` in *out*, in one start of LibreOffice, with a profile
    of its own (no shared lock)."""
    profile = (out / "profile").as_uri()
    return subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", CSV_FILTER, "--outdir", str(out), *map(str, xlsx)],
        capture_output=True, text=True, timeout=TIMEOUT_S, check=False,
    )


LANGUAGES = ("sv", "en")


@pytest.fixture(scope="module")
def folder(soffice, result, tmp_path_factory) -> Path:
    """The download in each language, converted by one LibreOffice (a start costs seconds; a file, little)."""
    folder = tmp_path_factory.mktemp("lo")
    files = [folder / f"scenario_{language}.xlsx" for language in LANGUAGES]
    for language, xlsx in zip(LANGUAGES, files, strict=True):
        xlsx.write_bytes(to_xlsx_bytes(result, language))
    done = convert(soffice, files, folder)
    assert done.returncode == 0, done.stderr
    assert "error" not in (done.stdout + done.stderr).lower(), done.stdout + done.stderr
    return folder


@pytest.fixture(scope="module", params=LANGUAGES)
def converted(request, folder) -> tuple[str, dict[str, list[list[str]]]]:
    language = request.param
    sheets = {}
    for path in folder.glob(f"scenario_{language}-*.csv"):
        with path.open(encoding="utf-8", newline="") as f:
            sheets[path.stem.removeprefix(f"scenario_{language}-")] = list(csv.reader(f))
    return language, sheets


def tkr(text: str) -> int:
    """A whole-tkr cell as LibreOffice shows it ("56,070", "-4 792", "−4792")."""
    return int(text.replace(",", "").replace("\u00a0", "").replace(" ", "").replace("\u2212", "-"))


def rows_after(rows: list[list[str]], first_cell: str) -> list[list[str]]:
    """The rows under the header row that starts with *first_cell*."""
    start = next(i for i, r in enumerate(rows) if r and r[0] == first_cell)
    return [r for r in rows[start + 1 :] if r and r[0]]


def test_every_sheet_of_the_download_opens(converted):
    language, sheets = converted
    expected = {t(f"export.sheet.{k}", language) for k in ("summary", "yearly", "assumptions", "mechanisms",
                                                            "budget_lines", "payers", "bibliography", "data")}
    assert set(sheets) == expected
    assert all(len(rows) > 1 for rows in sheets.values())


def test_the_budget_sheet_holds_the_statement_and_every_line(converted, result):
    language, sheets = converted
    rows = sheets[t("export.sheet.budget_lines", language)]
    assert [budget_statement(result.budget_lines, language)] in [[r[0]] for r in rows]
    body = rows_after(rows, t("col.year", language))
    lines = result.budget_lines
    assert len(body) == len(lines)
    for shown, (_, line) in zip(body, lines.iterrows(), strict=True):
        assert int(shown[0]) == line["year"] and shown[1] == t(f"budget_line.{line['line']}", language)
        assert [tkr(x) for x in shown[2:5]] == [round(line[c] / 1e3) for c in ("budget_sek", "outcome_sek",
                                                                                "deviation_sek")]
        assert shown[5] == t("common.yes" if line["holds"] else "common.no", language)


def test_the_payers_sheet_holds_each_payer_per_year(converted, result):
    language, sheets = converted
    body = rows_after(sheets[t("export.sheet.payers", language)], t("col.year", language))
    payers = result.by_payer
    assert len(body) == len(payers)
    for shown, (_, p) in zip(body, payers.iterrows(), strict=True):
        assert shown[1] == t(f"payer.{p['payer']}", language)
        assert [tkr(x) for x in shown[2:5]] == [round(p[c] / 1e3) for c in ("cost_baseline_sek", "cost_scenario_sek",
                                                                             "net_sek")]


def test_the_bibliography_sheet_lists_every_source(converted):
    language, sheets = converted
    rows = sheets[t("export.sheet.bibliography", language)]
    entries = yaml.safe_load((DATA_DIR / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    assert rows[0][0] == t("bibliography.col.id", language)
    assert [r[0] for r in rows[1:]] == [e["id"] for e in entries]
    riksrevisionen = next(r for r in rows if r[0] == "riksrevisionen_2024_7")
    assert "SiS särskilda ungdomshem" in riksrevisionen[2] and riksrevisionen[3] == "2024"
    assert "riksrevisionen.se" in riksrevisionen[5]


def test_the_summary_states_the_budget_in_words(converted, result):
    language, sheets = converted
    summary = {r[0]: r[1] for r in sheets[t("export.sheet.summary", language)] if len(r) > 1 and r[0]}
    assert summary[t("summary.budget_holds", language)] == budget_statement(result.budget_lines, language)
