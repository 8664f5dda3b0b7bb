"""A fair share of the server for the heavy analyses: a line for the runs, worker processes, a budget of draws.

The Monte Carlo analysis, the tornado and the break-even solvers are the only
work in the app that takes seconds. Without a limit, eight people pressing
"20 000 simulations" at once would run eight such analyses side by side, and
everyone else's slider would wait for them. So:

* :class:`Gate` lets at most :data:`HEAVY_RUNS` heavy runs compute at a time
  in one server process; the others wait in line, first come first served, and
  are told their place ("Beräknar, plats 2 i kön").
* The runs compute in worker processes (:data:`WORKERS`), forked from a
  process that has the model loaded, at a lower priority (:data:`WORKER_NICE`).
  A run in the server's own process would hold Python's GIL for seconds and
  slow every other session's rerun by the GIL's hand-overs (measured: the
  overview's p95 grew 2.7-fold beside 20 000-draw runs); in a worker it only
  takes a core, and the operating system gives the sessions precedence. The
  workers end when no run has come for :data:`IDLE_S` seconds, so their memory
  goes back to the system after a meeting.
* :class:`DrawBudget` (one per session) refuses a Monte Carlo run that would
  take the session over :data:`DRAWS_PER_MINUTE` draws within a minute; the
  page then keeps the previous result on screen with a message.

Only computing counts: a result another session (or the same) has computed is
served from the cache without waiting in line or spending budget. The cached
functions in :mod:`ui.cache` call :func:`compute` on a cache miss; the page
opens a :func:`room` around them with what to show while waiting, and with
the session's budget. The room runs its callbacks in a copy of the page's
context taken before the cached function starts, so what they draw is not
recorded as part of the cached result (Streamlit would replay it on every
cache hit).

The limits are deployment settings (docs/deployment.md), read from the
environment at start: ``OMSTALLNING_HEAVY_RUNS`` (default 1: with one
process per core, one heavy run per core leaves the other work its share),
``OMSTALLNING_HEAVY_WORKERS`` (``0`` computes in the server's own process)
and ``OMSTALLNING_DRAWS_PER_MINUTE`` (default 100 000: five 20 000-draw runs
or a hundred slider moves at 1 000 draws a minute).
"""
from __future__ import annotations

import contextvars
import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import forkserver
from types import ModuleType
from typing import Any

HEAVY_RUNS = max(1, int(os.environ.get("OMSTALLNING_HEAVY_RUNS", "1")))
DRAWS_PER_MINUTE = max(1, int(os.environ.get("OMSTALLNING_DRAWS_PER_MINUTE", "100000")))
WORKERS = os.environ.get("OMSTALLNING_HEAVY_WORKERS", "1") != "0"
#: How much lower the workers' priority is than the server's (nice increment; 19 is the lowest).
WORKER_NICE = 10
#: What the workers' parent process loads once, so that forking a worker is quick (the last compiles
#: the model's loops with numba, where it is installed).
WORKER_PRELOAD = [
    "model.analysis.uncertainty", "model.analysis.sensitivity", "model.analysis.breakeven", "ui.warm_kernels"
]
#: Seconds without a run after which the workers end (and give their memory back).
IDLE_S = 10.0
#: The window of the budget [s].
WINDOW_S = 60.0
#: How often a waiting run wakes to show its place (and to notice that its user moved on) [s].
POLL_S = 0.5


class OverBudget(Exception):
    """A run would take the session over its draws per minute."""

    def __init__(self, used: int, wanted: int, limit: int, wait_s: float) -> None:
        super().__init__(f"{used} + {wanted} draws in a minute exceed {limit}; try again in {wait_s:.0f} s")
        self.used, self.wanted, self.limit, self.wait_s = used, wanted, limit, wait_s


def _lower_priority() -> None:
    """A worker's first act: give way to the server's sessions."""
    os.nice(WORKER_NICE)


#: Streamlit installs the app's script as ``__main__``, and multiprocessing makes a new worker import its
#: parent's ``__main__`` again: here, the whole app in bare mode. A worker is started with this one instead
#: (no file, no spec: nothing to import).
_NEUTRAL_MAIN = ModuleType("__main__")
_MAIN_LOCK = threading.Lock()


