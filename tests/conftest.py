"""Shared fixtures of the model tests: the embedded parameter sets, loaded once.

``Parameters`` is frozen, so one instance per session is safe to share.
"""

from __future__ import annotations

import os

import pytest

import model


@pytest.fixture(scope="session")
def default_params() -> model.Parameters:
    return model.load_parameters()


@pytest.fixture(scope="session")
def small_params() -> model.Parameters:
    return model.load_parameters(preset="small")


PG_URL = os.environ.get("OMSTALLNING_TEST_PG_URL", "")
IN_CI = os.environ.get("CI") == "true"
PG_MISSING = "the PostgreSQL store tests need OMSTALLNING_TEST_PG_URL (.ci/run starts a server)"


def pytest_collection_modifyitems(config, items):
    """Skip the store tests' ``url="postgresql"`` cases without a database, except in CI."""
    if PG_URL or IN_CI:
        return
    skip = pytest.mark.skip(reason=PG_MISSING)
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("url") == "postgresql":
            item.add_marker(skip)


@pytest.fixture(scope="session")
def pg_url() -> str:
    """``$OMSTALLNING_TEST_PG_URL``: a PostgreSQL database the store's tests may empty (required in CI)."""
    if not PG_URL:
        pytest.fail(f"CI=true but {PG_MISSING}") if IN_CI else pytest.skip(PG_MISSING)
    return PG_URL
