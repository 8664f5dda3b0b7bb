"""Benchmark: a fresh app process, started plainly or preloaded, until its first page (not a test).

    python bench/cold_start.py [--rounds 3]

For each way of starting a process, in turn and interleaved, on a free loopback port:
``streamlit run app.py`` (listens at once, loads the model on the first page) and
``deploy/serve.py`` (loads the model, then listens). Printed per way, medians of
``--rounds`` starts: the seconds until the port answers its health check, the
seconds the first overview page then takes (a session opened at once, as a proxy
would send one), and then the first uncertainty page (another session, once the
overview is done: as ``deploy/warm.py`` opens them). What a proxy's users see is
the page figures: before the health check answers, a proxy sends them to
another process.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))
sys.path.insert(0, str(REPO / "deploy"))

import warm  # noqa: E402
from streamlit_server import free_port  # noqa: E402

OPTIONS = ["--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"]
WAYS = {
    "streamlit run": [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py")],
    "deploy/serve.py": [sys.executable, str(REPO / "deploy" / "serve.py")],
}


def cold_start(command: list[str]) -> tuple[float, float, float]:
    """Start one process: seconds to a healthy port, then of the first overview page, then of the uncertainty page."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    t0 = time.perf_counter()
    proc = subprocess.Popen([*command, "--server.port", str(port), *OPTIONS], cwd=REPO, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not warm.healthy(url, wait_s=180):
            raise SystemExit(f"{' '.join(command[:4])}: no health answer within 180 s")
        listening = time.perf_counter() - t0
        overview, uncertainty = asyncio.run(warm.warm(url))
        for page in (overview, uncertainty):
            if page.problems:
                raise SystemExit(f"{' '.join(command[:4])}: {page.page}: {'; '.join(page.problems)}")
        return listening, overview.seconds, uncertainty.seconds
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    times: dict[str, list[tuple[float, float, float]]] = {way: [] for way in WAYS}
    for _ in range(args.rounds):
        for way, command in WAYS.items():
            times[way].append(cold_start(command))
    print(f"a fresh process until its first pages, medians of {args.rounds} interleaved starts:")
    for way, runs in times.items():
        listen, overview, uncertainty = (statistics.median(r[i] for r in runs) for i in range(3))
        print(f"  {way:16s} health answers after {listen:5.1f} s; then the first overview takes {overview:5.2f} s,"
              f" the first uncertainty page {uncertainty:5.2f} s")


if __name__ == "__main__":
    main()
