"""The scenario store: save, list, open, rename, update, duplicate and delete scenarios in a database.

The tables, their migrations and the engine are :mod:`model.files.scenario_db`.
A scenario is visible once its transaction commits, and a killed process
loses only the save it was in the middle of.

Every scenario has an owner. Whoever acts on the store is an :class:`Actor`
(who they are, and whether a configured role lets them change every
scenario): anyone may list, open and copy a scenario, only its owner or such
an actor may rename, update or delete it (:class:`NotAllowed` otherwise).
Without sign-in the app acts as :data:`SINGLE_USER`, who may change
everything. Every save, copy, rename, update and delete writes a row of the
audit log in the same transaction (:meth:`ScenarioStore.audit`).

A :class:`ScenarioStore` holds only its engine (a thread-safe connection
pool), never a user's data, so one instance may serve every session.
"""

# size: one class whose changes share the write transaction and its audit row; who may change what
# and the audit log's rows are in model/files/ownership.py, the tables in model/files/scenario_db.py.

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from model.errors import ScenarioFileError
from model.files.document import canonical_json, document_from_parameters, params_hash
from model.files.ownership import SINGLE_USER, Actor, AuditRow, NotAllowed, record_hash
from model.files.presets import differs_from_preset, parameters_from_stored, preset_params
from model.files.scenario_db import (
    MIGRATIONS,
    OWNER_UNKNOWN,
    audit_log,
    configured_url,
    lock_schema,
    make_engine,
    parameter_sets,
    scenarios,
    schema_version,
    utc_now,
)
from model.files.scenario_json import SavedScenario, scenario_from_dict, scenario_to_dict
from model.levers import (
    MIX_PREFIX,
    check_levers,
    levers_from_scenario,
    same_scenario,
    scenario_from_levers,
    with_tax_lever,
)
from model.parameters import Parameters
from model.scenario import Scenario
from model.text.user_text import clean_name, clean_note

ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
ID_LENGTH = 12  # 36**12 ≈ 4.7e18: unguessable enough for a link, short enough to read

class ScenarioNotFound(LookupError):
    """No saved scenario has this id (deleted, mistyped or made up)."""

    def __init__(self, scenario_id: str) -> None:
        self.scenario_id = scenario_id
        super().__init__(f"no saved scenario with id '{scenario_id}'")


@dataclass(frozen=True, slots=True)
class ScenarioInfo:
    """One row of the list of saved scenarios (without the parameter set)."""

    id: str
    name: str
    note: str
    preset: str
    params_changed: bool
    shift_sek_per_year: float
    horizon_years: int
    created_at: datetime
    updated_at: datetime
    owner: str = OWNER_UNKNOWN


def new_id() -> str:
    """A random id for a saved scenario (lower-case letters and digits)."""
    return "".join(secrets.choice(ID_ALPHABET) for _ in range(ID_LENGTH))


def is_valid_id(text: object) -> bool:
    """True if *text* looks like an id this store makes (checked before any query)."""
    return isinstance(text, str) and 4 <= len(text) <= 32 and all(c in ID_ALPHABET for c in text)