@contextmanager
def _neutral_main() -> Iterator[None]:
    with _MAIN_LOCK:
        main = sys.modules["__main__"]
        sys.modules["__main__"] = _NEUTRAL_MAIN
        try:
            yield
        finally:
            if sys.modules["__main__"] is _NEUTRAL_MAIN:  # unless a new script run has installed its own meanwhile
                sys.modules["__main__"] = main


def _worker_context() -> multiprocessing.context.ForkServerContext:
    """How workers start: forked from one server process that has loaded :data:`WORKER_PRELOAD`."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(WORKER_PRELOAD)
    return context


def start_worker_parent() -> None:
    """Start the process the workers fork from (and its loading) now, not on the first heavy run.

    deploy/serve.py calls it before the server listens. Nothing to do when runs compute in the server.
    """
    if WORKERS:
        with _neutral_main():
            _worker_context()
            forkserver.ensure_running()


class Gate:
    """At most *slots* runs at a time; the others wait in line, first come first served."""

    def __init__(self, slots: int = HEAVY_RUNS) -> None:
        self.slots = slots
        self._cond = threading.Condition()
        self._line: list[object] = []  # waiting tickets, first in line first
        self._running = 0
        self._pool: ProcessPoolExecutor | None = None
        self._pool_lock = threading.Lock()  # not the line's: a finished run's callback must not wait for a start
        self._idle_since: float | None = None

    @property
    def running(self) -> int:
        return self._running

    @property
    def waiting(self) -> int:
        return len(self._line)

    def _try_start(self, ticket: object) -> int:
        """Start *ticket* if it is first in line and a slot is free (0); else its place in line (1, 2, …)."""
        with self._cond:
            if self._line[0] is ticket and self._running < self.slots:
                self._line.pop(0)
                self._running += 1
                self._cond.notify_all()  # the next in line may start too if slots remain
                return 0
            return self._line.index(ticket) + 1

    def _enter(self, on_wait: Callable[[int], None] | None, poll_s: float) -> None:
        """Wait in line until a slot is ours; an exception from *on_wait* leaves the line."""
        ticket = object()
        with self._cond:
            self._line.append(ticket)
        try:
            while (place := self._try_start(ticket)) > 0:
                if on_wait is not None:
                    on_wait(place)
                with self._cond:
                    self._cond.wait(poll_s)
        except BaseException:
            with self._cond:
                if ticket in self._line:
                    self._line.remove(ticket)
                    self._cond.notify_all()
                    raise
            self._leave()  # it had just started
            raise

    def _leave(self, *_: object) -> None:
        with self._cond:
            self._running -= 1
            idle = self._running == 0 and not self._line
            self._cond.notify_all()
        if idle:
            self._end_workers_later()

    @contextmanager
    def turn(self, on_wait: Callable[[int], None] | None = None, poll_s: float = POLL_S) -> Iterator[None]:
        """Wait for a free slot, then hold it for the block (the run computes in this thread).

        *on_wait* is called with the place in line (1 = next) every *poll_s*
        seconds while waiting; an exception it raises (the user moved on)
        leaves the line.
        """
        self._enter(on_wait, poll_s)
        try:
            yield
        finally:
            self._leave()

    def in_worker(
        self,
        fn: Callable[..., Any],
        args: tuple,
        on_wait: Callable[[int], None] | None = None,
        on_start: Callable[[], None] | None = None,
        on_tick: Callable[[], None] | None = None,
        poll_s: float = POLL_S,
    ) -> Any:
        """``fn(*args)`` in a worker process at its turn.

        *on_start* is called once the worker has the run, *on_tick* every
        *poll_s* seconds while it computes.
        If it raises (the user moved on), the caller leaves at once; the slot
        stays taken until the worker has finished, so no more than *slots*
        runs ever compute at a time.
        """
        self._enter(on_wait, poll_s)
        try:
            future = self._submit(fn, args)
        except BaseException:
            self._leave()
            raise
        future.add_done_callback(self._leave)
        if on_start is not None:
            on_start()
        while True:
            try:
                return future.result(timeout=poll_s)
            except FutureTimeout:
                if on_tick is not None:
                    on_tick()

    def _submit(self, fn: Callable[..., Any], args: tuple) -> Future:
        with self._pool_lock:
            self._idle_since = None
            for attempt in (1, 2):
                if self._pool is None:
                    self._pool = ProcessPoolExecutor(self.slots, mp_context=_worker_context(),
                                                     initializer=_lower_priority)
                try:
                    with _neutral_main():  # a worker is started here when the pool has fewer than it needs
                        return self._pool.submit(fn, *args)
                except BrokenProcessPool:  # a worker was killed (out of memory?): start afresh once
                    self._pool = None
                    if attempt == 2:
                        raise
            raise AssertionError("unreachable")

    def _end_workers_later(self) -> None:
        with self._pool_lock:
            if self._pool is None:
                return
            since = self._idle_since = time.monotonic()
        timer = threading.Timer(IDLE_S, self._end_workers_if_idle, args=(since,))
        timer.daemon = True
        timer.start()

    def _end_workers_if_idle(self, since: float) -> None:
        with self._pool_lock:
            if self._pool is not None and self._idle_since == since and not self._running and not self._line:
                self._pool.shutdown(wait=False)
                self._pool = None

    @property
    def workers_alive(self) -> bool:
        return self._pool is not None

    def shutdown(self) -> None:
        """Stop the workers now (tests; the server's exit does it by itself)."""
        with self._pool_lock:
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None


@dataclass
class DrawBudget:
    """The draws one session has computed in the last :data:`WINDOW_S` seconds, and its limit."""

    limit: int = DRAWS_PER_MINUTE
    window_s: float = WINDOW_S
    spent: deque[tuple[float, int]] = field(default_factory=deque)  # (time, draws)

    def used(self, now: float) -> int:
        while self.spent and self.spent[0][0] <= now - self.window_s:
            self.spent.popleft()
        return sum(n for _, n in self.spent)

    def check(self, draws: int, now: float | None = None) -> None:
        """Raise :class:`OverBudget` if *draws* more would exceed the limit within the window."""
        now = time.monotonic() if now is None else now
        used = self.used(now)
        if used + draws <= self.limit:
            return
        # How long until enough of the oldest runs have left the window.
        left, wait_s = used, 0.0
        for t, n in self.spent:
            left -= n
            wait_s = t + self.window_s - now
            if left + draws <= self.limit:
                break
        raise OverBudget(used=used, wanted=draws, limit=self.limit, wait_s=max(0.0, wait_s))

    def spend(self, draws: int, now: float | None = None) -> None:
        """Count *draws* as computed now."""
        self.spent.append((time.monotonic() if now is None else now, draws))


@dataclass(frozen=True)
class Room:
    """What a page shows while its heavy run waits and computes, and the session's budget."""

    on_wait: Callable[[int], None] | None = None  # place in line
    on_start: Callable[[], None] | None = None  # the run begins computing
    on_progress: Callable[[int], None] | None = None  # draws done
    budget: DrawBudget | None = None


_ROOM: contextvars.ContextVar[Room | None] = contextvars.ContextVar("heavy_room", default=None)


@contextmanager
def room(
    on_wait: Callable[[int], None] | None = None,
    on_start: Callable[[], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    budget: DrawBudget | None = None,
) -> Iterator[None]:
    """Open a room for the heavy runs called in the block (see the module's docstring)."""
    outside = contextvars.copy_context()  # before any cached function: its drawing is not recorded

    def there(fn: Callable | None) -> Callable | None:
        return None if fn is None else (lambda *args: outside.run(fn, *args))

    token = _ROOM.set(Room(there(on_wait), there(on_start), there(on_progress), budget))
    try:
        yield
    finally:
        _ROOM.reset(token)


def compute(gate: Gate, fn: Callable[..., Any], *args: Any, draws: int = 0) -> Any:
    """``fn(*args)`` at its turn at *gate*: a heavy run on a cache miss (:mod:`ui.cache`).

    Checks the room's budget for *draws* (refused before it queues, so the
    user hears at once), waits in line, spends the draws and computes: in a
    worker process (:data:`WORKERS`), or in this thread, where a Monte Carlo
    run (*draws* > 0) also reports its progress to the room.
    """
    here = _ROOM.get() or Room()
    if here.budget is not None:
        here.budget.check(draws)

    def started() -> None:
        if here.budget is not None:
            here.budget.spend(draws)
        if here.on_start is not None:
            here.on_start()

    if WORKERS:
        # While the worker computes, the start message is said again now and then: that is when
        # Streamlit notices that the user has moved on, and lets the page go.
        return gate.in_worker(fn, args, here.on_wait, started, here.on_start)
    with gate.turn(here.on_wait):
        started()
        progress = {"progress": here.on_progress} if draws and here.on_progress is not None else {}
        return fn(*args, **progress)
