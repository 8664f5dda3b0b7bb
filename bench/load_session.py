"""Simulated users for bench/load.py: one websocket each, speaking Streamlit's own protocol.

A :class:`Session` is someone on the overview who moves a random lever every
1–3 s (think time) and waits for the rerun. An :class:`UncertaintySession` is
someone on the uncertainty page who has chosen 20 000 simulations and moves
the shift again as soon as the answer is there ("hammering"): every move is a
new Monte Carlo run. Both note the time of every rerun (lever sent →
``script_finished``) and every error (an exception shown in the app, a failed
or unfinished run, a lost connection, a timeout).

The protocol (``/_stcore/stream``, subprotocol ``streamlit``, ``BackMsg`` /
``ForwardMsg``) is internal to Streamlit: written for the pinned 1.67.0.
"""

from __future__ import annotations

import asyncio
import random
import socket
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: TID251 - the wire protocol, not the UI
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: TID251

#: Levers a user moves: key -> (low, high, step). The shift's range is the default municipality's slider.
LEVERS = {
    "shift_mnkr": (0.0, 70.0, 0.5),
    "ramp_years": (1, 5, 1),
    "horizon": (1, 15, 1),
    "discount_pct": (1.0, 6.0, 0.5),
    "mix_family_homes": (0, 100, 5),
    "mix_parent_training": (0, 100, 5),
    "mix_early_intervention": (0, 100, 5),
}
TIMEOUT_S = 30.0
#: A heavy run may wait in line behind the others' (seven 20 000-draw runs of a few seconds each).
HEAVY_TIMEOUT_S = 600.0
#: What the uncertainty page says while a run waits in line, and when a session's budget refuses one.
QUEUE_WORDS = ("plats", "place")
BUDGET_WORDS = ("simuleringar den senaste minuten", "simulations in the last minute")


@dataclass
class Stats:
    reruns: list[float] = field(default_factory=list)  # seconds
    first_page: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    headlines: set[str] = field(default_factory=set)  # distinct first metrics seen: proof the levers moved
    queued: int = 0  # reruns that were told a place in line
    refused: int = 0  # reruns the session's budget refused

    def add(self, other: Stats) -> None:
        """Pool *other*'s figures into these."""
        self.reruns += other.reruns
        self.first_page += other.first_page
        self.errors += other.errors
        self.headlines |= other.headlines
        self.queued += other.queued
        self.refused += other.refused


def _quickack(sock: socket.socket) -> None:
    """Re-arm TCP_QUICKACK: a Python client otherwise meets a ~40 ms delayed-ACK stall per rerun."""
    quickack = getattr(socket, "TCP_QUICKACK", None)
    if quickack is not None:
        try:
            sock.setsockopt(socket.IPPROTO_TCP, quickack, 1)
        except OSError:
            pass


