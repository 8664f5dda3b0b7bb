"""Benchmark: the Monte Carlo analysis, the tornado and the break-even solvers (not a test).

    python bench/bench_uncertainty.py [--repeats 7] [--no-tuned]

Prints the median (and min) wall time of several runs after a warm-up, on the
default municipality and the default 10 mnkr scenario (10 years of monthly
steps). Targets (issue 5): 1 000 draws under 100 ms, 10 000 draws under 1 s.
On a shared 2-core machine the figures vary by ±30 % between runs; the CPU
time of this process is printed too, as it is less disturbed by other work.

The engine allocates ~150 MB of short-lived arrays per 1 000 draws. With
glibc's default thresholds that memory goes back to the system after each run
and the next run pays page faults for it again (about a quarter of the time).
Unless ``--no-tuned`` is given, the Monte Carlo figures are printed a second
time from a child process started with the deployment's allocator settings
(deploy/malloc.env: ``MALLOC_MMAP_THRESHOLD_`` and ``MALLOC_TRIM_THRESHOLD_``
raised), which keep that memory in the process: the setting docs/deployment.md
gives a server (the app itself does not tune its allocator).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from malloc_env import malloc_env

import model
from model.analysis import breakeven
from model.analysis.uncertainty import CHUNK_DRAWS, run_uncertainty


def measure(fn, repeats: int, warmups: int = 2) -> tuple[list[float], list[float]]:
    """Wall and CPU times [ms] of *repeats* calls after *warmups* calls."""
    for _ in range(warmups):
        fn()
    wall, cpu = [], []
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - w0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return wall, cpu


def report(name: str, wall: list[float], cpu: list[float], target_ms: float | None = None) -> None:
    median = statistics.median(wall)
    verdict = (
        "" if target_ms is None else (f"  target < {target_ms:.0f} ms: " + ("met" if median < target_ms else "MISSED"))
    )
    print(
        f"{name}: median {median:.0f} ms, min {min(wall):.0f} ms, CPU median {statistics.median(cpu):.0f} ms "
        f"(n={len(wall)}){verdict}"
    )


def traced_peak_mb(fn) -> float:
    """Peak of the memory allocated while *fn* runs (Python and numpy, by tracemalloc) [MB]."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def report_memory(params, scenario) -> None:
    """Peak memory of one run by number of draws: the chunks keep it flat (issue 14)."""
    peaks = {d: traced_peak_mb(lambda d=d: run_uncertainty(params, scenario, d, 1)) for d in (1_000, 20_000)}
    print(
        f"peak memory of one run (tracemalloc): 1 000 draws {peaks[1_000]:.0f} MB, 20 000 draws "
        f"{peaks[20_000]:.0f} MB (ratio {peaks[20_000] / peaks[1_000]:.2f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--no-tuned", action="store_true", help="skip the run with the tuned allocator")
    parser.add_argument("--only-monte-carlo", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    params = model.load_parameters()
    scenario = model.Scenario(shift_sek_per_year=10_000_000)
    print(
        f"default municipality, 10 mnkr a year, {scenario.horizon_years} years of monthly steps; "
        f"chunks of {CHUNK_DRAWS} draws"
    )

    seeds = iter(range(10_000))
    for draws, repeats, target in (
        (1_000, args.repeats, 100),
        (10_000, max(3, args.repeats // 2), 1_000),
        (20_000, 3, None),
    ):
        wall, cpu = measure(lambda d=draws: run_uncertainty(params, scenario, d, next(seeds)), repeats, warmups=1)
        report(f"run_uncertainty, {draws:>6} draws", wall, cpu, target)
    if args.only_monte_carlo:
        return
    report_memory(params, scenario)

    wall, cpu = measure(lambda: model.tornado(params, scenario), args.repeats)
    report(f"tornado ({len(model.tornado(params, scenario))} parameters x 2 in one batch)", wall, cpu)
    solvers = {
        "effect_needed (parent training, by 2028)": lambda: breakeven.effect_needed(params, scenario, 2028),
        "homes_needed (by 2029)": lambda: breakeven.homes_needed(params, scenario, 2029),
        "largest_shift (every year)": lambda: breakeven.largest_shift(params, scenario),
        "largest_shift (2030)": lambda: breakeven.largest_shift(params, scenario, 2030),
    }
    for name, fn in solvers.items():
        wall, cpu = measure(fn, args.repeats)
        report(name, wall, cpu)
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if not args.no_tuned:
        tuned = malloc_env()
        settings = " ".join(f"{k}={v}" for k, v in tuned.items())
        print(f"\nThe Monte Carlo again, allocator tuned ({settings}):", flush=True)
        command = [sys.executable, __file__, "--only-monte-carlo", "--no-tuned", "--repeats", str(args.repeats)]
        subprocess.run(command, env={**os.environ, **tuned}, check=True)


if __name__ == "__main__":
    main()
