"""Every shipped value can be followed to a publication (issue 10, "Sources a reader can follow").

A parameter or a measure cites ids of the bibliography (data/sources.yaml) in
``sources`` and says in ``note_sv`` / ``note_en`` how the value follows from
them. A value found in or derived from a source (status F or D) cites at least
one id; only an estimate (E) may cite none. The loader refuses a value that
breaks either rule, in every file format, with a message naming the field and
the id; the files people download carry the full citations.
"""

from __future__ import annotations

import io

import pytest
import yaml
from openpyxl import load_workbook

import model
from model.area import area_ids
from model.bibliography import bibliography
from model.resources import DATA_DIR
from model.text.i18n import t

HVB = "care.hvb.cost_per_day"
#: Every area's presets (the employment area's too): (area, preset).
ALL_PRESETS = [(area, preset) for area in area_ids() for preset in model.presets(area)]


@pytest.fixture(scope="module")
def entries() -> dict[str, dict]:
    data = yaml.safe_load((DATA_DIR / "sources.yaml").read_text(encoding="utf-8"))
    return {e["id"]: e for e in data["sources"]}


@pytest.mark.parametrize(("area", "preset"), ALL_PRESETS)
def test_every_parameter_cites_ids_that_resolve_and_says_how_in_both_languages(area, preset, entries):
    params = model.load_parameters(preset=preset, area=area)
    uncited = [p.name for p in params.parameters if p.status in ("F", "D") and not p.sources]
    assert uncited == []
    unknown = {i for p in params.parameters for i in p.sources} - entries.keys()
    assert unknown == set()
    assert [p.name for p in params.parameters if not (p.note_sv and p.note_en)] == []


@pytest.mark.parametrize(("area", "preset"), ALL_PRESETS)
def test_every_measure_cites_its_evidence(area, preset, entries):
    for m in model.load_parameters(preset=preset, area=area).measures:
        assert m.sources and set(m.sources) <= entries.keys(), m.id
        assert m.note_sv and m.note_en, m.id


def test_every_bibliography_entry_says_where_to_find_it(entries):
    for key, entry in entries.items():
        assert entry.get("title") and (entry.get("publisher") or entry.get("author")), key
        assert entry.get("url") or entry.get("document") or entry.get("note"), key


def test_a_full_citation_names_author_year_title_and_address():
    skr = bibliography()["riksrevisionen_2024_7"]
    text = skr.citation()
    assert skr.author in text and str(skr.year) in text and skr.title in text
    assert (skr.url or skr.document) in text


def test_no_text_in_data_points_outside_the_product():
    for path in DATA_DIR.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "parameter-sources" not in text and "§" not in text and "../shared" not in text, path


# --- the loader refuses -------------------------------------------------------------------------------


def _yaml_with(default_params, **fields) -> str:
    doc = yaml.safe_load(model.files.parameter_yaml.parameters_to_yaml(default_params))
    row = next(r for r in doc["parameters"] if r["name"] == HVB)
    row.update(fields)
    return yaml.safe_dump(doc, allow_unicode=True)


def test_a_found_value_without_a_source_id_is_refused_with_a_swedish_message_naming_it(default_params):
    text = _yaml_with(default_params, status="F", sources=[])
    with pytest.raises(model.ParameterError) as err:
        model.files.parameter_yaml.parameters_from_yaml(text)
    assert err.value.code == "missing_source" and err.value.field == f"{HVB} (sources)"
    sv = t(f"error.{err.value.code}", "sv", field=err.value.field, **err.value.details)
    assert HVB in sv and "käll-id" in sv and "uppskattning" in sv


def test_an_estimate_may_cite_no_source(default_params):
    text = _yaml_with(default_params, status="E", sources=[])
    back = model.files.parameter_yaml.parameters_from_yaml(text)
    assert back[HVB].sources == () and back[HVB].status == "E"


