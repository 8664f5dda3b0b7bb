"""Benchmark: median time of model.run, today's code beside a reference commit (not a test).

    python bench/bench_model.py [--repeats 10] [--rounds 30] [--reference 2e3c698]

Times ``model.run`` on the default municipality in two child processes, one
for this checkout and one for the reference commit (``git archive`` of it
into a temporary folder; by default the commit before issue 9), a few calls
of one case at a time, alternating (bench/reference.py), so both see the
same load; prints both medians and their ratio (target: today within 1.2 ×
the reference; absolute target < 5 ms on an idle machine).
"reading every table" also reads ``by_form`` and ``by_measure`` (and, where
the model has it, ``by_mechanism``): today's ``Result`` builds those on first
use, the reference built them in ``model.run``. Where the checkout has it, the
overview's curve of the net effect by amount moved is timed too
(``net_by_amount``, 41 amounts in one batch): the slider moves of every lever
but the amount recompute it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reference import DEFAULT_REFERENCE, child_main, compare, report


def cases(model, args: list[str]) -> dict:
    """The timed cases, for whichever model is imported (today's or the reference's): (call, calls per turn)."""
    calls = int(args[0])
    params = model.load_parameters()
    default = model.Scenario(shift_sek_per_year=10_000_000)
    ids = params.measure_ids
    every = model.Scenario(shift_sek_per_year=10_000_000, horizon_years=15, mix={m: 1 / len(ids) for m in ids})

    def every_table():
        r = model.run(params, default)
        for name in ("by_form", "by_measure", "by_mechanism"):
            getattr(r, name, None)

    out = {
        "model.run, baseline (no shift)": (lambda: model.run(params, model.Scenario()), calls),
        "model.run, default 10 mnkr scenario": (lambda: model.run(params, default), calls),
        "model.run, default 10 mnkr, reading every table": (every_table, calls),
        "model.run, 10 mnkr, 15 years, every measure": (lambda: model.run(params, every), calls),
    }
    try:  # the overview's net effect by amount moved (issue 9 on): every lever but the amount reruns it
        from model.analysis.amounts import amounts_up_to, net_by_amount
    except ImportError:
        return out
    amounts = amounts_up_to(60e6)
    out["net_by_amount, default mix, 41 amounts"] = (
        lambda: net_by_amount(params, default.with_(shift_sek_per_year=0.0), amounts), calls)
    return out


def main() -> None:
    if child_main(sys.argv[1:], cases):
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=10, help="calls per case and turn")
    parser.add_argument("--rounds", type=int, default=30, help="turns of each case, alternating the checkouts")
    parser.add_argument("--reference", default=DEFAULT_REFERENCE, help="the commit to compare with")
    args = parser.parse_args()
    results = compare(Path(__file__), [str(args.repeats)], args.rounds, args.reference)
    report(results, args.reference)


if __name__ == "__main__":
    main()
