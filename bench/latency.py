"""Browser latency of a keyboard slider move: trivial floor vs the real app, and the uncertainty page.

Usage: python bench/latency.py [--only-trivial] [--no-uncertainty] [--levers] [--static N]
       [--app app.py --slider-key shift_mnkr --metric-label TEXT] [--reference REV] [--presses 15] [--rounds 3]
       [--warmups 2] [--trace]

For the trivial app and the overview: key press → the headline metric changed,
painted, the app idle (target: the overview ≤ 1.5× the trivial app, issue 14).
For the uncertainty page at the default 1 000 simulations two figures per
step: the first answer (key press → the central result changed and painted)
and the whole page (→ the simulations, tornado and break-even answers done and
the app idle); target ≤ 0.5 s each. Every app, the trivial one too, runs from
the app's folder, under the same ``.streamlit/config.toml``.

``--levers`` also measures ``bench/levers_app.py``: the app's sidebar and levers
with one metric in place of a page, the floor the overview's content adds to.
``--static N`` also measures ``bench/static_app.py``: the trivial app with N
paragraphs that never change (110: the overview's count of messages), what a
page of that size costs in Streamlit whatever it shows.
``--app`` measures another checkout's app.py (its folder first on the path);
``--reference REV`` also measures the app at git revision REV (``git archive``),
interleaved in the same run, for a before/after. The presses alternate
ArrowRight and ArrowLeft, so after the warm-ups every rerun finds the model's
runs in the cache: the figures are the page's own cost. ``--trace`` instead
prints where each rerun's time goes, element by element (``trace_report.py``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))
sys.path.insert(0, str(REPO / "bench"))

from streamlit_server import launch_browser, running_app, wait_idle  # noqa: E402

TRIVIAL = REPO / "bench" / "trivial_app.py"
LEVERS = REPO / "bench" / "levers_app.py"
LEVERS_NAME = "levers alone"  # how the report names it: a floor, with no target of its own
STATIC = REPO / "bench" / "static_app.py"
STATIC_NAME = "trivial app and unchanging paragraphs"  # Streamlit's price of a page's size: no target either
METRIC = "[data-testid='stMetric']"

CENTRAL = ".st-key-unc_central"  # the uncertainty page's central result (ui/uncertainty/central.py)
MAIN = "[data-testid='stMain']"

# Armed before each press; sets window.__latencyProbe to timings since the keydown (ms): the watched
# element's text changed ("metric"), then the app idle, then painted.
PROBE_JS = """([metricSel, label]) => {
  window.__latencyProbe = null;
  const resolve = (r) => { window.__latencyProbe = r; };
  const metric = () => [...document.querySelectorAll(metricSel)].find(e => !label ||
      (e.querySelector("[data-testid='stMetricLabel']")?.textContent || '').includes(label));
  const app = () => document.querySelector("[data-testid='stApp']");
  const before = metric()?.textContent;
  const p = {t0: null, metric: null, idle: null, painted: null};
  const obs = new MutationObserver(check);
  function check() {
    if (p.t0 === null) return;
    const now = performance.now(), m = metric();
    if (p.metric === null && m && m.textContent !== before) p.metric = now;
    if (p.metric !== null && p.idle === null &&
        app()?.getAttribute('data-test-script-state') === 'notRunning') {
      p.idle = now;
      obs.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => {
        p.painted = performance.now();
        resolve({metric: p.metric - p.t0, idle: p.idle - p.t0, painted: p.painted - p.t0});
      }));
    }
  }
  window.addEventListener('keydown', () => { p.t0 = performance.now(); }, {capture: true, once: true});
  obs.observe(document.documentElement,
              {subtree: true, childList: true, characterData: true, attributes: true});
}"""


def _press(page, slider, key: str, metric_selector: str, label: str | None, timeout_ms: int) -> dict:
    """Arm the probe, press one key on the slider, return the probe's timings (ms)."""
    slider.focus()
    page.evaluate(PROBE_JS, [metric_selector, label])
    page.keyboard.press(key)
    timings = page.wait_for_function("window.__latencyProbe", timeout=timeout_ms).json_value()
    wait_idle(page)
    return timings


