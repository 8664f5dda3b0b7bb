"""Load benchmark: many concurrent sessions against a running app, with the server's memory.

Each simulated user speaks Streamlit's own websocket protocol, so the server
does exactly the work it does for a browser (bench/load_session.py). Scenarios:

``sliders`` (default)
    ``--sessions`` users on the overview move a random lever every 1–3 s.
``meeting``
    A committee meeting (issue 14): first ``--sessions`` (20) overview users
    alone, then the same with ``--heavy`` (8) users on the uncertainty page
    who have chosen 20 000 simulations and move the shift as soon as each
    answer is there. Prints the overview users' p95 in both phases and their
    ratio (target ≤ 2), the errors (target 0), the heavy runs, how many were
    told a place in line or refused by their budget, and the server's
    resident memory: at start, at peak (target < 2 GB) and ``--settle``
    seconds after the load ends.
``capacity``
    The slider users at each of ``--steps`` session counts in turn (5, 10, 15,
    20, 30, 50): reruns a second, median and p95, first page, the server's and
    this client's CPU, and the most sessions whose p95 stayed within 300 ms —
    how many users a machine of this size carries, and what a rerun costs
    the server under load.
``upload``
    Overview users alone, then again while a browser uploads a parameter
    workbook of a million rows (bench/big_workbook.py) on "Antaganden":
    how long until the app answers the upload, what it says, and the others'
    p95 meanwhile.

Usage::

    python bench/load.py                                # starts the app itself (temporary store)
    python bench/load.py --scenario meeting
    python bench/load.py --scenario upload
    python bench/load.py --url http://127.0.0.1:8080 --sessions 50 --pid 1234 --pid 1235

When it starts the app itself, the server runs with the allocator settings of
the deployment (deploy/malloc.env, as the systemd unit in docs/deployment.md;
``--malloc none`` for glibc's defaults). Against ``--url``, ``--pid`` names
the server processes whose memory to report (deploy/local.sh status prints
them) and which to warm up first, each on its own port (deploy/warm.py; without
``--pid`` the warm-up goes through ``--url`` and warms only the process it
reaches). Only loopback addresses are accepted. The protocol is internal to
Streamlit: written for the pinned 1.67.0.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "deploy"))

import warm  # noqa: E402
from load_session import Session, Stats, UncertaintySession  # noqa: E402
from malloc_env import malloc_env  # noqa: E402
from server_memory import RssSampler, both, cpu_seconds, mb  # noqa: E402
from streamlit_server import running_server  # noqa: E402

LOOPBACK_HOSTS = ("localhost", "::1")
#: Targets of issue 14 (printed beside the figures).
TARGET_RATIO, TARGET_RSS, TARGET_P95_MS = 2.0, 2e9, 300.0


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100) by linear interpolation."""
    s = sorted(values)
    if not s:
        return float("nan")
    k = (len(s) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def ws_url_of(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not (host.startswith("127.") or host in LOOPBACK_HOSTS):
        raise SystemExit(f"refusing to load {url}: only loopback addresses")
    return f"ws://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"


async def phase(url: str, args, heavy: int = 0, beside=None) -> tuple[Stats, Stats, float]:
    """Overview users making ``args.moves`` moves each, beside *heavy* uncertainty users (and *beside*,
    an awaitable run alongside); the heavy users keep moving until the overview users are done."""
    ws_url, rng = ws_url_of(url), random.Random(args.seed)
    light, heavy_stats, stop = Stats(), Stats(), asyncio.Event()
    users = [Session(ws_url, light, random.Random(rng.random())) for _ in range(args.sessions)]
    hammers = [UncertaintySession(ws_url, heavy_stats, random.Random(rng.random())) for _ in range(heavy)]
    t0 = time.perf_counter()

    async def overview() -> None:
        await asyncio.gather(*(u.run(args.moves, tuple(args.think), rng.uniform(0, args.think[1])) for u in users))
        stop.set()

    await asyncio.gather(
        overview(),
        *(h.run(0, (0.2, 0.5), rng.uniform(0, 1), stop) for h in hammers),
        *([] if beside is None else [beside]),
    )
    return light, heavy_stats, time.perf_counter() - t0


def process_url(pid: int) -> str | None:
    """The address the server process *pid* was started on (its --server.address and --server.port), if it says."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return None
    found = {a: b for a, b in zip(args, args[1:], strict=False) if a.startswith("--server.")}
    found |= dict(a.split("=", 1) for a in args if a.startswith("--server.") and "=" in a)
    port = found.get("--server.port")
    return f"http://{found.get('--server.address', '127.0.0.1')}:{port}" if port else None


def warm_up(url: str, pids: list[int]) -> None:
    """Warm each server process on its own port first, as deploy/local.sh does (deploy/warm.py): the first run
    of a fresh process imports the model (seconds). Through *url* where a process's port cannot be read (a
    proxy then warms only the process it picks)."""
    for process in dict.fromkeys([process_url(pid) or url for pid in pids] or [url]):
        ws_url_of(process)  # loopback only
        t0 = time.perf_counter()
        runs = asyncio.run(warm.warm(process))
        pages = ", ".join(f"{r.page} {r.seconds:.1f} s" for r in runs)
        print(f"warm-up of {process}: {time.perf_counter() - t0:.1f} s ({pages})")
        if problems := [f"{r.page}: {p}" for r in runs for p in r.problems]:
            raise SystemExit(f"the warm-up of {process} failed: " + "; ".join(problems))


def report(name: str, stats: Stats, sessions: int, elapsed: float) -> None:
    ms = [1000 * x for x in stats.reruns]
    first = [1000 * x for x in stats.first_page]
    print(f"{name}: {sessions} sessions, {len(ms)} reruns in {elapsed:.1f} s ({len(ms) / elapsed:.1f}/s)")
    if ms:
        print(f"  rerun median {statistics.median(ms):.0f} ms, p95 {percentile(ms, 95):.0f} ms, max {max(ms):.0f} ms")
    if first:
        print(f"  first page median {statistics.median(first):.0f} ms (p95 {percentile(first, 95):.0f} ms)")
    if stats.headlines:
        print(f"  distinct headlines {len(stats.headlines)} (the levers really moved)")
    if stats.queued or stats.refused:
        print(f"  told a place in line {stats.queued} times, refused by the budget {stats.refused} times")
    print(f"  errors {len(stats.errors)}")
    for e in sorted(set(stats.errors))[:10]:
        print(f"    {stats.errors.count(e)} × {e}")


def p95_ms(stats: Stats) -> float:
    return 1000 * percentile(stats.reruns, 95)


def run_sliders(url: str, args, mem: RssSampler | None) -> int:
    light, _, elapsed = asyncio.run(phase(url, args))
    report("overview", light, args.sessions, elapsed)
    return len(light.errors)


def run_meeting(url: str, args, mem: RssSampler | None) -> int:
    """Rounds of the overview users alone and beside the heavy users, pooled (drift on a shared machine
    falls on both alike)."""
    start = mem.now() if mem else (0, 0)
    alone, loaded, heavy, t_alone, t_loaded = Stats(), Stats(), Stats(), 0.0, 0.0
    cpu = {"alone": 0.0, "beside": 0.0, "client": 0.0}
    for _ in range(args.rounds):
        c0, k0 = cpu_seconds(mem.pids) if mem else 0.0, time.process_time()
        light, _, elapsed = asyncio.run(phase(url, args))
        alone.add(light)
        t_alone += elapsed
        c1 = cpu_seconds(mem.pids) if mem else 0.0
        light, hammer, elapsed = asyncio.run(phase(url, args, heavy=args.heavy))
        loaded.add(light)
        heavy.add(hammer)
        t_loaded += elapsed
        c2 = cpu_seconds(mem.pids) if mem else 0.0
        cpu["alone"] += c1 - c0
        cpu["beside"] += c2 - c1
        cpu["client"] += time.process_time() - k0
    report(f"overview alone ({args.rounds} rounds)", alone, args.sessions, t_alone)
    report(f"overview beside {args.heavy} users at 20 000 simulations", loaded, args.sessions, t_loaded)
    report("uncertainty page at 20 000 simulations", heavy, args.heavy, t_loaded)
    ratio = p95_ms(loaded) / p95_ms(alone)
    errors = len(alone.errors) + len(loaded.errors) + len(heavy.errors)
    print(f"overview p95 beside / alone: {p95_ms(loaded):.0f} / {p95_ms(alone):.0f} ms = {ratio:.2f} "
          f"(target ≤ {TARGET_RATIO:.0f}): {'met' if ratio <= TARGET_RATIO else 'MISSED'}")
    print(f"errors: {errors} (target 0)")
    print(f"CPU time of the server and its workers: {cpu['alone'] / t_alone:.2f} cores alone, "
          f"{cpu['beside'] / t_loaded:.2f} cores beside the heavy users; of this load client: "
          f"{cpu['client'] / (t_alone + t_loaded):.2f} cores (the machine has {os.cpu_count()})")
    if mem:
        after = mem.settle(args.settle)
        print(f"server memory: at start {both(start)}; peak {mb(mem.peak_rss)} (with children, PSS "
              f"{mb(mem.peak_pss)}; target < {mb(TARGET_RSS)}: {'met' if mem.peak_pss < TARGET_RSS else 'MISSED'}); "
              f"{args.settle:.0f} s after the load {both(after)}")
    return errors


def upload(url: str, path: Path, timeout_s: float) -> tuple[float, str]:
    """Upload *path* on "Antaganden" in a headless browser: seconds until the app answers, and its words."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright
    from streamlit_server import launch_browser, wait_idle

    with sync_playwright() as p:
        browser = launch_browser(p)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="sv-SE")
            page.goto(f"{url.rstrip('/')}/antaganden")
            wait_idle(page, 60000)
            page.get_by_role("tab", name="Spara och ladda upp").click()
            t0 = time.perf_counter()
            page.locator(".st-key-asm_upload input[type='file']").set_input_files(str(path))
            answer = page.locator("[data-testid='stAlert']").filter(has_text=path.stem).first
            try:
                answer.wait_for(timeout=timeout_s * 1000)
            except PlaywrightTimeout:
                return time.perf_counter() - t0, f"no answer within {timeout_s:.0f} s"
            return time.perf_counter() - t0, answer.inner_text()
        finally:
            browser.close()


