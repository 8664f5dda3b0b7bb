"""Benchmark: the Monte Carlo analysis, the tornado and the break-even solvers (not a test).

    python bench/bench_uncertainty.py [--repeats 7] [--rounds 9] [--reference 2e3c698] [--no-tuned] [--backends]

First issue 14's ratios for today's code twice, in two children asked in turn:
with the month loops compiled by numba and with them in numpy
(``OMSTALLNING_NUMBA=0``; model/kernels.py), CPU time (``--backends``: only these).

On the default municipality and the default 10 mnkr scenario (10 years of
monthly steps). Then one deterministic ``model.run`` and ``run_uncertainty``
with 1 000 and 10 000 draws, for this checkout and for a reference commit
(``git archive`` of it into a temporary folder; by default the commit before
issue 9), in two child processes asked in turn, one run at a time
(bench/reference.py), so both see the same load: both medians and their ratio
are printed. Then, per checkout, the ratios of issue 14 measured in the same
process (:func:`ratios`): 1 000 draws over one ``model.run`` (target ≤ 12),
10 000 draws over 1 000 draws (target ≤ 10), and the tracemalloc peak of a
10 000-draw run (target ≤ 400 MB). Then the tornado and the break-even
solvers of today's code alone.

The engine allocates ~150 MB of short-lived arrays per 1 000 draws. With
glibc's default thresholds that memory goes back to the system after each run
and the next run pays page faults for it again (about a quarter of the time).
Unless ``--no-tuned`` is given, the comparison is printed a second time with
``MALLOC_MMAP_THRESHOLD_`` and ``MALLOC_TRIM_THRESHOLD_`` raised in both
children (:data:`TUNED_MALLOC`), which keeps that memory in the process: the
setting docs/deployment.md gives a server (the app itself does not tune its
allocator). On a shared 2-core machine the figures vary by ±30 % between
runs; the ratio, measured under the same load, varies less.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from malloc_env import malloc_env
from reference import DEFAULT_REFERENCE, ROOT, Worker, checkout, child_main, compare, report

#: The deployment's allocator settings (deploy/malloc.env), the one home of them.
TUNED_MALLOC = malloc_env()


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


def monte_carlo(model, args: list[str]) -> dict:
    """The timed Monte Carlo cases, for whichever model is imported (today's or the reference's)."""
    params = model.load_parameters()
    scenario = model.Scenario(shift_sek_per_year=10_000_000)
    seeds = iter(range(100_000))
    def monte(draws: int):
        return lambda: model.run_uncertainty(params, scenario, draws, next(seeds))

    cases = {RUN_CASE: (lambda: model.run(params, scenario), 5)}
    cases.update({draws_case(draws): (monte(draws), 1) for draws in (1_000, 10_000)})
    return cases


#: The cases timed in both checkouts; :func:`ratios` divides them.
RUN_CASE = "model.run (one deterministic run)"
#: Targets of issue 14: 1 000 draws / one run, 10 000 draws / 1 000 draws, peak of 10 000 draws [MB].
TARGET_DRAWS_OVER_RUN = 12.0
TARGET_TEN_OVER_ONE = 10.0
TARGET_PEAK_MB = 400.0


def draws_case(draws: int) -> str:
    return f"run_uncertainty, {draws:>6} draws"


def ratios(results: dict[str, dict[str, list[float]]], reference: str) -> None:
    """Per checkout: 1 000 draws over one model.run, 10 000 over 1 000 draws (medians of the same process)."""
    for label, times in results.items():
        name = reference if label == "reference" else "today"
        if RUN_CASE not in times:
            continue
        print(f"{name}: {_ratio_line(times)}", flush=True)


def _ratio_line(times: dict[str, list[float]]) -> str:
    """Issue 14's two ratios from the medians of one checkout's (or backend's) times."""
    run, one, ten = (statistics.median(times[c]) for c in (RUN_CASE, draws_case(1_000), draws_case(10_000)))
    return (
        f"model.run {run:.2f} ms, 1 000 draws {one:.0f} ms = {one / run:.1f} x model.run "
        f"(target <= {TARGET_DRAWS_OVER_RUN:.0f}), 10 000 draws {ten:.0f} ms = {ten / one:.2f} x 1 000 draws "
        f"(target <= {TARGET_TEN_OVER_ONE:.0f})"
    )


#: The two backends of the month loops (model/kernels.py), as the environment of a child chooses them.
BACKENDS = {"numba": {}, "numpy": {"OMSTALLNING_NUMBA": "0"}}


def backends(rounds: int) -> None:
    """Today's code with the compiled loops and with numpy's: issue 14's ratios in CPU time, interleaved.

    Two children of this checkout, one per backend (each warmed up: numba's compile or cache load is not
    timed), asked in turn for one case at a time, alternating which goes first.
    """
    workers = {name: Worker(Path(__file__), ROOT, [], {**env, "BENCH_CLOCK": "cpu"}) for name, env in BACKENDS.items()}
    times: dict[str, dict[str, list[float]]] = {name: {} for name in workers}
    try:
        for i in range(rounds):
            for case in workers["numba"].cases:
                for name in list(workers)[:: 1 if i % 2 == 0 else -1]:
                    times[name].setdefault(case, []).extend(workers[name].time(case))
    finally:
        for w in workers.values():
            w.close()
    for name, by_case in times.items():
        print(f"loops in {name}: {_ratio_line(by_case)}; CPU time, medians of {rounds} rounds", flush=True)
    one_draws = [statistics.median(times[name][draws_case(1_000)]) for name in ("numba", "numpy")]
    print(f"1 000 draws, numba / numpy: {one_draws[0] / one_draws[1]:.2f}")


def peak_of_ten_thousand(model) -> float:
    """tracemalloc peak of one 10 000-draw run [MB], in the checkout *model* comes from."""
    params = model.load_parameters()
    scenario = model.Scenario(shift_sek_per_year=10_000_000)
    return traced_peak_mb(lambda: model.run_uncertainty(params, scenario, 10_000, 7))


def peaks(reference: str) -> None:
    """The tracemalloc peak of a 10 000-draw run in a fresh process of each checkout."""
    with checkout(reference) as ref_dir:
        for name, code_dir in ((reference, ref_dir), ("today", ROOT)):
            env = {**os.environ, "PYTHONPATH": str(code_dir)}
            out = subprocess.run(
                [sys.executable, __file__, "--peak-child", str(code_dir)],
                env=env, cwd=code_dir, capture_output=True, text=True, check=True,
            ).stdout.strip()
            mb = float(out)
            verdict = "within" if mb <= TARGET_PEAK_MB else "ABOVE"
            print(f"{name}: tracemalloc peak of one 10 000-draw run {mb:.0f} MB ({verdict} {TARGET_PEAK_MB:.0f} MB)")


def report_one(name: str, wall: list[float], cpu: list[float]) -> None:
    print(f"{name}: median {statistics.median(wall):.0f} ms, min {min(wall):.0f} ms, "
          f"CPU median {statistics.median(cpu):.0f} ms (n={len(wall)})")


def others(repeats: int) -> None:
    """The tornado and the break-even solvers, today's code only."""
    sys.path.insert(0, str(ROOT))
    import model
    from model.analysis import breakeven

    params = model.load_parameters()
    scenario = model.Scenario(shift_sek_per_year=10_000_000)
    wall, cpu = measure(lambda: model.tornado(params, scenario), repeats)
    report_one(f"tornado ({len(model.tornado(params, scenario))} parameters x 2 in one batch)", wall, cpu)
    solvers = {
        "effect_needed (parent training, by 2028)": lambda: breakeven.effect_needed(params, scenario, 2028),
        "homes_needed (by 2029)": lambda: breakeven.homes_needed(params, scenario, 2029),
        "largest_shift (every year)": lambda: breakeven.largest_shift(params, scenario),
        "largest_shift (2030)": lambda: breakeven.largest_shift(params, scenario, 2030),
    }
    for name, fn in solvers.items():
        wall, cpu = measure(fn, repeats)
        report_one(name, wall, cpu)
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    peaks = {d: traced_peak_mb(lambda d=d: model.run_uncertainty(params, scenario, d, 1)) for d in (1_000, 20_000)}
    print(
        f"peak memory of one run (tracemalloc): 1 000 draws {peaks[1_000]:.0f} MB, 20 000 draws "
        f"{peaks[20_000]:.0f} MB (ratio {peaks[20_000] / peaks[1_000]:.2f}; chunked draws keep it flat)"
    )


def traced_peak_mb(fn) -> float:
    """Peak of the memory allocated while *fn* runs (Python and numpy, by tracemalloc) [MB]."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def main() -> None:
    if child_main(sys.argv[1:], monte_carlo):
        return
    if sys.argv[1:2] == ["--peak-child"]:
        sys.path.insert(0, sys.argv[2])
        import model

        if (Path(sys.argv[2]) / "model" / "kernels.py").exists():  # a checkout with the compiled loops
            from model import kernels

            kernels.warm_up()  # numba's import and compile are not the run's memory (nor its time)
        print(peak_of_ten_thousand(model))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=7, help="calls of the tornado and each solver")
    parser.add_argument("--rounds", type=int, default=9, help="turns of each Monte Carlo case, checkouts alternating")
    parser.add_argument("--reference", default=DEFAULT_REFERENCE, help="the commit to compare with")
    parser.add_argument("--no-tuned", action="store_true", help="skip the comparison with the tuned allocator")
    parser.add_argument("--backends", action="store_true", help="only today's code, numba against numpy loops")
    args = parser.parse_args()
    print("default municipality, 10 mnkr a year, 10 years of monthly steps")
    print("\nToday's code, the month loops compiled (numba) and in numpy (model/kernels.py):", flush=True)
    backends(args.rounds)
    if args.backends:
        return
    print("\nToday against the reference, medians of wall time:")
    results = compare(Path(__file__), [], args.rounds, args.reference)
    report(results, args.reference)
    print("\nIssue 14's ratios, each checkout's own medians (same process, same load):")
    ratios(results, args.reference)
    peaks(args.reference)
    if not args.no_tuned:
        settings = " ".join(f"{k}={v}" for k, v in TUNED_MALLOC.items())
        print(f"\nThe Monte Carlo again, allocator tuned in both ({settings}):", flush=True)
        report(compare(Path(__file__), [], args.rounds, args.reference, TUNED_MALLOC), args.reference)
    print("\nToday's code only:")
    others(args.repeats)


if __name__ == "__main__":
    main()
