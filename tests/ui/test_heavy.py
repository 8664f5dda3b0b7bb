"""A fair share for the heavy runs (issue 14): the line, the budget, and what a waiting page says.

Threads stand in for sessions; nothing here is timed except by events, so a
slow machine makes the tests slower, not wrong.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import ModuleType

import pytest

import model
from model.analysis import uncertainty
from ui import heavy
from ui.uncertainty import compute

REPO = Path(__file__).resolve().parents[2]


class Slot:
    """Records what a page's slot was told to show."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def info(self, text, **_):
        self.shown.append(("info", text))

    def caption(self, text, **_):
        self.shown.append(("caption", text))

    def warning(self, text, **_):
        self.shown.append(("warning", text))

    def empty(self):
        self.shown.append(("empty", ""))


def hold(gate: heavy.Gate) -> tuple[threading.Event, threading.Event, threading.Thread]:
    """A thread that takes a turn at *gate* and keeps it until released."""
    inside, release = threading.Event(), threading.Event()

    def run():
        with gate.turn():
            inside.set()
            release.wait(30)

    thread = threading.Thread(target=run)
    thread.start()
    assert inside.wait(30)
    return inside, release, thread


def test_one_slot_lets_one_run_at_a_time_and_the_rest_wait_in_order():
    gate = heavy.Gate(slots=1)
    _, release, holder = hold(gate)
    order, places = [], {}
    waiting = [threading.Event() for _ in range(3)]

    def session(i: int) -> None:
        def on_wait(place):
            places.setdefault(i, place)
            waiting[i].set()

        with gate.turn(on_wait, poll_s=0.01):
            order.append(i)
            assert gate.running == 1

    threads = []
    for i in range(3):  # they join the line one after the other
        threads.append(threading.Thread(target=session, args=(i,)))
        threads[-1].start()
        assert waiting[i].wait(30)
    assert places == {0: 1, 1: 2, 2: 3}
    assert gate.waiting == 3 and gate.running == 1
    release.set()
    for th in (holder, *threads):
        th.join(30)
    assert order == [0, 1, 2]  # first come, first served
    assert gate.waiting == 0 and gate.running == 0


def test_two_slots_run_two_at_once():
    gate = heavy.Gate(slots=2)
    _, release1, t1 = hold(gate)
    _, release2, t2 = hold(gate)
    assert gate.running == 2
    release1.set()
    release2.set()
    t1.join(30)
    t2.join(30)
    assert gate.running == 0


def test_a_user_who_moves_on_leaves_the_line():
    gate = heavy.Gate(slots=1)
    _, release, holder = hold(gate)

    class MovedOn(BaseException):  # like Streamlit's RerunException
        pass

    def on_wait(place):
        raise MovedOn

    with pytest.raises(MovedOn):
        with gate.turn(on_wait):
            pass
    assert gate.waiting == 0
    release.set()
    holder.join(30)
    with gate.turn():  # the gate still works
        assert gate.running == 1
    assert gate.running == 0


def test_an_error_in_a_run_gives_its_slot_back():
    gate = heavy.Gate(slots=1)
    with pytest.raises(RuntimeError), gate.turn():
        raise RuntimeError("the model failed")
    assert gate.running == 0


def test_budget_of_draws_per_minute():
    budget = heavy.DrawBudget(limit=50_000, window_s=60)
    budget.check(20_000, now=0)
    budget.spend(20_000, now=0)
    budget.spend(20_000, now=10)
    with pytest.raises(heavy.OverBudget) as refused:
        budget.check(20_000, now=20)
    assert (refused.value.used, refused.value.wanted, refused.value.limit) == (40_000, 20_000, 50_000)
    assert refused.value.wait_s == pytest.approx(40)  # when the first run leaves the window
    budget.check(10_000, now=20)  # a smaller run still fits
    budget.check(20_000, now=60)  # a minute after the first run
    assert budget.used(now=71) == 0


def test_a_run_larger_than_the_budget_is_refused_at_once():
    with pytest.raises(heavy.OverBudget):
        heavy.DrawBudget(limit=1_000).check(5_000)


