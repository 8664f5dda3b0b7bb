"""Who may change a saved scenario, the audit log, and the migration that gave old scenarios an owner.

On SQLite and on PostgreSQL (the ``url`` fixture of ``tests/conftest.py``). Two
signed-in users (Anna, Bertil), an administrator by role, and the single-user
mode; the browser test (tests/browser/test_sign_in.py) drives the same rules
through st.login.
"""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

import model
from model.files.ownership import SINGLE_USER, Actor, NotAllowed, record_hash
from model.files.scenario_db import OWNER_UNKNOWN, audit_log, make_engine, scenarios, schema_version
from model.files.scenario_store import ScenarioStore

ANNA = Actor("anna@kommun.se")
BERTIL = Actor("bertil@kommun.se")
ADMIN = Actor("controller@kommun.se", admin=True)
SCENARIO = model.Scenario(shift_sek_per_year=20e6, ramp_years=2, start_year=2028)


def test_the_owner_changes_others_open_and_copy_but_may_not_change(store, default_params):
    sid = store.save("Annas förslag", SCENARIO, default_params, "Anteckning", actor=ANNA)
    assert store.owner(sid) == ANNA.id
    assert {i.id: i.owner for i in store.list()}[sid] == ANNA.id
    # Bertil may open and copy ...
    assert store.get(sid).name == "Annas förslag"
    copy = store.duplicate(sid, "Bertils kopia", actor=BERTIL)
    assert store.owner(copy) == BERTIL.id
    # ... but not rename, update or delete Anna's scenario.
    for change in (
        lambda: store.rename(sid, "Kapat", actor=BERTIL),
        lambda: store.set_note(sid, "Ersatt", actor=BERTIL),
        lambda: store.update(sid, SCENARIO.with_(shift_sek_per_year=1e6), default_params, actor=BERTIL),
        lambda: store.delete(sid, actor=BERTIL),
    ):
        with pytest.raises(NotAllowed) as err:
            change()
        assert err.value.owner == ANNA.id
    saved = store.get(sid)
    assert (saved.name, saved.note, saved.scenario) == ("Annas förslag", "Anteckning", SCENARIO.with_(name=saved.name))
    # Anna may.
    store.rename(sid, "Annas nya namn", actor=ANNA)
    store.update(sid, SCENARIO.with_(shift_sek_per_year=5e6), default_params, actor=ANNA)
    assert store.get(sid).scenario.shift_sek_per_year == 5e6
    assert store.delete(sid, actor=ANNA)
    assert sid not in store.ids()


def test_a_configured_role_may_change_everyones_scenarios(store, default_params):
    sid = store.save("Annas", SCENARIO, default_params, actor=ANNA)
    store.set_note(sid, "Granskat", actor=ADMIN)
    store.rename(sid, "Annas (granskat)", actor=ADMIN)
    assert store.owner(sid) == ANNA.id  # an administrator's change does not take the scenario over
    assert store.delete(sid, actor=ADMIN)


def test_single_user_mode_owns_nothing_and_may_change_everything(store, default_params):
    sid = store.save("Utan inloggning", SCENARIO, default_params)
    assert store.owner(sid) == OWNER_UNKNOWN == SINGLE_USER.id == "okänd"
    annas = store.save("Annas", SCENARIO, default_params, actor=ANNA)
    store.rename(annas, "Ändrat utan inloggning")  # SINGLE_USER is an administrator
    with pytest.raises(NotAllowed):
        store.rename(sid, "Anna tar över", actor=ANNA)  # a signed-in user may not change an "okänd" scenario


