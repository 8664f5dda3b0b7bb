"""Where a slider move's time goes, element by element (``python bench/latency.py --trace``; not a test).

The app runs under :mod:`trace_server` (every message to the browser logged
with the Python time that produced it and its size); headless Chromium presses
the slider on the overview and on the uncertainty page, counting the websocket
frames and bytes the browser receives per press. Printed per page: the
medians per rerun (server time from the rerun's start to its end, messages,
bytes, model runs and care simulations), the browser's frames and bytes per
press, and the elements that cost the most, each with its median time, size
and the app function that drew it.
"""

from __future__ import annotations

import itertools
import json
import statistics
import tempfile
from collections import defaultdict
from pathlib import Path

from latency import CENTRAL, MAIN, METRIC, PROBE_JS, slider_selector_for_key
from streamlit_server import launch_browser, running_app, wait_idle

HERE = Path(__file__).resolve().parent
#: Elements listed per page (the most expensive first).
TOP = 15


def reruns(lines: list[dict]) -> list[list[dict]]:
    """The trace cut into reruns: each from its ``rerun_start`` to its ``rerun_end`` (a fragment's too)."""
    out: list[list[dict]] = []
    current: list[dict] | None = None
    for rec in lines:
        if rec["kind"] == "rerun_start":
            current = [rec]
        elif current is not None:
            current.append(rec)
            if rec["kind"] == "rerun_end":
                out.append(current)
                current = None
    return out


def _press_all(page, slider_sel: str, watched: str, presses: int, warmups: int) -> list[tuple[int, int]]:
    """Press the slider; per press after the warm-ups the websocket frames and bytes the browser received."""
    frames: list[int] = []  # sizes of the frames received since the last press

    def on_ws(ws) -> None:
        ws.on("framereceived", lambda payload: frames.append(len(payload)))

    page.on("websocket", on_ws)
    page.reload()
    wait_idle(page, 120000)
    page.wait_for_selector(watched, timeout=120000)
    slider = page.locator(slider_sel).first
    out = []
    for i in range(warmups + presses):
        slider.focus()
        page.evaluate(PROBE_JS, [watched, None])
        frames.clear()
        page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        page.wait_for_function("window.__latencyProbe", timeout=120000)
        wait_idle(page, 120000)
        page.wait_for_timeout(200)  # the last frames of the rerun
        if i >= warmups:
            out.append((len(frames), sum(frames)))
    return out


def main(app: Path, slider_key: str, metric_label: str | None, presses: int, warmups: int, uncertainty: bool) -> None:
    from playwright.sync_api import sync_playwright

    pages = [("overview", "", METRIC)]
    if uncertainty:
        central = CENTRAL if (app.parent / "ui" / "uncertainty" / "central.py").exists() else MAIN
        pages.append(("uncertainty page (1 000 simulations)", "osakerhet", central))
    with tempfile.TemporaryDirectory(prefix="trace-") as tmp:
        trace = Path(tmp) / "trace.jsonl"
        trace.touch()
        browser_side: dict[str, list[tuple[int, int]]] = {}
        marks: dict[str, tuple[int, int]] = {}
        with running_app(
            app, env={"PYTHONPATH": str(app.parent)}, cwd=app.parent,
            launcher=(str(HERE / "trace_server.py"), str(trace)),
        ) as url, sync_playwright() as p:
            browser = launch_browser(p)
            try:
                context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="sv-SE")
                for name, path, watched in pages:
                    page = context.new_page()  # a page of its own: its own websocket listener
                    page.goto(f"{url}/{path}")
                    wait_idle(page, 120000)
                    start = len(trace.read_text().splitlines())
                    browser_side[name] = _press_all(page, slider_selector_for_key(slider_key), watched, presses,
                                                    warmups)
                    marks[name] = (start, len(trace.read_text().splitlines()))
                    page.close()
            finally:
                browser.close()
        lines = [json.loads(x) for x in trace.read_text().splitlines()]
    for name, _, _ in pages:
        lo, hi = marks[name]
        runs = reruns(lines[lo:hi])[-presses:]  # the presses' reruns, after the reload's and the warm-ups'
        _print_page(name, runs, browser_side[name])


def _cost(rec: dict) -> float:
    """An element's time [ms]: the script's work before it and Streamlit's enqueue of it."""
    return rec["gap_ms"] + rec.get("enqueue_ms", 0.0)


