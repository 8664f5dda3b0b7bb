"""The store under concurrent writers and a killed process: nothing committed is lost.

* 1 000 saves from 20 concurrent writers (4 processes × 5 threads, 50 saves
  each) on one SQLite file: every save is there afterwards, none failed.
* A process saving in a loop is killed with SIGKILL in the middle of it: the
  database is intact and holds every scenario whose save had returned.

The concurrent test runs on PostgreSQL too, at ``OMSTALLNING_TEST_PG_URL``
(skipped without it, except in CI, where ``.ci/run`` starts a server).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from model.files.scenario_db import make_engine, metadata, schema_version
from model.files.scenario_store import ScenarioStore

REPO = Path(__file__).resolve().parents[1]
PROCESSES, THREADS, SAVES = 4, 5, 50

# A writer process: THREADS threads, each saving SAVES scenarios. The main thread
# prints one JSON document after every thread has finished: threads that print
# themselves interleave, since print() writes the text and its newline in two calls.
WRITER = r"""
import json, sys, threading
import model
from model.files.scenario_store import ScenarioStore

url, tag, threads, saves = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
store = ScenarioStore(url)
params = model.load_parameters()
start = threading.Barrier(threads)
ids, errors = [[] for _ in range(threads)], [[] for _ in range(threads)]

def work(k):
    start.wait()
    for i in range(saves):
        try:
            scenario = model.Scenario(shift_sek_per_year=1e5 * (i + 1), ramp_years=1 + i % 5)
            ids[k].append(store.save(f"{tag}-{k}-{i}", scenario, params, note=f"tråd {k}"))
        except Exception as exc:  # noqa: BLE001 - counted and reported
            errors[k].append(repr(exc))

workers = [threading.Thread(target=work, args=(k,)) for k in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(json.dumps({"ids": sum(ids, []), "errors": sum(errors, [])}))
"""

# Saves until killed; prints each id after its save has returned (committed).
LOOPER = r"""
import sys
import model
from model.files.scenario_store import ScenarioStore

store = ScenarioStore(sys.argv[1])
params = model.load_parameters()
i = 0
while True:
    i += 1
    sid = store.save(f"loop-{i}", model.Scenario(shift_sek_per_year=1e6 + i), params, note="x" * 500)
    print(sid, flush=True)
"""


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(REPO)}


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'scenarios.db'}"
        return
    pg_url = request.getfixturevalue("pg_url")
    engine = make_engine(pg_url)
    with engine.begin() as conn:
        metadata.drop_all(conn)
        schema_version.drop(conn, checkfirst=True)
    engine.dispose()
    yield pg_url


def test_1000_saves_from_20_concurrent_threads_in_4_processes_lose_nothing(url):
    ScenarioStore(url).dispose()  # not required (each process migrates), but keeps the first save fast
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, url, f"p{n}", str(THREADS), str(SAVES)],
            cwd=REPO, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for n in range(PROCESSES)
    ]
    ids, errors = [], []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        report = json.loads(out)  # the whole output is one document
        ids += report["ids"]
        errors += report["errors"]
    assert errors == []
    assert len(ids) == len(set(ids)) == PROCESSES * THREADS * SAVES == 1000
    store = ScenarioStore(url)
    assert store.count() == 1000
    assert store.ids() == set(ids)
    names = {i.name for i in store.list()}
    assert len(names) == 1000
    store.dispose()


def test_a_save_interrupted_by_sigkill_leaves_every_committed_scenario(tmp_path):
    path = tmp_path / "scenarios.db"
    url = f"sqlite:///{path}"
    committed = []
    with subprocess.Popen([sys.executable, "-c", LOOPER, url], cwd=REPO, env=_env(),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        deadline = time.monotonic() + 120
        try:
            while len(committed) < 150 and time.monotonic() < deadline:
                line = proc.stdout.readline()
                if not line:
                    break
                committed.append(line.strip())
        finally:
            proc.send_signal(signal.SIGKILL)  # in the middle of the loop, most likely inside a save
            proc.wait(timeout=30)
        stderr = proc.stderr.read()
    assert proc.returncode == -signal.SIGKILL
    assert len(committed) >= 150, stderr

    with sqlite3.connect(path) as conn:  # readable by plain SQLite, not only through the store
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    store = ScenarioStore(url)
    assert set(committed) <= store.ids()
    assert store.count() in (len(committed), len(committed) + 1)  # +1: killed after a commit, before its print
    for sid in committed[-3:]:
        assert store.get(sid).note == "x" * 500
    store.save("efter kraschen", store.get(committed[0]).scenario, store.get(committed[0]).params)
    store.dispose()