def test_every_change_is_in_the_audit_log_with_hashes_before_and_after(store, default_params):
    sid = store.save("Annas", SCENARIO, default_params, actor=ANNA)
    copy = store.duplicate(sid, "Bertils kopia", actor=BERTIL)
    store.rename(sid, "Annas v2", actor=ANNA)
    store.set_note(sid, "Ny anteckning", actor=ADMIN)
    store.update(sid, SCENARIO.with_(ramp_years=3), default_params, actor=ANNA)
    with pytest.raises(NotAllowed):
        store.delete(sid, actor=BERTIL)  # refused: no row
    store.delete(sid, actor=ANNA)

    rows = list(reversed(store.audit()))  # oldest first
    assert [(r.action, r.actor, r.scenario_id) for r in rows] == [
        ("save", ANNA.id, sid),
        ("copy", BERTIL.id, copy),
        ("rename", ANNA.id, sid),
        ("update", ADMIN.id, sid),
        ("update", ANNA.id, sid),
        ("delete", ANNA.id, sid),
    ]
    assert rows[0].before_sha256 is None and rows[-1].after_sha256 is None
    # Each change starts from the record the previous one left.
    history = [r for r in rows if r.scenario_id == sid]
    for earlier, later in zip(history, history[1:], strict=False):
        assert later.before_sha256 == earlier.after_sha256
    assert all(r.before_sha256 != r.after_sha256 for r in history)
    assert history[2].scenario_name == "Annas v2" and history[2].owner == ANNA.id
    # The owner's page lists the rows about her scenarios and her own actions; Bertil sees his.
    assert {r.action for r in store.audit(owner=ANNA.id)} == {"save", "rename", "update", "delete"}
    assert [(r.action, r.scenario_id) for r in store.audit(owner=BERTIL.id)] == [("copy", copy)]


def test_the_hash_is_of_the_record_not_of_when_it_was_changed(store, default_params):
    sid = store.save("Annas", SCENARIO, default_params, actor=ANNA)
    with store.engine.connect() as conn:
        row = dict(conn.execute(sa.select(scenarios).where(scenarios.c.id == sid)).mappings().one())
    assert store.audit()[0].after_sha256 == record_hash(row) == record_hash({**row, "updated_at": None})
    assert record_hash({**row, "note": "x"}) != record_hash(row)


def _version_1_database(url: str, params: model.Parameters) -> str:
    """A database as version 1 of the store left it: no owner column, no audit log; one scenario."""
    engine = make_engine(url)
    levers = json.dumps({"shift_mnkr": 20.0}, sort_keys=True)
    scenario = json.dumps(model.scenario_file.scenario_to_dict(SCENARIO), sort_keys=True)
    with engine.begin() as conn:
        for statement in (
            "CREATE TABLE schema_version (id INTEGER PRIMARY KEY, version INTEGER NOT NULL,"
            " migrated_at TIMESTAMP NOT NULL)",
            "CREATE TABLE parameter_sets (sha256 VARCHAR(64) PRIMARY KEY, document TEXT NOT NULL,"
            " created_at TIMESTAMP NOT NULL)",
            "CREATE TABLE scenarios (id VARCHAR(32) PRIMARY KEY, name VARCHAR(200) NOT NULL, note TEXT NOT NULL,"
            " levers TEXT NOT NULL, scenario TEXT NOT NULL, preset VARCHAR(64) NOT NULL,"
            " params_sha256 VARCHAR(64) NOT NULL REFERENCES parameter_sets (sha256),"
            " params_changed BOOLEAN NOT NULL, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)",
        ):
            conn.exec_driver_sql(statement)
        now = sa.func.now()
        digest = model.files.document.params_hash(params)
        document = model.files.document.canonical_json(model.files.document.document_from_parameters(params))
        conn.execute(sa.insert(schema_version).values(id=1, version=1, migrated_at=now))
        conn.execute(
            sa.text("INSERT INTO parameter_sets VALUES (:d, :doc, CURRENT_TIMESTAMP)"), {"d": digest, "doc": document}
        )
        conn.execute(
            sa.text(
                "INSERT INTO scenarios VALUES ('gammalt1234', 'Sparat före ägarna', '', :levers, :scenario, "
                "'default', :d, false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ),
            {"levers": levers, "scenario": scenario, "d": digest},
        )
    engine.dispose()
    return "gammalt1234"


def test_existing_scenarios_get_the_owner_okand_when_the_store_is_migrated(url, default_params):
    if url.startswith("sqlite"):
        url = url.replace("scenarios.db", "old.db")
        make_engine(url).dispose()  # creates the folder
    sid = _version_1_database(url, default_params)
    store = ScenarioStore(url)
    try:
        assert store.schema_version() == 2
        assert store.owner(sid) == "okänd"
        assert store.get(sid).name == "Sparat före ägarna"
        with store.engine.connect() as conn:
            assert sa.inspect(conn).has_table(audit_log.name)
        with pytest.raises(NotAllowed):
            store.delete(sid, actor=ANNA)
        new = store.save("Efter migreringen", SCENARIO, default_params, actor=ANNA)
        assert store.owner(new) == ANNA.id
        ScenarioStore(url).dispose()  # opening again changes nothing
        assert store.schema_version() == 2 and store.owner(sid) == "okänd"
    finally:
        store.dispose()