def _print_page(name: str, runs: list[list[dict]], browser_side: list[tuple[int, int]]) -> None:
    med = statistics.median
    print(f"\n== {name}: {len(runs)} reruns ==")
    if not runs:
        return
    total = [(r[-1]["t"] - r[0]["t"]) * 1000 for r in runs]
    print(
        f"server per rerun (median): {med(total):.1f} ms from start to finish, {med(len(r) for r in runs):.0f} "
        f"messages, {med(sum(x['bytes'] for x in r[1:-1]) for r in runs) / 1000:.1f} kB, "
        f"{med(r[-1]['runs'] for r in runs):.0f} model.run, {med(r[-1]['simulations'] for r in runs):.0f} "
        f"care simulations (in this process)"
    )
    print(
        f"server CPU per rerun (median; hardly changed by other processes' load): "
        f"{med(r[-1].get('cpu_ms', 0.0) for r in runs):.1f} ms, of which the script's thread "
        f"{med(r[-1].get('script_cpu_ms', 0.0) for r in runs):.1f} ms (the tracing's own included)"
    )
    print(
        f"browser per press (median): {med(n for n, _ in browser_side):.0f} websocket frames, "
        f"{med(b for _, b in browser_side) / 1000:.1f} kB"
    )
    by_element: dict[tuple, list[dict]] = defaultdict(list)
    for r in runs:
        for rec in r[1:-1]:
            by_element[(tuple(rec["path"]), rec["kind"], rec["caller"], rec["hint"])].append(rec)
    by_caller: dict[str, list[float]] = defaultdict(lambda: [0.0] * len(runs))
    for i, r in enumerate(runs):
        for rec in r[1:]:
            by_caller[rec.get("caller", "(after the last message)")][i] += _cost(rec)
    print("time per app function (median per rerun, ms):")
    for caller, values in sorted(by_caller.items(), key=lambda kv: -med(kv[1]))[:TOP]:
        print(f"  {med(values):7.1f}  {caller}")
    print(f"top {TOP} elements (median ms: the work before it and its enqueue; size in bytes):")
    rows = sorted(by_element.items(), key=lambda kv: -med(_cost(x) for x in kv[1]))[:TOP]
    for (path, kind, caller, hint), recs in rows:
        size = med(x["bytes"] for x in recs)
        ref = " (sent as a cache reference)" if all(x["ref"] for x in recs) else ""
        print(f"  {med(_cost(x) for x in recs):7.1f} ms {size:8.0f} B  {kind:24s} {caller}  "
              f"[{'.'.join(map(str, path))}] {hint!r}{ref}")
    _print_changed(runs)
    big = sorted(by_element.items(), key=lambda kv: -med(x["bytes"] for x in kv[1]))[:5]
    print("largest elements (bytes): " + "; ".join(
        f"{kind} {caller.split(':')[-1]} {med(x['bytes'] for x in recs):.0f}" for (_, kind, caller, _), recs in big))


def _print_changed(runs: list[list[dict]]) -> None:
    """How many messages differ from the previous rerun's at the same place, and which.

    The browser keeps an element whose message has the hash it had (Streamlit reuses the payload and React
    skips its re-render), so only the changed ones cost a render. Elements that changed on every press are
    listed. The presses go right and left in turn, so the lever is at its default every other press: what
    depends on that (the reset button) changes too.
    """
    pairs = list(itertools.pairwise(runs))
    if not pairs:
        return
    changed: dict[tuple, int] = defaultdict(int)
    counts = []
    for before, after in pairs:
        old = dict(zip(_places(before), (x.get("hash") for x in before[1:-1]), strict=True))
        n = 0
        for where, rec in zip(_places(after), after[1:-1], strict=True):
            if old.get(where) != rec.get("hash"):
                n += 1
                changed[(where, rec["caller"], rec["hint"])] += 1
        counts.append(n)
    print(f"messages changed per press (median): {statistics.median(counts):.0f} of "
          f"{statistics.median(len(r) - 2 for r in runs):.0f}; changed on every press:")
    for ((path, kind, _), caller, hint), n in sorted(changed.items(), key=lambda kv: kv[0][0][0]):
        if n == len(pairs):
            print(f"  {kind:24s} {caller}  [{'.'.join(map(str, path))}] {hint[:40]!r}")


def _places(run: list[dict]) -> list[tuple]:
    """Each message's place in a rerun: its path and kind, and which of that pair it is (the page config has no
    path and comes twice)."""
    seen: dict[tuple, int] = defaultdict(int)
    out = []
    for rec in run[1:-1]:
        key = (tuple(rec["path"]), rec["kind"])
        out.append((*key, seen[key]))
        seen[key] += 1
    return out
