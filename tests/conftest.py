"""Shared fixtures of the model tests: the embedded parameter sets, loaded once.

``Parameters`` is frozen, so one instance per session is safe to share.
"""

from __future__ import annotations

import pytest

import model


@pytest.fixture(scope="session")
def default_params() -> model.Parameters:
    return model.load_parameters()


@pytest.fixture(scope="session")
def small_params() -> model.Parameters:
    return model.load_parameters(preset="small")