def test_the_page_says_its_place_in_line_then_how_far_it_has_come(default_params, monkeypatch):
    monkeypatch.setattr(uncertainty, "CHUNK_DRAWS", 500)
    monkeypatch.setattr(heavy, "WORKERS", False)  # in this thread: the progress is reported chunk by chunk
    gate = heavy.Gate(slots=1)
    _, release, holder = hold(gate)
    budget = heavy.DrawBudget(limit=10_000)
    scenario = model.Scenario(shift_sek_per_year=10e6)

    class Releasing(Slot):
        def info(self, text, **_):  # the holder lets go as soon as the page has said its place
            super().info(text)
            release.set()

    slot = Releasing()
    result = []

    def page():
        with compute.waiting_room(slot, "sv", 1_000, budget):
            result.append(heavy.compute(gate, uncertainty.run_uncertainty, default_params, scenario, 1_000, 0,
                                        draws=1_000))

    page_thread = threading.Thread(target=page)
    page_thread.start()
    page_thread.join(60)
    holder.join(30)
    kinds = [k for k, _ in slot.shown]
    assert slot.shown[0] == ("info", "Beräknar, plats 1 i kön. Servern räknar just nu åt andra användare; din "
                                     "beräkning startar av sig själv.")
    assert ("caption", "Räknar 1\u00a0000 simuleringar …") in slot.shown
    assert ("caption", "Räknar 1\u00a0000 simuleringar … 50\u00a0% klart") in slot.shown
    assert ("caption", "Räknar 1\u00a0000 simuleringar … 100\u00a0% klart") in slot.shown
    assert kinds[-1] == "empty"  # the slot is cleared when the results are there
    assert budget.used(now=time.monotonic()) == 1_000
    assert result[0].summary == uncertainty.run_uncertainty(default_params, scenario, 1_000, 0).summary


@pytest.fixture
def worker_gate():
    gate = heavy.Gate(slots=1)
    yield gate
    gate.shutdown()


def test_a_worker_process_computes_the_same_result(default_params, worker_gate):
    scenario = model.Scenario(shift_sek_per_year=10e6)
    budget = heavy.DrawBudget(limit=1_000)
    slot = Slot()
    with compute.waiting_room(slot, "sv", 300, budget):
        far = heavy.compute(worker_gate, uncertainty.run_uncertainty, default_params, scenario, 300, 5, draws=300)
    near = uncertainty.run_uncertainty(default_params, scenario, 300, 5)
    assert far.yearly.equals(near.yearly) and far.summary == near.summary
    assert ("caption", "Räknar 300 simuleringar …") in slot.shown
    assert budget.used(now=time.monotonic()) == 300
    assert worker_gate.running == 0


def test_workers_give_way_and_end_when_idle(worker_gate, monkeypatch):
    """A lower priority lets the sessions go first; idle workers end, and give their memory back."""
    monkeypatch.setattr(heavy, "IDLE_S", 0.2)
    here = os.getpriority(os.PRIO_PROCESS, 0)
    assert heavy.compute(worker_gate, os.getpriority, os.PRIO_PROCESS, 0) == min(19, here + heavy.WORKER_NICE)
    first = heavy.compute(worker_gate, os.getpid)
    assert first != os.getpid()
    deadline = time.monotonic() + 30
    while worker_gate.workers_alive and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not worker_gate.workers_alive
    assert heavy.compute(worker_gate, os.getpid) not in (first, os.getpid())  # a new worker when needed


def test_a_worker_does_not_run_the_app_again(worker_gate, monkeypatch, tmp_path):
    """Streamlit makes the app's script ``__main__``; a new worker must not import it again."""
    marker = tmp_path / "ran"
    script = tmp_path / "app_like.py"
    script.write_text(f"open({str(marker)!r}, 'w').close()\n")
    main = ModuleType("__main__")
    main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", main)
    assert heavy.compute(worker_gate, os.getpid) != os.getpid()
    assert not marker.exists()
    assert sys.modules["__main__"] is main


def test_a_user_who_moves_on_leaves_while_the_worker_finishes(worker_gate):
    class MovedOn(BaseException):
        pass

    def tick():
        raise MovedOn

    with pytest.raises(MovedOn):
        worker_gate.in_worker(time.sleep, (1.0,), on_tick=tick, poll_s=0.05)
    assert worker_gate.running == 1  # the worker still has the slot ...
    deadline = time.monotonic() + 30
    while worker_gate.running and time.monotonic() < deadline:
        time.sleep(0.05)
    assert worker_gate.running == 0  # ... until its run has ended


def test_the_worker_parent_can_start_before_any_run():
    """deploy/serve.py starts the process the workers fork from before the server listens, with the model to load."""
    code = (
        "from multiprocessing import forkserver\n"
        "from ui import heavy\n"
        "heavy.start_worker_parent()\n"
        "pid = forkserver._forkserver._forkserver_pid\n"
        "heavy.start_worker_parent()\n"
        "assert forkserver._forkserver._forkserver_pid == pid\n"  # once: a second call starts no other
        "import time\n"
        "for _ in range(100):  # its command line is there once it has exec'd\n"
        "    line = open(f'/proc/{pid}/cmdline').read().replace(chr(0), ' ')\n"
        "    if line:\n"
        "        break\n"
        "    time.sleep(0.1)\n"
        "print(line)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "from multiprocessing.forkserver import main" in done.stdout
    assert all(f"'{name}'" in done.stdout for name in heavy.WORKER_PRELOAD)
