"""Benchmark: the employment area's model.run and uncertainty run beside the children's area (not a test).

    python bench/bench_areas.py [--repeats 10] [--rounds 15] [--draws 1000] [--backends]

Both areas run on the same engine in one process, case after case in turn
(children, employment, children, …) so both see the same load on a shared
machine. Printed: the median time of each case per area and the ratio
employment ÷ children (issue 13's target: the employment area within the
children's figures, a ratio of at most 1). The cases are each area's default
preset with a scenario that moves money: the children's default 10 mnkr
scenario, and 5 mnkr to IPS and workplace-based training for the employment
area; the uncertainty runs draw every parameter of the area within its range.
``--backends`` instead prints issue 14's ratio (the draws over one ``model.run``)
per area with the month loops compiled by numba and in numpy (model/kernels.py).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import model
from model import kernels


def cases(draws: int) -> dict[str, dict[str, Callable[[], object]]]:
    """case name -> area -> the call timed."""
    children = model.load_parameters()
    employment = model.load_parameters(area="employment")
    s_children = model.Scenario(shift_sek_per_year=10_000_000)
    s_employment = model.Scenario(shift_sek_per_year=5_000_000, mix={"ips": 0.5, "workplace_training": 0.5})
    return {
        "model.run": {
            "children": lambda: model.run(children, s_children),
            "employment": lambda: model.run(employment, s_employment),
        },
        f"run_uncertainty, {draws} draws": {
            "children": lambda: model.run_uncertainty(children, s_children, draws=draws, seed=1),
            "employment": lambda: model.run_uncertainty(employment, s_employment, draws=draws, seed=1),
        },
    }


def median_seconds(timed: dict[str, Callable[[], object]], repeats: int, rounds: int) -> dict[str, float]:
    """Median seconds per call of each area's call, alternating the areas round by round."""
    times: dict[str, list[float]] = {area: [] for area in timed}
    for call in timed.values():
        call()  # warm caches (presets, areas, imports)
    for _ in range(rounds):
        for area, call in timed.items():
            for _ in range(repeats):
                start = time.perf_counter()
                call()
                times[area].append(time.perf_counter() - start)
    return {area: statistics.median(t) for area, t in times.items()}


def backends(draws: int, rounds: int) -> None:
    """Issue 14's ratio, *draws* draws over one model.run, per area with the month loops in numba and in numpy.

    CPU time of this process, medians; the backends (model/kernels.py) alternate round by round, and
    numba's compile (or cache load) happens before the timing.
    """
    if not kernels.available():
        print("numba is not installed: only the numpy loops (pip install -e '.[fast]')")
        return
    kernels.warm_up()
    timed = cases(draws)
    monte_carlo = timed[f"run_uncertainty, {draws} draws"]
    times: dict[tuple[str, str, str], list[float]] = {}
    for i in range(rounds):
        for backend in (kernels.NUMBA, kernels.NUMPY)[:: 1 if i % 2 == 0 else -1]:
            kernels.use(backend)
            for area in ("children", "employment"):
                for case, call, calls in (("run", timed["model.run"][area], 5), ("draws", monte_carlo[area], 1)):
                    call()  # the first call after a switch warms this backend's caches
                    for _ in range(calls):
                        start = time.process_time()
                        call()
                        times.setdefault((backend, area, case), []).append(time.process_time() - start)
    for area in ("children", "employment"):
        for backend in (kernels.NUMBA, kernels.NUMPY):
            run, many = (statistics.median(times[(backend, area, c)]) * 1e3 for c in ("run", "draws"))
            print(f"{area:10} loops in {backend}: model.run {run:.2f} ms, {draws} draws {many:.0f} ms = "
                  f"{many / run:.1f} x model.run (issue 14's target <= 12; CPU time, medians of {rounds} rounds)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=10, help="calls per case, area and round")
    parser.add_argument("--rounds", type=int, default=15, help="rounds, alternating the areas")
    parser.add_argument("--draws", type=int, default=1000, help="draws of the uncertainty run")
    parser.add_argument("--backends", action="store_true", help="only the ratio per area, numba against numpy")
    args = parser.parse_args()
    if args.backends:
        backends(args.draws, max(3, args.rounds // 3))
        return
    print(f"{'case':34} {'children':>12} {'employment':>12} {'ratio':>7}")
    for name, timed in cases(args.draws).items():
        repeats = args.repeats if name == "model.run" else max(1, args.repeats // 5)
        m = median_seconds(timed, repeats, args.rounds)
        ratio = m["employment"] / m["children"]
        print(f"{name:34} {m['children'] * 1e3:9.2f} ms {m['employment'] * 1e3:9.2f} ms {ratio:7.2f}")


if __name__ == "__main__":
    main()
