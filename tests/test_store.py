"""The scenario store on a temporary database: save, open, list, rename, duplicate, delete, migrate.

Every test runs on SQLite in ``tmp_path`` and on PostgreSQL at
``OMSTALLNING_TEST_PG_URL`` (a database the tests may empty, e.g.
``postgresql+psycopg://kalkyl:kalkyl@127.0.0.1/kalkyl_test``; ``.ci/run``
starts one). Without that URL the PostgreSQL cases are skipped, except in CI.
"""

from __future__ import annotations

import json
import sqlite3

import pytest
import sqlalchemy as sa

import model
from model.errors import ScenarioFileError
from model.files import scenario_db
from model.files import scenario_store as store_module
from model.files.document import params_hash
from model.files.scenario_db import MIGRATIONS, parameter_sets, scenarios
from model.files.scenario_store import ScenarioNotFound, ScenarioStore, is_valid_id
from model.levers import levers_from_scenario


@pytest.fixture(scope="module")
def changed(default_params) -> model.Parameters:
    return default_params.with_values({"care.hvb.cost_per_day": 9000, "measure.parent_training.risk_reduction": 0.1})


SCENARIO = model.Scenario(shift_sek_per_year=20e6, ramp_years=2, start_year=2028)


def test_sqlite_file_and_folder_are_created_on_first_use_in_wal_mode(tmp_path):
    path = tmp_path / "var" / "sub" / "scenarios.db"
    s = ScenarioStore(f"sqlite:///{path}")
    assert path.exists()
    with s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == scenario_db.BUSY_TIMEOUT_MS
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert s.schema_version() == len(MIGRATIONS)
    s.dispose()


def test_configured_url_comes_from_the_environment_or_defaults_to_var(monkeypatch):
    monkeypatch.delenv(scenario_db.ENV_URL, raising=False)
    assert scenario_db.configured_url() == scenario_db.DEFAULT_URL
    assert scenario_db.DEFAULT_URL.endswith("/var/scenarios.db")
    monkeypatch.setenv(scenario_db.ENV_URL, "sqlite:////tmp/x.db")
    assert scenario_db.configured_url() == "sqlite:////tmp/x.db"
    assert scenario_db.configured_url("sqlite:///given.db") == "sqlite:///given.db"


def test_save_and_open_keeps_levers_parameters_note_and_numbers(store, default_params):
    sid = store.save("Majoritetens förslag", SCENARIO, default_params, note="Två års upptrappning.")
    assert is_valid_id(sid)
    saved = store.get(sid)
    assert saved.id == sid
    assert saved.name == "Majoritetens förslag"
    assert saved.note == "Två års upptrappning."
    assert saved.params == default_params
    assert not saved.params_changed and saved.upgraded == ()
    assert saved.scenario == SCENARIO.with_(name="Majoritetens förslag")
    assert saved.levers_dict == levers_from_scenario(SCENARIO, default_params)
    assert saved.created_at is not None and saved.created_at == saved.updated_at
    before = model.run(default_params, SCENARIO).summary
    after = model.run(saved.params, saved.scenario).summary
    assert after == before  # exactly the same numbers


def test_a_changed_parameter_set_is_kept_exactly_and_stored_once(store, default_params, changed):
    first = store.save("Dyrare HVB", SCENARIO, changed)
    store.save("Dyrare HVB igen", SCENARIO.with_(shift_sek_per_year=5e6), changed)
    store.save("Standard", SCENARIO, default_params)
    saved = store.get(first)
    assert saved.params == changed and saved.params_changed
    assert saved.params.value("care.hvb.cost_per_day") == 9000
    assert model.run(saved.params, saved.scenario).summary == model.run(changed, SCENARIO).summary
    with store.engine.connect() as conn:
        n_sets = conn.execute(sa.select(sa.func.count()).select_from(parameter_sets)).scalar_one()
    assert n_sets == 2  # content-addressed: one row per distinct set


def test_levers_are_kept_as_the_sidebar_had_them(store, default_params):
    levers = {"shift_mnkr": 12.5, "ramp_years": 3, "horizon": 8, "start_year": 2029, "discount_pct": 3.0,
              "mix_family_homes": 50, "mix_parent_training": 25, "mix_early_intervention": 25}
    from model.files.scenario_json import scenario_from_levers

    scenario = scenario_from_levers(levers, default_params)
    sid = store.save("Från sidofältet", scenario, default_params, levers=levers)
    saved = store.get(sid)
    assert {k: saved.levers_dict[k] for k in levers} == levers
    with pytest.raises(ScenarioFileError) as err:
        store.save("Fel", scenario.with_(ramp_years=1), default_params, levers=levers)
    assert err.value.code == "mismatch"
    with pytest.raises(ScenarioFileError) as err:
        store.save("Fel", scenario, default_params, levers={**levers, "horizon": 99})
    assert err.value.field == "levers.horizon" and err.value.code == "out_of_range"


