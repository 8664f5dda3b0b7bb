"""The scenario store's database: its tables, their migrations, and an engine for a URL (SQLAlchemy 2).

By default an embedded SQLite file (``var/scenarios.db`` in the repository,
or in the working folder of an installed package; created with its folder on
first use); any SQLAlchemy URL works unchanged, so a municipality that runs
PostgreSQL sets ``postgresql+psycopg://...`` in configuration (or
``$OMSTALLNING_DB_URL``). Only portable Core types are used (String, Text,
Boolean, DateTime, Integer).

Tables
------
``schema_version``
    One row: the schema version; :data:`MIGRATIONS` bring an older database up
    to date on open, each in its own transaction.
``parameter_sets``
    Whole-set documents (JSON text) keyed by their SHA-256, stored once however
    many scenarios use them: a scenario on the unchanged default costs a
    64-character reference, and still reopens with exactly the values it was
    computed with after the preset is updated.
``scenarios``
    id, name, note, levers (JSON), scenario (JSON), preset id, parameter-set
    hash, whether the set differed from its preset when saved, timestamps (UTC),
    and its owner (who saved it; "okänd" for scenarios saved before there were
    owners, and in single-user mode).
``audit_log``
    One row per save, copy, rename, update and delete: when, who, what, the
    scenario (id, name and owner then) and the SHA-256 of the scenario's record
    before and after (empty for a save and a delete).

SQLite runs in WAL mode with a busy timeout, and every write takes the write
lock at its start (``BEGIN IMMEDIATE``) so that concurrent writers queue
instead of failing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from model.resources import CHECKOUT, ROOT

#: The embedded SQLite file: in a checkout under its root, in an installed package under the working folder.
DEFAULT_PATH = (ROOT if CHECKOUT else Path.cwd()) / "var" / "scenarios.db"
DEFAULT_URL = f"sqlite:///{DEFAULT_PATH}"
ENV_URL = "OMSTALLNING_DB_URL"
BUSY_TIMEOUT_MS = 30_000
#: The owner of scenarios saved before there were owners, and of every scenario saved without sign-in.
OWNER_UNKNOWN = "okänd"

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("migrated_at", sa.DateTime, nullable=False),
)

parameter_sets = sa.Table(
    "parameter_sets",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("document", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

scenarios = sa.Table(
    "scenarios",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("levers", sa.Text, nullable=False),
    sa.Column("scenario", sa.Text, nullable=False),
    sa.Column("preset", sa.String(64), nullable=False, default=""),
    sa.Column("params_sha256", sa.String(64), sa.ForeignKey("parameter_sets.sha256"), nullable=False),
    sa.Column("params_changed", sa.Boolean, nullable=False, default=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.Column("owner", sa.String(200), nullable=False, server_default=OWNER_UNKNOWN),
    sa.Index("ix_scenarios_updated_at", "updated_at"),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("scenario_id", sa.String(32), nullable=False),
    sa.Column("scenario_name", sa.String(200), nullable=False),
    sa.Column("owner", sa.String(200), nullable=False),
    sa.Column("before_sha256", sa.String(64), nullable=True),
    sa.Column("after_sha256", sa.String(64), nullable=True),
    sa.Index("ix_audit_log_owner", "owner"),
    sa.Index("ix_audit_log_scenario", "scenario_id"),
)


def _migrate_1(conn: Connection) -> None:
    """Version 1: the parameter sets and the scenarios."""
    parameter_sets.create(conn, checkfirst=True)
    scenarios.create(conn, checkfirst=True)


def _migrate_2(conn: Connection) -> None:
    """Version 2: every scenario has an owner (existing ones: "okänd"), and the audit log."""
    columns = {c["name"] for c in sa.inspect(conn).get_columns("scenarios")}
    if "owner" not in columns:  # a database made by version 1 (a new one has the column already)
        owner_type = sa.String(200).compile(dialect=conn.dialect)
        conn.execute(sa.text(
            f"ALTER TABLE scenarios ADD COLUMN owner {owner_type} NOT NULL DEFAULT '{OWNER_UNKNOWN}'"
        ))
    audit_log.create(conn, checkfirst=True)


#: Migrations in order: MIGRATIONS[i] brings a database from version i to i + 1.
#: Append, never edit: a database in the field may be at any earlier version.
MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_migrate_1, _migrate_2)


def configured_url(url: str | None = None) -> str:
    """The store's URL: *url* if given, else ``$OMSTALLNING_DB_URL``, else ``var/scenarios.db``."""
    return url or os.environ.get(ENV_URL) or DEFAULT_URL


def make_engine(url: str) -> Engine:
    """An engine for *url*; for SQLite: the folder created, WAL, busy timeout, BEGIN IMMEDIATE writes."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True, future=True)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN (pysqlite's own implicit
        # transactions would defer the write lock and break savepoints).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # In WAL mode NORMAL survives a crash of the process (the commit is in
        # the WAL file); only a power cut may lose the last transactions.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A write takes the write lock at once and waits (busy timeout) for it;
        # a deferred transaction that reads first could fail with "database is
        # locked" when it later tries to write.
        mode = "IMMEDIATE" if conn.get_execution_options().get("write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def utc_now() -> datetime:
    """Now in UTC, without tzinfo (SQLite keeps no zone; every timestamp here is UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


def lock_schema(conn: Connection) -> None:
    """Serialise schema changes across processes (SQLite: BEGIN IMMEDIATE already does)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(7734019)"))


