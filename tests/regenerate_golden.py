"""Regenerate the golden files that ``tests/test_golden.py`` compares against.

Run this on purpose only — when a change to the model or to the default
parameters is *meant* to change the results::

    python tests/regenerate_golden.py

then read the diff of ``tests/golden/`` (every changed number is a changed
result) and commit it together with the change that caused it.

The golden files are the yearly table (``Result.yearly``), the summary and
the net effect by mechanism (``Result.by_mechanism``) of the embedded default
preset for two cases: the baseline (no change of policy) and the default
scenario (10 mnkr a year, the default mix). Numbers are rounded to
:data:`DECIMALS` decimals so the files are readable and diffable.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

import model  # noqa: E402

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
COMMAND = "python tests/regenerate_golden.py"
PRESET = "default"
DECIMALS = 6
CASES: dict[str, model.Scenario] = {
    "default_baseline": model.Scenario(),
    "default_scenario": model.Scenario(shift_sek_per_year=10_000_000),
}


def rounded(df: pd.DataFrame) -> pd.DataFrame:
    """Float columns rounded to DECIMALS decimals; other columns unchanged."""
    out = df.copy()
    floats = out.select_dtypes("float").columns
    out[floats] = out[floats].round(DECIMALS)
    return out


def compute(case: str) -> tuple[pd.DataFrame, dict, pd.DataFrame]:
    """The rounded yearly table, the summary and the table by mechanism of one case, computed now."""
    result = model.run(model.load_parameters(preset=PRESET), CASES[case])
    summary = {k: round(v, DECIMALS) if isinstance(v, float) else v for k, v in result.summary.items()}
    return rounded(result.yearly), summary, rounded(result.by_mechanism)


def yearly_path(case: str) -> Path:
    return GOLDEN_DIR / f"{case}_yearly.csv"


def summary_path(case: str) -> Path:
    return GOLDEN_DIR / f"{case}_summary.json"


def mechanisms_path(case: str) -> Path:
    return GOLDEN_DIR / f"{case}_mechanisms.csv"


def main() -> None:
    GOLDEN_DIR.mkdir(exist_ok=True)
    for case in CASES:
        yearly, summary, mechanisms = compute(case)
        yearly.to_csv(yearly_path(case), index=False, lineterminator="\n")
        summary_path(case).write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        mechanisms.to_csv(mechanisms_path(case), index=False, lineterminator="\n")
        written = (yearly_path(case), summary_path(case), mechanisms_path(case))
        print("wrote " + ", ".join(str(p.relative_to(ROOT)) for p in written))


if __name__ == "__main__":
    main()
