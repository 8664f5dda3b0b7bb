"""Run every case of tests/hostile_cases.py in its own subprocess and print the table of issue 15.

    PYTHONPATH=. python tests/hostile_report.py            # the code in this checkout
    cd /elsewhere && PYTHONPATH=. python /path/to/tests/hostile_report.py   # another copy of the code

Each case runs in a fresh interpreter from the current folder, limited to
3 GB of memory and 30 s: a segfault, a MemoryError, a timeout or a traceback
counts as a crash; a refusal must be a message (a ``ValueError`` or exit
status 2 of the command line); "accepted wrongly" is a case that should be
refused but was taken (or, for a case that should work, did not).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
TIMEOUT_S = 30
MEMORY_BYTES = 3 * 1024**3
CHILD = """
import json, sys
sys.path.insert(0, {here!r})
import hostile_cases as h
case = h.all_cases()[{index}]
kind, detail = h.outcome(case)
print("OUTCOME " + json.dumps([kind, detail]))
"""


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def run_case(index: int) -> tuple[str, str]:
    """("refused" | "accepted" | "crashed", detail) of case *index*, in a subprocess."""
    env = {**os.environ, "OMSTALLNING_APP": str(Path.cwd() / "app.py")}
    try:
        proc = subprocess.run(
            [sys.executable, "-c", CHILD.format(here=str(HERE), index=index)],
            capture_output=True, text=True, timeout=TIMEOUT_S, preexec_fn=_limit, env=env,
        )
    except subprocess.TimeoutExpired:
        return "crashed", f"still running after {TIMEOUT_S} s"
    lines = [line for line in proc.stdout.splitlines() if line.startswith("OUTCOME ")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr.strip().splitlines() or [""])[-1]
        return "crashed", f"exit {proc.returncode}: {tail[:160]}"
    kind, detail = json.loads(lines[-1][len("OUTCOME "):])
    return kind, detail


def main() -> int:
    sys.path.insert(0, str(HERE))
    import hostile_cases

    cases = hostile_cases.all_cases()
    table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for i, case in enumerate(cases):
        kind, detail = run_case(i)
        if kind == "crashed":
            verdict = "crashed"
        elif (kind == "refused") == (case.expect == "refuse"):
            verdict = "ok"
        else:
            verdict = "wrong"
        row = table[case.kind]
        row["cases"] += 1
        row["refused"] += kind == "refused" and case.expect == "refuse"
        row["crashed"] += verdict == "crashed"
        row["wrong"] += verdict == "wrong"
        print(f"{case.kind:14} | {case.name:34} | {verdict:7} | {kind:8} | {detail[:110]}", flush=True)
    print()
    print("| kind of input | cases | refused with a message | crashed | accepted wrongly |")
    print("| --- | ---: | ---: | ---: | ---: |")
    totals = defaultdict(int)
    for kind, row in table.items():
        print(f"| {kind} | {row['cases']} | {row['refused']} | {row['crashed']} | {row['wrong']} |")
        for k, v in row.items():
            totals[k] += v
    print(f"| all | {totals['cases']} | {totals['refused']} | {totals['crashed']} | {totals['wrong']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
