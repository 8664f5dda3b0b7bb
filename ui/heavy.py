"""A fair share of the server for the heavy analyses: a line for the runs and a budget of draws per session.

The Monte Carlo analysis, the tornado and the break-even solvers are the only
work in the app that takes seconds. Without a limit, eight people pressing
"20 000 simulations" at once would run eight such analyses side by side, and
everyone else's slider would wait for them. So:

* :class:`Gate` lets at most :data:`HEAVY_RUNS` heavy runs compute at a time
  in one server process; the others wait in line, first come first served, and
  are told their place ("Beräknar, plats 2 i kön").
* :class:`DrawBudget` (one per session) refuses a Monte Carlo run that would
  take the session over :data:`DRAWS_PER_MINUTE` draws within a minute; the
  page then keeps the previous result on screen with a message.

Only computing counts: a result another session (or the same) has computed is
served from the cache without waiting in line or spending budget. The cached
functions in :mod:`ui.cache` call :func:`turn` on a cache miss; the page opens
a :func:`room` around them with what to show while waiting, and with the
session's budget. The room runs its callbacks in a copy of the page's context
taken before the cached function starts, so what they draw is not recorded as
part of the cached result (Streamlit would replay it on every cache hit).

Both limits are deployment settings (docs/deployment.md), read from the
environment at start: ``OMSTALLNING_HEAVY_RUNS`` (default 1: with one
process per core, one heavy run per core leaves the other work its share)
and ``OMSTALLNING_DRAWS_PER_MINUTE`` (default 100 000: five 20 000-draw runs
or a hundred slider moves at 1 000 draws a minute).
"""

from __future__ import annotations

import contextvars
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

HEAVY_RUNS = max(1, int(os.environ.get("OMSTALLNING_HEAVY_RUNS", "1")))
DRAWS_PER_MINUTE = max(1, int(os.environ.get("OMSTALLNING_DRAWS_PER_MINUTE", "100000")))
#: The window of the budget [s].
WINDOW_S = 60.0
#: How often a waiting run wakes to show its place (and to notice that its user moved on) [s].
POLL_S = 0.5


class OverBudget(Exception):
    """A run would take the session over its draws per minute."""

    def __init__(self, used: int, wanted: int, limit: int, wait_s: float) -> None:
        super().__init__(f"{used} + {wanted} draws in a minute exceed {limit}; try again in {wait_s:.0f} s")
        self.used, self.wanted, self.limit, self.wait_s = used, wanted, limit, wait_s


class Gate:
    """At most *slots* runs at a time; the others wait in line, first come first served."""

    def __init__(self, slots: int = HEAVY_RUNS) -> None:
        self.slots = slots
        self._cond = threading.Condition()
        self._line: list[object] = []  # waiting tickets, first in line first
        self._running = 0

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

    @contextmanager
    def turn(self, on_wait: Callable[[int], None] | None = None, poll_s: float = POLL_S) -> Iterator[None]:
        """Wait for a free slot, then hold it for the block.

        *on_wait* is called with the place in line (1 = next) every *poll_s*
        seconds while waiting; an exception it raises (the user moved on)
        leaves the line.
        """
        ticket = object()
        with self._cond:
            self._line.append(ticket)
        started = False
        try:
            while (place := self._try_start(ticket)) > 0:
                if on_wait is not None:
                    on_wait(place)
                with self._cond:
                    self._cond.wait(poll_s)
            started = True
            yield
        finally:
            with self._cond:
                if started:
                    self._running -= 1
                else:
                    self._line.remove(ticket)
                self._cond.notify_all()


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


@contextmanager
def turn(gate: Gate, draws: int = 0) -> Iterator[Callable[[int], None] | None]:
    """A heavy run's turn: check the room's budget for *draws*, wait in line, spend them, compute.

    Yields the room's progress callback (None outside a room). Used by the
    cached functions on a cache miss.
    """
    here = _ROOM.get() or Room()
    if here.budget is not None:
        here.budget.check(draws)  # refused before it queues: the user hears at once
    with gate.turn(here.on_wait):
        if here.budget is not None:
            here.budget.spend(draws)
        if here.on_start is not None:
            here.on_start()
        yield here.on_progress