def test_an_id_not_in_the_bibliography_is_refused_naming_the_parameter_and_the_id(default_params):
    text = _yaml_with(default_params, sources=["riksrevisionen_2024_7", "ingen_sadan_kalla"])
    with pytest.raises(model.ParameterError) as err:
        model.files.parameter_yaml.parameters_from_yaml(text)
    assert err.value.code == "unknown_source" and err.value.details["value"] == "ingen_sadan_kalla"
    sv = t(f"error.{err.value.code}", "sv", field=err.value.field, **err.value.details)
    assert HVB in sv and "ingen_sadan_kalla" in sv and "källförteckningen" in sv


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_tables_refuse_an_unknown_id_too(default_params, tmp_path, suffix):
    path = model.save_parameters(default_params, tmp_path / f"kommun{suffix}")
    assert model.load_parameters(path) == default_params  # lossless, ids and notes included
    if suffix == ".csv":
        rows = path.read_text(encoding="utf-8-sig").splitlines()
        rows = [r.replace(", ".join(default_params[HVB].sources), "okand_kalla_2099") if r.startswith(HVB) else r
                for r in rows]
        path.write_text("\n".join(rows), encoding="utf-8")
    else:
        wb = load_workbook(path)
        ws = wb["Parametrar"]
        header = [c.value for c in ws[1]]
        row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == HVB)
        row[header.index("sources")].value = "okand_kalla_2099"
        wb.save(path)
    with pytest.raises(model.ParameterError) as err:
        model.load_parameters(path)
    assert err.value.code == "unknown_source" and HVB in err.value.field
    assert err.value.details["value"] == "okand_kalla_2099"


def test_a_measure_citing_an_unknown_id_is_refused(default_params):
    doc = yaml.safe_load(model.files.parameter_yaml.parameters_to_yaml(default_params))
    doc["measures"][0]["sources"] = ["finns_inte"]
    with pytest.raises(model.ParameterError) as err:
        model.files.parameter_yaml.parameters_from_yaml(yaml.safe_dump(doc, allow_unicode=True))
    assert err.value.code == "unknown_source" and err.value.field == f"measures.{doc['measures'][0]['id']}.sources"


def test_a_file_of_the_earlier_format_is_read_ids_from_its_brackets(default_params):
    """One English ``source`` text with [ids] (files saved before issue 10): ids + note_en."""
    doc = yaml.safe_load(model.files.parameter_yaml.parameters_to_yaml(default_params))
    row = next(r for r in doc["parameters"] if r["name"] == HVB)
    for key in ("sources", "note_sv", "note_en"):
        row.pop(key, None)
    row["source"] = "E: Motala 4 500 kr/day [corren_motala_2018]; Falun [socialkraft_falun_2021, dn_hvb_allt_dyrare]"
    p = model.files.parameter_yaml.parameters_from_yaml(yaml.safe_dump(doc, allow_unicode=True))[HVB]
    assert p.sources == ("corren_motala_2018", "socialkraft_falun_2021", "dn_hvb_allt_dyrare")
    assert p.note_en == "E: Motala 4 500 kr/day; Falun" and p.note_sv == ""
    row["source"] = "F: a number [nowhere_2020]"
    with pytest.raises(model.ParameterError) as err:
        model.files.parameter_yaml.parameters_from_yaml(yaml.safe_dump(doc, allow_unicode=True))
    assert err.value.code == "unknown_source"


# --- the files people download carry full citations ------------------------------------------------------


def test_the_parameter_workbook_has_a_sheet_of_full_citations(default_params):
    wb = load_workbook(io.BytesIO(model.files.parameter_xlsx.parameters_to_xlsx(default_params)))
    rows = list(wb["Källor"].iter_rows(values_only=True))
    assert rows[0] == ("id", "citation")
    cited = {i for p in default_params.parameters for i in p.sources} | {
        i for m in default_params.measures for i in m.sources
    }
    assert {r[0] for r in rows[1:]} == cited
    assert dict(r for r in rows[1:])["riksrevisionen_2024_7"] == bibliography()["riksrevisionen_2024_7"].citation()


def test_a_yaml_parameter_file_lists_the_full_citations_it_cites(default_params):
    doc = yaml.safe_load(model.files.parameter_yaml.parameters_to_yaml(default_params))
    assert doc["bibliography"]["riksrevisionen_2024_7"] == bibliography()["riksrevisionen_2024_7"].citation()
    assert set(doc["bibliography"]) == {i for r in doc["parameters"] + doc["measures"] for i in r["sources"]}
