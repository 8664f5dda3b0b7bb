"""Load benchmark: many concurrent sessions moving the sidebar's sliders against a running app.

Each simulated user opens a session over Streamlit's own websocket protocol
(``/_stcore/stream``, subprotocol ``streamlit``: the browser's protocol, so the
server does exactly the work it does for a browser — runs the script, builds
every element and chart spec, sends them), waits for the first page, then moves
a random lever to a random value every 1–3 s (think time) and waits for the
rerun to finish. It prints the median and 95th percentile of the rerun time
(lever sent → ``script_finished`` received) and the number of errors
(exceptions shown in the app, failed or unfinished runs, lost connections,
timeouts).

Usage::

    python bench/load.py                       # starts the app itself (temporary scenario store)
    python bench/load.py --sessions 30 --moves 20 --think 1 3
    python bench/load.py --url http://127.0.0.1:8501   # against an app you started

Target on the 2-core development machine: p95 under 1 s with zero errors for
30 sessions. Only loopback addresses are accepted. The websocket protocol is
internal to Streamlit: this script is written for the pinned 1.67.0.

A Python client that writes back to back meets a ~40 ms delayed-ACK stall per
rerun (the server does not set TCP_NODELAY, browsers are not affected); the
client re-arms TCP_QUICKACK after every message it reads so that the stall is
not counted as server time.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: TID251 - the wire protocol, not the UI
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: TID251

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))

from streamlit_server import running_app  # noqa: E402

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
LOOPBACK_HOSTS = ("localhost", "::1")


@dataclass
class Stats:
    reruns: list[float] = field(default_factory=list)  # seconds
    first_page: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    headlines: set[str] = field(default_factory=set)  # distinct first metrics seen: proof the levers moved


class Session:
    """One simulated user on one websocket."""

    def __init__(self, ws_url: str, stats: Stats, rng: random.Random) -> None:
        self.ws_url = ws_url
        self.stats = stats
        self.rng = rng
        self.widgets: dict[str, str] = {}  # user key -> widget id
        self.values: dict[str, float] = {}
        self.page_hash = ""

    async def run(self, moves: int, think: tuple[float, float], start_delay: float) -> None:
        await asyncio.sleep(start_delay)
        try:
            async with websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=None,
                                          open_timeout=TIMEOUT_S, ping_interval=None) as ws:
                sock = ws.transport.get_extra_info("socket")
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                t0 = time.perf_counter()
                await self._rerun(ws, sock)
                self.stats.first_page.append(time.perf_counter() - t0)
                for _ in range(moves):
                    await asyncio.sleep(self.rng.uniform(*think))
                    key = self.rng.choice([k for k in LEVERS if k in self.widgets])
                    low, high, step = LEVERS[key]
                    n = int(round((high - low) / step))
                    self.values[key] = low + step * self.rng.randint(0, n)
                    t0 = time.perf_counter()
                    await self._rerun(ws, sock)
                    self.stats.reruns.append(time.perf_counter() - t0)
        except (TimeoutError, OSError, websockets.WebSocketException) as exc:
            self.stats.errors.append(f"connection: {type(exc).__name__}: {exc}")

    async def _rerun(self, ws, sock: socket.socket) -> None:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = ""
        state.page_script_hash = self.page_hash
        for key, value in self.values.items():
            w = state.widget_states.widgets.add()
            w.id = self.widgets[key]
            w.double_array_value.data.append(float(value))
        await ws.send(msg.SerializeToString())
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.stats.errors.append("timeout: no script_finished within 30 s")
                return
            data = await asyncio.wait_for(ws.recv(), remaining)
            _quickack(sock)
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            if self._read(fwd):
                return

    def _read(self, fwd: ForwardMsg) -> bool:
        """Note what one message from the server says; True when the rerun has finished."""
        kind = fwd.WhichOneof("type")
        if kind == "new_session":
            self.page_hash = fwd.new_session.main_script_hash
        elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            element = fwd.delta.new_element
            et = element.WhichOneof("type")
            if et == "exception":
                self.stats.errors.append(f"exception in app: {element.exception.message[:120]}")
            elif et == "metric" and element.metric.label.startswith(("Nettoeffekt", "Net effect")):
                self.stats.headlines.add(element.metric.body)
            elif et == "slider":
                key = element.slider.id.rsplit("-", 1)[-1]
                if key in LEVERS:
                    self.widgets[key] = element.slider.id
        elif kind == "script_finished":
            status = fwd.script_finished
            if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return False
            if status != ForwardMsg.FINISHED_SUCCESSFULLY:
                self.stats.errors.append(f"script finished with status {status}")
            return True
        return False


def _quickack(sock: socket.socket) -> None:
    quickack = getattr(socket, "TCP_QUICKACK", None)
    if quickack is not None:
        try:
            sock.setsockopt(socket.IPPROTO_TCP, quickack, 1)
        except OSError:
            pass


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100) by linear interpolation."""
    s = sorted(values)
    if not s:
        return float("nan")
    k = (len(s) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


async def run_load(url: str, sessions: int, moves: int, think: tuple[float, float], seed: int) -> Stats:
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not (host.startswith("127.") or host in LOOPBACK_HOSTS):
        raise SystemExit(f"refusing to load {url}: only loopback addresses")
    ws_url = f"ws://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"
    stats = Stats()
    rng = random.Random(seed)
    users = [Session(ws_url, stats, random.Random(rng.random())) for _ in range(sessions)]
    await asyncio.gather(*(u.run(moves, think, rng.uniform(0, think[1])) for u in users))
    return stats


def report(stats: Stats, sessions: int, elapsed: float) -> None:
    ms = [1000 * x for x in stats.reruns]
    first = [1000 * x for x in stats.first_page]
    print(f"sessions:            {sessions}")
    print(f"reruns measured:     {len(ms)} in {elapsed:.1f} s ({len(ms) / elapsed:.1f}/s)")
    if ms:
        print(f"rerun time median:   {statistics.median(ms):.0f} ms")
        print(f"rerun time p95:      {percentile(ms, 95):.0f} ms")
        print(f"rerun time max:      {max(ms):.0f} ms")
    if first:
        print(f"first page median:   {statistics.median(first):.0f} ms (p95 {percentile(first, 95):.0f} ms)")
    print(f"distinct headlines:  {len(stats.headlines)} (the levers really moved)")
    print(f"errors:              {len(stats.errors)}")
    for e in sorted(set(stats.errors))[:10]:
        print(f"  {stats.errors.count(e)} × {e}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="a running app (default: start app.py on a free loopback port)")
    ap.add_argument("--sessions", type=int, default=30)
    ap.add_argument("--moves", type=int, default=20, help="lever moves per session")
    ap.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"),
                    help="seconds between a session's moves")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)

    def go(url: str) -> Stats:
        t0 = time.perf_counter()
        stats = asyncio.run(run_load(url, args.sessions, args.moves, tuple(args.think), args.seed))
        report(stats, args.sessions, time.perf_counter() - t0)
        return stats

    if args.url:
        stats = go(args.url)
    else:
        with tempfile.TemporaryDirectory() as tmp, running_app(
            REPO / "app.py", env={"OMSTALLNING_DB_URL": f"sqlite:///{tmp}/scenarios.db"}
        ) as url:
            stats = go(url)
    return 1 if stats.errors else 0


if __name__ == "__main__":
    sys.exit(main())
