"""Benchmark: median time of model.run on the default 10 mnkr scenario (not a test).

    python bench/bench_model.py [--repeats 200]

Prints the median and p90 of wall time per call after warm-up; target < 5 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import model


def measure(fn, repeats: int) -> list[float]:
    for _ in range(5):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    params = model.load_parameters()
    cases = {
        "baseline (no shift)": model.Scenario(),
        "default 10 mnkr scenario": model.Scenario(shift_sek_per_year=10_000_000),
        "10 mnkr, 15 years, all six measures": model.Scenario(
            shift_sek_per_year=10_000_000, horizon_years=15, mix={m: 1 / 6 for m in params.measure_ids}
        ),
    }
    for name, scenario in cases.items():
        times = sorted(measure(lambda s=scenario: model.run(params, s), args.repeats))
        p90 = times[int(0.9 * (len(times) - 1))]
        print(f"model.run, {name}: median {statistics.median(times):.2f} ms, p90 {p90:.2f} ms (n={len(times)})")


if __name__ == "__main__":
    main()