class Session:
    """One simulated user of the overview on one websocket."""

    page_name = ""  # the page's address ("" = the default page)
    timeout_s = TIMEOUT_S

    def __init__(self, ws_url: str, stats: Stats, rng: random.Random) -> None:
        self.ws_url = ws_url
        self.stats = stats
        self.rng = rng
        self.widgets: dict[str, str] = {}  # user key -> widget id
        self.values: dict[str, float] = {}
        self.texts: dict[str, list[str]] = {}  # user key -> value sent as text (button groups)
        self.page_hash = ""
        self._queued = self._refused = False

    async def run(self, moves: int, think: tuple[float, float], start_delay: float,
                  stop: asyncio.Event | None = None) -> None:
        """Open the page, then make *moves* moves (or, with *stop*, move until it is set)."""
        await asyncio.sleep(start_delay)
        try:
            async with websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=None,
                                          open_timeout=TIMEOUT_S, ping_interval=None) as ws:
                sock = ws.transport.get_extra_info("socket")
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                t0 = time.perf_counter()
                await self._rerun(ws, sock)
                self.stats.first_page.append(time.perf_counter() - t0)
                await self.prepare(ws, sock)
                done = 0
                while (done < moves) if stop is None else not stop.is_set():
                    await asyncio.sleep(self.rng.uniform(*think))
                    self.move()
                    t0 = time.perf_counter()
                    await self._rerun(ws, sock)
                    self.stats.reruns.append(time.perf_counter() - t0)
                    done += 1
        except (TimeoutError, OSError, websockets.WebSocketException) as exc:
            self.stats.errors.append(f"connection: {type(exc).__name__}: {exc}")

    async def prepare(self, ws, sock) -> None:
        """Whatever the user sets once after the first page (nothing on the overview)."""

    def move(self) -> None:
        """Move a random lever to a random value."""
        key = self.rng.choice([k for k in LEVERS if k in self.widgets])
        self._set_random(key)

    def _set_random(self, key: str) -> None:
        low, high, step = LEVERS[key]
        n = int(round((high - low) / step))
        self.values[key] = low + step * self.rng.randint(0, n)

    async def _rerun(self, ws, sock: socket.socket) -> None:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = ""
        state.page_script_hash = self.page_hash
        state.page_name = "" if self.page_hash else self.page_name
        for key, value in self.values.items():
            w = state.widget_states.widgets.add()
            w.id = self.widgets[key]
            w.double_array_value.data.append(float(value))
        for key, texts in self.texts.items():
            w = state.widget_states.widgets.add()
            w.id = self.widgets[key]
            w.string_array_value.data.extend(texts)
        self._queued = self._refused = False
        await ws.send(msg.SerializeToString())
        deadline = time.monotonic() + self.timeout_s
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.stats.errors.append(f"timeout: no script_finished within {self.timeout_s:.0f} s")
                return
            try:
                data = await asyncio.wait_for(ws.recv(), remaining)
            except TimeoutError:
                continue
            _quickack(sock)
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            if self._read(fwd):
                self.stats.queued += self._queued
                self.stats.refused += self._refused
                return

    def _read(self, fwd: ForwardMsg) -> bool:
        """Note what one message from the server says; True when the rerun has finished."""
        kind = fwd.WhichOneof("type")
        if kind == "new_session":
            self.page_hash = fwd.new_session.page_script_hash or self.page_hash
        elif kind == "navigation" and fwd.navigation.page_script_hash:
            self.page_hash = fwd.navigation.page_script_hash
        elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            self._element(fwd.delta.new_element)
        elif kind == "script_finished":
            status = fwd.script_finished
            if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return False
            if status != ForwardMsg.FINISHED_SUCCESSFULLY:
                self.stats.errors.append(f"script finished with status {status}")
            return True
        return False

    def _element(self, element) -> None:
        et = element.WhichOneof("type")
        if et == "exception":
            self.stats.errors.append(f"exception in app: {element.exception.message[:120]}")
        elif et == "metric" and element.metric.label.startswith(("Nettoeffekt", "Net effect")):
            self.stats.headlines.add(element.metric.body)
        elif et == "slider":
            key = element.slider.id.rsplit("-", 1)[-1]
            if key in LEVERS:
                self.widgets[key] = element.slider.id
        elif et == "button_group":
            self.widgets[element.button_group.id.rsplit("-", 1)[-1]] = element.button_group.id
            self.options = [o.content for o in element.button_group.options]
        elif et == "alert":
            body = element.alert.body
            self._queued |= any(w in body for w in QUEUE_WORDS) and ("kön" in body or "queue" in body)
            self._refused |= any(w in body for w in BUDGET_WORDS)


class UncertaintySession(Session):
    """Someone on the uncertainty page at 20 000 simulations, moving the shift as soon as an answer is there."""

    page_name = "osakerhet"
    timeout_s = HEAVY_TIMEOUT_S
    draws_key = "mc_draws"

    def __init__(self, ws_url: str, stats: Stats, rng: random.Random, draws: int = 20_000) -> None:
        super().__init__(ws_url, stats, rng)
        self.draws = draws
        self.options: list[str] = []

    async def prepare(self, ws, sock) -> None:
        """Choose the number of simulations (a rerun, counted like a move)."""
        wanted = [o for o in self.options if o.replace("\xa0", "").replace(" ", "").replace(",", "") == str(self.draws)]
        if self.draws_key not in self.widgets or not wanted:
            self.stats.errors.append(f"no choice of {self.draws} simulations on the uncertainty page")
            return
        self.texts[self.draws_key] = wanted
        t0 = time.perf_counter()
        await self._rerun(ws, sock)
        self.stats.reruns.append(time.perf_counter() - t0)

    def move(self) -> None:
        self._set_random("shift_mnkr")