def test_list_is_most_recent_first_and_search_is_literal(store, default_params):
    a = store.save("Alfa 100%", SCENARIO, default_params)
    b = store.save("Beta_2", SCENARIO, default_params)
    c = store.save("Gamma", SCENARIO, default_params)
    assert [i.id for i in store.list()] == [c, b, a]
    assert [i.id for i in store.list(limit=2)] == [c, b]
    assert [i.id for i in store.list(search="ALFA")] == [a]
    assert [i.id for i in store.list(search="%")] == [a]  # % is a character, not a wildcard
    assert [i.id for i in store.list(search="a_")] == [b]
    info = store.list(search="gamma")[0]
    assert info.shift_sek_per_year == 20e6 and info.horizon_years == 10 and info.preset == "default"
    store.rename(a, "Alfa omdöpt")
    assert store.list()[0].id == a  # renaming counts as a change


def test_rename_note_duplicate_delete(store, default_params, changed):
    sid = store.save("Original", SCENARIO, changed, note="Första")
    store.rename(sid, "  Nytt   namn ")
    store.set_note(sid, "Andra")
    saved = store.get(sid)
    assert (saved.name, saved.note) == ("Nytt namn", "Andra")
    assert saved.updated_at >= saved.created_at
    copy = store.duplicate(sid, "Kopia av Nytt namn")
    dup = store.get(copy)
    assert copy != sid and dup.name == "Kopia av Nytt namn"
    assert dup.params == saved.params and dup.scenario == saved.scenario.with_(name=dup.name)
    assert store.count() == 2
    assert store.delete(sid) is True
    assert store.delete(sid) is False
    with pytest.raises(ScenarioNotFound):
        store.get(sid)
    with pytest.raises(ScenarioNotFound):
        store.rename(sid, "x")
    with pytest.raises(ScenarioNotFound):
        store.duplicate(sid, "x")
    assert store.get(copy).params == changed  # the copy keeps the shared parameter set


@pytest.mark.parametrize("bad", ["", "   ", "\n\t", "x" * 121, 42])
def test_a_name_must_be_text_of_1_to_120_characters(store, default_params, bad):
    with pytest.raises(ScenarioFileError) as err:
        store.save(bad, SCENARIO, default_params)
    assert err.value.field == "name"
    assert store.count() == 0


def test_names_and_notes_are_cleaned_of_control_characters(store, default_params):
    sid = store.save("Förslag\x00 A\x1b", SCENARIO, default_params, note="rad 1\nrad 2\x07")
    saved = store.get(sid)
    assert saved.name == "Förslag A" and saved.note == "rad 1\nrad 2"


@pytest.mark.parametrize("bad", ["nonexistent", "../etc/passwd", "' OR 1=1 --", "", "A" * 40, None])
def test_unknown_or_malformed_ids_are_not_found(store, bad):
    with pytest.raises(ScenarioNotFound):
        store.get(bad)


def test_an_older_schema_is_migrated_and_keeps_its_scenarios(tmp_path, default_params, monkeypatch):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = ScenarioStore(url)
    sid = old.save("Sparad i version 1", SCENARIO, default_params)
    old.dispose()

    def add_author(conn):  # a future migration 2
        conn.exec_driver_sql("ALTER TABLE scenarios ADD COLUMN author VARCHAR(120) NOT NULL DEFAULT ''")

    monkeypatch.setattr(store_module, "MIGRATIONS", (*MIGRATIONS, add_author))
    new = ScenarioStore(url)
    assert new.schema_version() == len(MIGRATIONS) + 1
    assert new.get(sid).name == "Sparad i version 1"
    with new.engine.connect() as conn:
        assert "author" in {c["name"] for c in sa.inspect(conn).get_columns("scenarios")}
    ScenarioStore(url).dispose()  # opening again is a no-op
    new.dispose()


def test_a_scenario_saved_before_the_parameter_set_gained_a_field_still_opens(store, default_params):
    sid = store.save("Gammalt", SCENARIO, default_params)
    digest = params_hash(default_params)
    with store.engine.begin() as conn:
        doc = json.loads(conn.execute(sa.select(parameter_sets.c.document)).scalar_one())
        doc["parameters"] = [p for p in doc["parameters"] if p["name"] != "economics.real_cost_growth"]
        conn.execute(sa.update(parameter_sets).where(parameter_sets.c.sha256 == digest)
                     .values(document=json.dumps(doc)))
    saved = store.get(sid)
    assert saved.upgraded == ("economics.real_cost_growth",)
    assert saved.params.value("economics.real_cost_growth") == default_params.value("economics.real_cost_growth")
    assert model.run(saved.params, saved.scenario).summary == model.run(default_params, SCENARIO).summary


