"""Shared fixtures of the model tests: the embedded parameter sets, loaded once.

``Parameters`` is frozen, so one instance per session is safe to share.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import model
from model.files.scenario_db import make_engine, metadata, schema_version
from model.files.scenario_store import ScenarioStore


@pytest.fixture(scope="session")
def default_params() -> model.Parameters:
    return model.load_parameters()


@pytest.fixture(scope="session")
def small_params() -> model.Parameters:
    return model.load_parameters(preset="small")


PG_URL = os.environ.get("OMSTALLNING_TEST_PG_URL", "")
IN_CI = os.environ.get("CI") == "true"
PG_MISSING = "the PostgreSQL store tests need OMSTALLNING_TEST_PG_URL (.ci/run starts a server)"


def _on_postgresql(item) -> bool:
    callspec = getattr(item, "callspec", None)
    return callspec is not None and callspec.params.get("url") == "postgresql"


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    """Skip the store tests' ``url="postgresql"`` cases without a database, except in CI.

    Where pytest-xdist is installed and the suite runs with ``-n 2 --dist loadgroup``, each test file is one group, run
    by one worker, so a module's expensive fixture (a server, a LibreOffice conversion, an installed copy)
    is made once; every PostgreSQL case is in one group of its own, since they share one database.
    """
    if config.pluginmanager.hasplugin("xdist"):
        for item in items:
            group = "postgresql" if _on_postgresql(item) else Path(item.path).relative_to(config.rootpath).as_posix()
            item.add_marker(pytest.mark.xdist_group(group))
    if PG_URL or IN_CI:
        return
    skip = pytest.mark.skip(reason=PG_MISSING)
    for item in items:
        if _on_postgresql(item):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def pg_url() -> str:
    """``$OMSTALLNING_TEST_PG_URL``: a PostgreSQL database the store's tests may empty (required in CI)."""
    if not PG_URL:
        pytest.fail(f"CI=true but {PG_MISSING}") if IN_CI else pytest.skip(PG_MISSING)
    return PG_URL


def reset_database(url: str) -> None:
    """Drop every table of the store (a PostgreSQL test database is shared by the tests)."""
    engine = make_engine(url)
    with engine.begin() as conn:
        metadata.drop_all(conn)
        schema_version.drop(conn, checkfirst=True)
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path) -> str:
    """A store URL: SQLite in ``tmp_path``, and the PostgreSQL test database (emptied before and after)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'var' / 'scenarios.db'}"
        return
    pg_url = request.getfixturevalue("pg_url")
    reset_database(pg_url)
    yield pg_url
    reset_database(pg_url)


@pytest.fixture
def store(url) -> ScenarioStore:
    """A scenario store on :func:`url`, disposed after the test."""
    s = ScenarioStore(url)
    yield s
    s.dispose()