def run_upload(url: str, args, mem: RssSampler | None) -> int:
    from big_workbook import cached_big_workbook

    path = cached_big_workbook()
    alone, _, t_alone = asyncio.run(phase(url, args))
    report("overview alone", alone, args.sessions, t_alone)
    answer: dict[str, object] = {}

    async def beside() -> None:
        await asyncio.sleep(2)
        answer["seconds"], answer["text"] = await asyncio.to_thread(upload, url, path, args.upload_timeout)

    loaded, _, t_loaded = asyncio.run(phase(url, args, beside=beside()))
    report(f"overview while {path.name} ({path.stat().st_size / 1e6:.1f} MB) is uploaded", loaded, args.sessions,
           t_loaded)
    print(f"the upload was answered after {answer['seconds']:.1f} s: {str(answer['text'])[:300]!r}")
    print(f"overview p95 during / alone: {p95_ms(loaded):.0f} / {p95_ms(alone):.0f} ms")
    if mem:
        print(f"server memory: peak {mb(mem.peak_rss)} (with children, PSS {mb(mem.peak_pss)}), now {both(mem.now())}")
    return len(alone.errors) + len(loaded.errors)


def run_capacity(url: str, args, mem: RssSampler | None) -> int:
    """The slider users at each of ``--steps`` session counts in turn: where p95 crosses the target, and what a
    rerun costs the server under load (its CPU seconds per rerun, with ``--pid``; nothing else may run then)."""
    print(f"{'sessions':>8} {'reruns/s':>9} {'median':>8} {'p95':>8} {'first page':>11} {'server cores':>13} "
          f"{'CPU/rerun':>10} {'client cores':>13}")
    errors, held = 0, 0
    for sessions in args.steps:
        args.sessions = sessions
        c0, k0 = cpu_seconds(mem.pids) if mem else 0.0, time.process_time()
        stats, _, elapsed = asyncio.run(phase(url, args))
        server, client = (cpu_seconds(mem.pids) - c0 if mem else float("nan")), time.process_time() - k0
        reruns = len(stats.reruns) + len(stats.first_page)  # a first page is a script run too
        first = statistics.median(stats.first_page) * 1000 if stats.first_page else float("nan")
        print(f"{sessions:>8} {len(stats.reruns) / elapsed:>9.1f} {1000 * statistics.median(stats.reruns):>6.0f} ms "
              f"{p95_ms(stats):>5.0f} ms {first:>8.0f} ms {server / elapsed:>13.2f} "
              f"{1000 * server / max(reruns, 1):>7.0f} ms {client / elapsed:>13.2f}")
        errors += len(stats.errors)
        if p95_ms(stats) <= TARGET_P95_MS:
            held = sessions
    print(f"most sessions with p95 ≤ {TARGET_P95_MS:.0f} ms (think {args.think[0]:g}–{args.think[1]:g} s): "
          f"{held or 'none of those tried'}; errors {errors}")
    return errors