def test_a_saved_scenario_keeps_its_values_when_the_preset_is_updated(store, default_params, monkeypatch):
    sid = store.save("På standardvärdena", SCENARIO, default_params)
    assert not store.preset_updated(store.get(sid))
    updated = default_params.with_values({"care.sis.cost_per_day": 9500})
    from model.files import presets as scenario_file

    monkeypatch.setattr(scenario_file, "_preset_cached", lambda preset, stamp: updated)
    saved = store.get(sid)
    assert saved.params == default_params  # what it was computed with, not today's default
    assert store.preset_updated(saved)


def test_rows_are_plain_portable_columns(store, default_params):
    sid = store.save("Portabel", SCENARIO, default_params)
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(scenarios).where(scenarios.c.id == sid)).mappings().one()
    assert json.loads(row["levers"])["shift_mnkr"] == 20.0
    assert json.loads(row["scenario"])["ramp_years"] == 2
    assert row["preset"] == "default" and len(row["params_sha256"]) == 64


def test_the_sqlite_file_is_a_normal_database(tmp_path, default_params):
    path = tmp_path / "plain.db"
    s = ScenarioStore(f"sqlite:///{path}")
    s.save("Läsbar", SCENARIO, default_params)
    s.dispose()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM scenarios").fetchall() == [("Läsbar",)]
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _as_before_issue_9(doc: dict) -> dict:
    """A whole-set document as the model wrote it before issue 9: no placement review, no age groups,
    evidence classes, target-group shares, deadweight or recruitment realism; placement risks and stay
    reductions of preventive measures instead."""
    new_fields = {"at_risk_share", "deadweight", "lead_time_months", "occupancy", "non_substitutable_share",
                  "own_home_cost_per_day"}
    rows = [r for r in doc["parameters"]
            if not r["name"].startswith(("starts.", "evidence.", "measure.placement_review."))
            and r["name"].rsplit(".", 1)[-1] not in new_fields]
    measures = []
    for m in doc["measures"]:
        if m["id"] == "placement_review":
            continue
        m = {k: v for k, v in m.items() if k not in ("age_groups", "evidence_class")}
        m["stay_targets"] = ["hvb", "sis"] if m["id"] == "early_intervention" else []
        if m["mechanism"] == "prevention":
            rows.append({"name": f"measure.{m['id']}.placement_risk_per_year", "value": 0.05, "unit": "andel/år",
                         "low": 0.01, "high": 0.1, "source": "E"})
            rows.append({"name": f"measure.{m['id']}.stay_reduction", "value": 0.1, "unit": "andel",
                         "low": 0.0, "high": 0.2, "source": "E"})
        measures.append(m)
    return {**doc, "parameters": rows, "measures": measures}


def test_a_scenario_saved_before_issue_9_still_opens_upgraded(store, default_params):
    """Its retired fields are dropped, the new ones come from the preset, its measures get their age groups."""
    sid = store.save("Före granskningen", SCENARIO.with_(mix={"family_homes": 0.5, "early_intervention": 0.5}),
                     default_params)
    digest = params_hash(default_params)
    with store.engine.begin() as conn:
        doc = _as_before_issue_9(json.loads(conn.execute(sa.select(parameter_sets.c.document)).scalar_one()))
        conn.execute(sa.update(parameter_sets).where(parameter_sets.c.sha256 == digest)
                     .values(document=json.dumps(doc)))
        row = json.loads(conn.execute(sa.select(scenarios.c.scenario)).scalar_one())
        row.pop("evidence_level")  # nor did a scenario have an evidence level
        levers = json.loads(conn.execute(sa.select(scenarios.c.levers)).scalar_one())
        levers.pop("evidence")
        conn.execute(sa.update(scenarios).values(scenario=json.dumps(row), levers=json.dumps(levers)))
    saved = store.get(sid)
    assert "measure.early_intervention.at_risk_share" in saved.upgraded
    assert "measure.family_homes.non_substitutable_share" in saved.upgraded
    assert "measure.early_intervention.stay_reduction" not in saved.params
    assert saved.params.measure("early_intervention").age_groups == (("age_0_12", 0.6), ("age_13_17", 0.4))
    assert "placement_review" not in saved.params.measure_ids  # a measure it did not have stays out
    assert saved.scenario.evidence_level == "central" and saved.levers_dict["evidence"] == "central"
    assert model.run(saved.params, saved.scenario).summary.net_total_sek != 0