def measure_slider_latency(
    url: str,
    slider_selector: str,
    metric_selector: str,
    presses: int = 20,
    warmups: int = 2,
    *,
    metric_label: str | None = None,
    browser=None,
    timeout_ms: int = 30000,
    field: str = "painted",
) -> list[float]:
    """Per-press ms from keydown to the changed metric painted with the app idle (*field* "painted"), or to
    the watched element's first change ("metric"); both with ``field="both"`` as (first, painted) pairs."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            own = launch_browser(p)
            try:
                return measure_slider_latency(url, slider_selector, metric_selector, presses,
                                              warmups, metric_label=metric_label, browser=own,
                                              timeout_ms=timeout_ms, field=field)
            finally:
                own.close()
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="sv-SE")
    try:
        page = context.new_page()
        page.goto(url)
        wait_idle(page, timeout_ms)
        page.wait_for_selector(metric_selector, timeout=timeout_ms)
        slider = page.locator(slider_selector).first
        slider.wait_for(state="attached", timeout=timeout_ms)
        times = []
        for i in range(warmups + presses):
            key = "ArrowRight" if i % 2 == 0 else "ArrowLeft"
            t = _press(page, slider, key, metric_selector, metric_label, timeout_ms)
            if i >= warmups:
                times.append((t["metric"], t["painted"]) if field == "both" else t[field])
        return times
    finally:
        context.close()


def slider_selector_for_key(key: str) -> str:
    """CSS selector of the focusable range input of the slider with widget key `key`."""
    return f".st-key-{key} input[type='range']"


def summary(times: list[float]) -> tuple[float, float]:
    """Median and p90 (inclusive quantile) of the timings."""
    return statistics.median(times), statistics.quantiles(times, n=10, method="inclusive")[8]


def _config_note(folder: Path) -> str:
    """Describe the .streamlit/config.toml in *folder* (every app of a run is started there)."""
    path = folder / ".streamlit" / "config.toml"
    if not path.exists():
        return "no .streamlit/config.toml (Streamlit defaults, postScriptGC = true)"
    gc = tomllib.loads(path.read_text()).get("runner", {}).get("postScriptGC", "default (true)")
    return f"{path}, runner.postScriptGC = {gc}"


def _runs(name: str, app: Path, slider_key: str, metric_label: str | None, uncertainty: bool) -> list[tuple]:
    """(name, script, page path, slider key, watched element, metric label) of an app's overview and
    uncertainty page."""
    out = [(f"{name} overview", app, "", slider_key, METRIC, metric_label)]
    if uncertainty:
        # The central line if the app has one (before it: any change in the page's main area).
        watched = CENTRAL if (app.parent / "ui" / "uncertainty" / "central.py").exists() else MAIN
        out.append((f"{name} uncertainty page (1 000 simulations)", app, "osakerhet", slider_key, watched, None))
    return out


def main(argv: list[str] | None = None) -> None:
    """Measure the trivial app, the real app's overview and its uncertainty page in one run, interleaved."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only-trivial", action="store_true")
    ap.add_argument("--no-uncertainty", action="store_true", help="skip the uncertainty page")
    ap.add_argument("--levers", action="store_true",
                    help="also the app's sidebar and levers alone, with one metric (bench/levers_app.py)")
    ap.add_argument("--static", type=int, metavar="N", default=0,
                    help="also the trivial app with N paragraphs that never change (bench/static_app.py)")
    ap.add_argument("--app", type=Path, default=REPO / "app.py")
    ap.add_argument("--reference", metavar="REV", default=None,
                    help="also measure the app at git revision REV (git archive), interleaved: before/after")
    ap.add_argument("--slider-key", default="shift_mnkr")
    ap.add_argument("--metric-label", default=None, help="default: the first st.metric")
    ap.add_argument("--presses", type=int, default=15, help="key presses per app and round")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds (trivial, app, trivial, ...)")
    ap.add_argument("--warmups", type=int, default=2)
    ap.add_argument("--trace", action="store_true",
                    help="instead: the per-element trace of the app's reruns (bench/trace_server.py)")
    args = ap.parse_args(argv)

    app = args.app.resolve()
    if not args.only_trivial and not app.exists():
        sys.exit(f"{app} not found; use --only-trivial or --app PATH")
    if args.trace:
        import trace_report

        if args.reference:
            from reference import checkout

            with checkout(args.reference) as before:
                print(f"#### before ({args.reference})")
                trace_report.main(before / "app.py", args.slider_key, args.metric_label, args.presses,
                                  args.warmups, not args.no_uncertainty)
            print(f"\n#### after ({app})")
        trace_report.main(app, args.slider_key, args.metric_label, args.presses, args.warmups,
                          not args.no_uncertainty)
        return

    from contextlib import ExitStack

    from playwright.sync_api import sync_playwright

    with ExitStack() as stack:
        apps = [("app", app)]
        if args.reference and not args.only_trivial:
            from reference import checkout

            before = stack.enter_context(checkout(args.reference)) / "app.py"
            apps = [(f"before ({args.reference})", before), ("after (this checkout)", app)]
        # Every app, the trivial one too, runs from the app's folder: the same .streamlit/config.toml.
        folder = app.parent
        runs = [("trivial", TRIVIAL, "", "amount", METRIC, None)]
        if args.levers:
            runs.append((LEVERS_NAME, LEVERS, "", args.slider_key, METRIC, None))
        if args.static:
            runs.append((STATIC_NAME, STATIC, "", "amount", METRIC, None))
        if not args.only_trivial:
            for name, script in apps:
                runs += _runs(name, script, args.slider_key, args.metric_label, not args.no_uncertainty)
        print(
            f"config: {_config_note(folder)} (every app); {args.rounds} interleaved rounds of {args.presses} "
            f"presses per app after {args.warmups} warm-ups"
        )
        times: dict[str, list] = {name: [] for name, *_ in runs}
        p = stack.enter_context(sync_playwright())
        browser = launch_browser(p)
        urls = {}
        for script in dict.fromkeys(r[1] for r in runs):
            code = folder if script in (TRIVIAL, LEVERS, STATIC) else script.parent
            urls[script] = stack.enter_context(running_app(
                script, env={"PYTHONPATH": str(code), "STATIC_ELEMENTS": str(args.static)}, cwd=code))
        try:
            # Rounds alternate between the apps so that drift in the machine's
            # load (2 shared cores) falls on all alike.
            for _ in range(args.rounds):
                for name, script, path, key, watched, label in runs:
                    times[name] += measure_slider_latency(
                        f"{urls[script]}/{path}", slider_selector_for_key(key), watched, args.presses,
                        args.warmups, metric_label=label, browser=browser, timeout_ms=120000,
                        field="both" if path else "painted",
                    )
        finally:
            browser.close()
    report(times)