SCENARIOS = {"sliders": run_sliders, "meeting": run_meeting, "upload": run_upload, "capacity": run_capacity}


@contextmanager
def started_app(args):
    """The app on a free loopback port with a temporary store (and the deployment's allocator settings)."""
    env = {} if args.malloc == "none" else malloc_env()
    app = args.app.resolve()
    with tempfile.TemporaryDirectory() as tmp, running_server(
        app, env={"OMSTALLNING_DB_URL": f"sqlite:///{tmp}/scenarios.db", "PYTHONPATH": str(app.parent), **env},
        cwd=app.parent,
    ) as (url, proc):
        print(f"app started: {app} at {url}, allocator: "
              f"{' '.join(f'{k}={v}' for k, v in env.items()) or 'glibc defaults'}")
        yield url, [proc.pid]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scenario", choices=sorted(SCENARIOS), default="sliders")
    ap.add_argument("--url", help="a running app (default: start app.py on a free loopback port)")
    ap.add_argument("--app", type=Path, default=REPO / "app.py",
                    help="the app.py to start (another checkout's, to compare; its folder goes first on the path)")
    ap.add_argument("--pid", type=int, action="append", default=[], help="a server process to watch (with --url)")
    ap.add_argument("--sessions", type=int, default=None, help="overview users (default 30; 20 in meeting)")
    ap.add_argument("--steps", type=lambda x: [int(n) for n in x.split(",")], default=[5, 10, 15, 20, 30, 50],
                    help="capacity: the session counts to try, in turn (comma-separated)")
    ap.add_argument("--heavy", type=int, default=8, help="uncertainty-page users in the meeting")
    ap.add_argument("--moves", type=int, default=20, help="lever moves per overview user and phase")
    ap.add_argument("--rounds", type=int, default=2, help="meeting: rounds of alone / beside the heavy users")
    ap.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"),
                    help="seconds between an overview user's moves")
    ap.add_argument("--settle", type=float, default=30.0, help="seconds after the load before memory is read")
    ap.add_argument("--malloc", choices=("deployment", "none"), default="deployment")
    ap.add_argument("--upload-timeout", type=float, default=300.0)
    ap.add_argument("--no-warm-up", dest="warm_up", action="store_false",
                    help="measure the first pages of a cold process too")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if args.sessions is None:
        args.sessions = 20 if args.scenario in ("meeting", "upload") else 30
    with ExitStack() as stack:
        if args.url:
            url, pids = args.url, args.pid
        else:
            url, pids = stack.enter_context(started_app(args))
        # Reading a process's PSS costs ~13 ms of CPU on this machine: every 0.2 s where a memory peak is the
        # point (the meeting, the upload), every 2 s otherwise (5 % of two cores, taken from the server, else).
        interval = 0.2 if args.scenario in ("meeting", "upload") else 2.0
        mem = stack.enter_context(RssSampler(pids, interval)) if pids else None
        if args.warm_up:
            warm_up(url, pids)
        errors = SCENARIOS[args.scenario](url, args, mem)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
