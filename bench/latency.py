"""Browser latency of a keyboard slider move: trivial floor vs the real app.

Usage: python bench/latency.py [--only-trivial] [--app app.py --slider-key shift_mnkr
       --metric-label TEXT] [--presses 20] [--warmups 2]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))

from streamlit_server import launch_browser, running_app, wait_idle  # noqa: E402

TRIVIAL = REPO / "bench" / "trivial_app.py"
METRIC = "[data-testid='stMetric']"

# Armed before each press; sets window.__latencyProbe to timings since the keydown (ms).
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
) -> list[float]:
    """Per-press ms from keydown to the changed metric painted with the app idle."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            own = launch_browser(p)
            try:
                return measure_slider_latency(url, slider_selector, metric_selector, presses,
                                              warmups, metric_label=metric_label, browser=own,
                                              timeout_ms=timeout_ms)
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
                times.append(t["painted"])
        return times
    finally:
        context.close()


def slider_selector_for_key(key: str) -> str:
    """CSS selector of the focusable range input of the slider with widget key `key`."""
    return f".st-key-{key} input[type='range']"


def summary(times: list[float]) -> tuple[float, float]:
    """Median and p90 (inclusive quantile) of the timings."""
    return statistics.median(times), statistics.quantiles(times, n=10, method="inclusive")[8]


def _config_note() -> str:
    """Describe the .streamlit/config.toml both apps run under."""
    path = REPO / ".streamlit" / "config.toml"
    if not path.exists():
        return "no .streamlit/config.toml (Streamlit defaults, postScriptGC = true)"
    gc = tomllib.loads(path.read_text()).get("runner", {}).get("postScriptGC", "default (true)")
    return f".streamlit/config.toml, runner.postScriptGC = {gc}"


def main(argv: list[str] | None = None) -> None:
    """Measure the trivial app and (unless --only-trivial) the real app in one run."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only-trivial", action="store_true")
    ap.add_argument("--app", type=Path, default=REPO / "app.py")
    ap.add_argument("--slider-key", default="shift_mnkr")
    ap.add_argument("--metric-label", default=None, help="default: the first st.metric")
    ap.add_argument("--presses", type=int, default=15, help="key presses per app and round")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds (trivial, app, trivial, ...)")
    ap.add_argument("--warmups", type=int, default=2)
    args = ap.parse_args(argv)

    runs = [("trivial", TRIVIAL, "amount", None)]
    if not args.only_trivial:
        if not args.app.exists():
            sys.exit(f"{args.app} not found; use --only-trivial or --app PATH")
        runs.append((str(args.app), args.app, args.slider_key, args.metric_label))

    from contextlib import ExitStack

    from playwright.sync_api import sync_playwright

    print(
        f"config: {_config_note()}; {args.rounds} interleaved rounds of {args.presses} presses "
        f"per app after {args.warmups} warm-ups"
    )
    times: dict[str, list[float]] = {name: [] for name, *_ in runs}
    with sync_playwright() as p, ExitStack() as servers:
        browser = launch_browser(p)
        urls = {name: servers.enter_context(running_app(script)) for name, script, _, _ in runs}
        try:
            # Rounds alternate between the apps so that drift in the machine's
            # load (2 shared cores) falls on both alike.
            for _ in range(args.rounds):
                for name, _, key, label in runs:
                    times[name] += measure_slider_latency(
                        urls[name], slider_selector_for_key(key), METRIC, args.presses, args.warmups,
                        metric_label=label, browser=browser,
                    )
        finally:
            browser.close()
    medians = []
    for name, values in times.items():
        med, p90 = summary(values)
        medians.append(med)
        print(f"{name}: median {med:.1f} ms, p90 {p90:.1f} ms (min {min(values):.1f}, max {max(values):.1f}, "
              f"n={len(values)})")
    if len(medians) == 2:
        print(f"ratio of medians (app / trivial): {medians[1] / medians[0]:.2f}")


if __name__ == "__main__":
    main()