class ScenarioStore:
    """Saved scenarios: save, list, open, rename, duplicate, delete.

    Parameters
    ----------
    url : str, optional
        SQLAlchemy URL (default: :func:`configured_url`).
    engine : Engine, optional
        An existing engine instead of a URL.
    """

    def __init__(self, url: str | None = None, *, engine: Engine | None = None) -> None:
        self.engine = engine if engine is not None else make_engine(configured_url(url))
        self.migrate()

    # --- schema ---------------------------------------------------------------------------

    def schema_version(self) -> int:
        """The database's schema version (0 for an empty database)."""
        with self.engine.connect() as conn:
            if not sa.inspect(conn).has_table("schema_version"):
                return 0
            return int(conn.execute(sa.select(schema_version.c.version)).scalar() or 0)

    def migrate(self) -> int:
        """Bring the schema up to date (safe to run from several processes at once); return the version."""
        with self._write() as conn:
            lock_schema(conn)
            schema_version.create(conn, checkfirst=True)
            if conn.execute(sa.select(schema_version.c.version)).scalar() is None:
                conn.execute(sa.insert(schema_version).values(id=1, version=0, migrated_at=utc_now()))
        while True:
            with self._write() as conn:
                lock_schema(conn)
                version = int(conn.execute(sa.select(schema_version.c.version)).scalar_one())
                if version >= len(MIGRATIONS):
                    return version
                MIGRATIONS[version](conn)
                conn.execute(sa.update(schema_version).values(version=version + 1, migrated_at=utc_now()))

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            conn = conn.execution_options(write=True)
            with conn.begin():
                yield conn

    # --- writing --------------------------------------------------------------------------

    def save(
        self,
        name: str,
        scenario: Scenario,
        params: Parameters,
        note: str = "",
        levers: dict[str, float | int | str] | None = None,
        *,
        actor: Actor = SINGLE_USER,
    ) -> str:
        """Save a scenario owned by *actor*; return its new id.

        Raises
        ------
        ScenarioFileError
            An empty or too long name or note, or levers out of range.
        """
        name = clean_name(name)
        note = clean_note(note)
        content = _content(scenario, params, levers)
        now = utc_now()
        row = {"name": name, "note": note, **content.row, "created_at": now, "updated_at": now, "owner": actor.id}
        with self._write() as conn:
            self._put_parameters(conn, content.digest, content.document, now)
            scenario_id = new_id()
            conn.execute(sa.insert(scenarios).values(id=scenario_id, **row))
            self._log(conn, actor, "save", scenario_id, None, {**row, "id": scenario_id})
        return scenario_id

    def save_saved(self, saved: SavedScenario, *, actor: Actor = SINGLE_USER) -> str:
        """Save an imported :class:`SavedScenario` as a new scenario owned by *actor*; return its id."""
        return self.save(saved.name, saved.scenario, saved.params, saved.note, saved.levers_dict or None, actor=actor)

    def update(
        self,
        scenario_id: str,
        scenario: Scenario,
        params: Parameters,
        note: str | None = None,
        levers: dict[str, float | int | str] | None = None,
        *,
        actor: Actor = SINGLE_USER,
    ) -> None:
        """Replace a saved scenario's levers, parameter set and note (``None``: kept); id, name, owner and link stay.

        Raises
        ------
        ScenarioNotFound, NotAllowed, ScenarioFileError
        """
        content = _content(scenario, params, levers)
        now = utc_now()
        with self._write() as conn:
            self._put_parameters(conn, content.digest, content.document, now)
            values = {**content.row, "updated_at": now}
            if note is not None:
                values["note"] = clean_note(note)
            self._change(conn, scenario_id, "update", actor, values)

    def _log(
        self, conn: Connection, actor: Actor, action: str, scenario_id: str, before: dict | None, after: dict | None
    ) -> None:
        """One row of the audit log, in the transaction of the change it records."""
        last = after if after is not None else before or {}
        conn.execute(sa.insert(audit_log).values(
            at=utc_now(),
            actor=actor.id,
            action=action,
            scenario_id=scenario_id,
            scenario_name=str(last.get("name", "")),
            owner=str(last.get("owner", OWNER_UNKNOWN)),
            before_sha256=None if before is None else record_hash(before),
            after_sha256=None if after is None else record_hash(after),
        ))

    def _change(self, conn: Connection, scenario_id: str, action: str, actor: Actor, values: dict) -> None:
        """Change one scenario's columns if *actor* may, and log it (inside the caller's transaction)."""
        row = conn.execute(sa.select(scenarios).where(scenarios.c.id == scenario_id)).mappings().first()
        if row is None:
            raise ScenarioNotFound(scenario_id)
        before = dict(row)
        if not actor.may_change(before["owner"]):
            raise NotAllowed(scenario_id, action, before["owner"])
        conn.execute(sa.update(scenarios).where(scenarios.c.id == scenario_id).values(**values))
        self._log(conn, actor, action, scenario_id, before, {**before, **values})

    def _put_parameters(self, conn: Connection, digest: str, document: str, now: datetime) -> None:
        """Store a parameter set once (a concurrent insert of the same set is not an error)."""
        values = {"sha256": digest, "document": document, "created_at": now}
        name = conn.dialect.name
        if name in ("sqlite", "postgresql"):
            dialect_insert = sqlite.insert if name == "sqlite" else postgresql.insert
            conn.execute(dialect_insert(parameter_sets).values(**values).on_conflict_do_nothing())
            return
        exists = conn.execute(sa.select(parameter_sets.c.sha256).where(parameter_sets.c.sha256 == digest)).first()
        if exists is None:
            conn.execute(sa.insert(parameter_sets).values(**values))

    def rename(self, scenario_id: str, name: str, *, actor: Actor = SINGLE_USER) -> None:
        """Give a saved scenario a new name (its owner or an admin only: :class:`NotAllowed`)."""
        name = clean_name(name)
        with self._write() as conn:
            self._change(conn, scenario_id, "rename", actor, {"name": name, "updated_at": utc_now()})

    def set_note(self, scenario_id: str, note: str, *, actor: Actor = SINGLE_USER) -> None:
        """Replace a saved scenario's note (an update: its owner or an admin only)."""
        note = clean_note(note)
        with self._write() as conn:
            self._change(conn, scenario_id, "update", actor, {"note": note, "updated_at": utc_now()})

    def duplicate(self, scenario_id: str, name: str, *, actor: Actor = SINGLE_USER) -> str:
        """Copy a saved scenario under a new name, owned by *actor* (anyone may copy); return the copy's id."""
        name = clean_name(name)
        with self._write() as conn:
            row = conn.execute(sa.select(scenarios).where(scenarios.c.id == scenario_id)).mappings().first()
            if row is None:
                raise ScenarioNotFound(scenario_id)
            now = utc_now()
            copy_id = new_id()
            copy = {**dict(row), "id": copy_id, "name": name, "created_at": now, "updated_at": now, "owner": actor.id}
            conn.execute(sa.insert(scenarios).values(copy))
            self._log(conn, actor, "copy", copy_id, None, copy)
        return copy_id

    def delete(self, scenario_id: str, *, actor: Actor = SINGLE_USER) -> bool:
        """Delete a saved scenario (its owner or an admin only); False if there was none with this id.

        The parameter set stays (other scenarios may use it; it is small).
        """
        with self._write() as conn:
            row = conn.execute(sa.select(scenarios).where(scenarios.c.id == scenario_id)).mappings().first()
            if row is None:
                return False
            before = dict(row)
            if not actor.may_change(before["owner"]):
                raise NotAllowed(scenario_id, "delete", before["owner"])
            conn.execute(sa.delete(scenarios).where(scenarios.c.id == scenario_id))
            self._log(conn, actor, "delete", scenario_id, before, None)
            return True

    def owner(self, scenario_id: str) -> str:
        """The owner of a saved scenario (:class:`ScenarioNotFound` if there is none)."""
        with self.engine.connect() as conn:
            owner = conn.execute(sa.select(scenarios.c.owner).where(scenarios.c.id == scenario_id)).scalar()
        if owner is None:
            raise ScenarioNotFound(scenario_id)
        return str(owner)

    def audit(self, owner: str | None = None, limit: int = 500) -> list[AuditRow]:
        """The audit log, newest first: every row, or those about *owner*'s scenarios and by *owner*."""
        query = sa.select(audit_log).order_by(audit_log.c.at.desc(), audit_log.c.id.desc()).limit(limit)
        if owner is not None:
            query = query.where(sa.or_(audit_log.c.owner == owner, audit_log.c.actor == owner))
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [AuditRow(**{k: r[k] for k in AuditRow.__slots__}) for r in rows]

    # --- reading --------------------------------------------------------------------------

    def list(self, search: str = "", limit: int | None = None) -> list[ScenarioInfo]:
        """Saved scenarios, most recently changed first; *search* filters on the name."""
        query = sa.select(
            scenarios.c.id, scenarios.c.name, scenarios.c.note, scenarios.c.preset, scenarios.c.params_changed,
            scenarios.c.scenario, scenarios.c.created_at, scenarios.c.updated_at, scenarios.c.owner,
        ).order_by(scenarios.c.updated_at.desc(), scenarios.c.id)
        if search.strip():
            pattern = "%" + search.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            query = query.where(sa.func.lower(scenarios.c.name).like(pattern, escape="\\"))
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        out = []
        for r in rows:
            data = _json(r["scenario"])
            out.append(ScenarioInfo(
                id=r["id"], name=r["name"], note=r["note"], preset=r["preset"],
                params_changed=bool(r["params_changed"]),
                shift_sek_per_year=float(data.get("shift_sek_per_year", 0.0)),
                horizon_years=int(data.get("horizon_years", 0)),
                created_at=r["created_at"], updated_at=r["updated_at"], owner=r["owner"],
            ))
        return out

    def count(self) -> int:
        """Number of saved scenarios."""
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(scenarios)).scalar_one())

    def ids(self) -> set[str]:
        """Every saved scenario's id."""
        with self.engine.connect() as conn:
            return set(conn.execute(sa.select(scenarios.c.id)).scalars())

    def get(self, scenario_id: str) -> SavedScenario:
        """Open a saved scenario: levers, scenario and the exact parameter set it was saved with.

        Raises
        ------
        ScenarioNotFound
            No scenario has this id.
        ScenarioFileError, ParameterError
            The stored record cannot be read by this version of the model.
        """
        if not is_valid_id(scenario_id):
            raise ScenarioNotFound(str(scenario_id)[:40])
        query = (
            sa.select(scenarios, parameter_sets.c.document)
            .join(parameter_sets, parameter_sets.c.sha256 == scenarios.c.params_sha256)
            .where(scenarios.c.id == scenario_id)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        if row is None:
            raise ScenarioNotFound(scenario_id)
        params, upgraded = parameters_from_stored(_json(row["document"]), row["preset"])
        name = row["name"]
        scenario = scenario_from_dict(_json(row["scenario"]), name=name)
        levers_raw = _json(row["levers"])
        # Levers for measures the set no longer has are dropped; new ones take defaults.
        known = with_tax_lever({k: v for k, v in levers_raw.items() if _known_lever(k, params)},
                               scenario.count_municipal_tax, params)
        levers = check_levers(known, params)
        return SavedScenario(
            name=name,
            scenario=scenario,
            params=params,
            levers=tuple(levers.items()),
            note=row["note"],
            id=row["id"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            params_changed=bool(row["params_changed"]),
            upgraded=upgraded,
            params_sha256=row["params_sha256"],
        )

    def preset_updated(self, saved: SavedScenario) -> bool:
        """True if the scenario was saved on an unchanged preset that has changed since."""
        if saved.params_changed or not saved.params.preset:
            return False
        current = preset_params(saved.params.preset)
        return current is not None and params_hash(current) != saved.params_sha256

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


@dataclass(frozen=True, slots=True)
class _Content:
    """What a save or an update writes: the columns of the levers, scenario and set, and the set's document."""

    row: dict[str, object]
    document: str

    @property
    def digest(self) -> str:
        """The parameter set's SHA-256."""
        return str(self.row["params_sha256"])


def _content(scenario: Scenario, params: Parameters, levers: dict[str, float | int | str] | None) -> _Content:
    """Check the levers against the scenario and give the columns to write."""
    if levers is None:
        levers = levers_from_scenario(scenario, params)
    else:
        levers = check_levers(levers, params)
        if not same_scenario(scenario_from_levers(levers, params), scenario, params):
            raise ScenarioFileError("levers", "mismatch")
    row: dict[str, object] = {
        "levers": json.dumps(levers, sort_keys=True),
        "scenario": json.dumps(scenario_to_dict(scenario), sort_keys=True),
        "preset": params.preset or "",
        "params_sha256": params_hash(params),
        "params_changed": differs_from_preset(params),
    }
    return _Content(row, canonical_json(document_from_parameters(params)))


def _known_lever(key: str, params: Parameters) -> bool:
    return not key.startswith(MIX_PREFIX) or key[len(MIX_PREFIX) :] in params.measure_ids


def _json(text: str) -> dict:
    data = json.loads(text)
    return data if isinstance(data, dict) else {}