def report(times: dict[str, list]) -> None:
    """Median and p90 of each app, each app's overview as a ratio of the trivial app's median, and the targets."""
    medians = {}
    for name, values in times.items():
        if values and isinstance(values[0], tuple):
            first, whole = [v[0] for v in values], [v[1] for v in values]
            med, p90 = summary(first)
            print(f"{name}, first answer: median {med:.1f} ms, p90 {p90:.1f} ms (n={len(first)}; target ≤ 500 ms: "
                  f"{'met' if med <= 500 else 'MISSED'})")
            med, p90 = summary(whole)
            print(f"{name}, whole page: median {med:.1f} ms, p90 {p90:.1f} ms (min {min(whole):.1f}, "
                  f"max {max(whole):.1f}; target ≤ 500 ms: {'met' if med <= 500 else 'MISSED'})")
            continue
        med, p90 = summary(values)
        medians[name] = med
        print(f"{name}: median {med:.1f} ms, p90 {p90:.1f} ms (min {min(values):.1f}, max {max(values):.1f}, "
              f"n={len(values)})")
    trivial = medians.pop("trivial", None)
    for name, med in medians.items():
        if trivial and name in (LEVERS_NAME, STATIC_NAME):
            print(f"ratio of medians ({name} / trivial): {med / trivial:.2f} (no target: a floor under the overview)")
        elif trivial:
            ratio = med / trivial
            print(f"ratio of medians ({name} / trivial): {ratio:.2f} (target ≤ 1.5: "
                  f"{'met' if ratio <= 1.5 else 'MISSED'})")


if __name__ == "__main__":
    main()
