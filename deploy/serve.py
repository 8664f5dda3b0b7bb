"""Start one app process warm: load what every first page needs, then listen.

    python deploy/serve.py --server.port 8501 [other ``streamlit run`` options]

``streamlit run app.py`` listens at once and loads the model, pandas, pyarrow,
the words, the sources and numba's compiled loops only when the first page
runs: seconds, during which a proxy already sends people to the process
(nginx's passive health checks see a process that refuses connections, not
one that is slow). This script loads all of that first, starts the heavy runs'
worker parent (which loads the model in a process of its own meanwhile), and
only then starts Streamlit in the same process on the same arguments. Until
it is ready its port refuses connections, and nginx sends people to the other
processes. It prints one line when the loading is done, before Streamlit's.

What stays cold is what only a session can fill: the app's caches (the
parameters, the default scenario's run, a Monte Carlo run). ``deploy/warm.py``
fills those (docs/deployment.md, "Warm each process"). ``bench/cold_start.py``
measures both ways of starting.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import sys
import time
from pathlib import Path

START = time.perf_counter()  # before the imports below, which are most of the loading
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # a checkout: its model and ui

import pyarrow  # noqa: E402, F401  (Streamlit sends every chart and table as Arrow; imported on the first)
from streamlit import string_util  # noqa: E402
from streamlit.runtime.caching import cache_data_api  # noqa: E402
from streamlit.web import cli  # noqa: E402

import model  # noqa: E402
import ui  # noqa: E402
from model import kernels  # noqa: E402
from model.bibliography import bibliography  # noqa: E402
from model.resources import APP_PATH  # noqa: E402
from model.text.i18n import LANGUAGES, strings  # noqa: E402
from ui import heavy  # noqa: E402

#: The app's script pages: Streamlit runs them; importing them would run them.
PAGES = "ui.pages"


def preload() -> tuple[int, str]:
    """Load what every first page needs but the app's own caches: (modules imported, the loops' backend)."""
    caching = logging.getLogger(cache_data_api.__name__)
    level = caching.level
    caching.setLevel(logging.ERROR)  # decorating a cached function without a server warns, once per function
    names = [m.name for m in pkgutil.walk_packages(ui.__path__, "ui.") if not m.name.startswith(PAGES)]
    for name in names:
        importlib.import_module(name)
    caching.setLevel(level)
    heavy.start_worker_parent()
    backend = kernels.warm_up()
    for language in LANGUAGES:
        strings(language)
    bibliography()
    model.run(model.load_parameters(), model.Scenario())
    string_util.extract_leading_emoji("Å")  # Streamlit's emoji pattern, built for the first message box: 0.3-0.6 s
    return len(names), backend


def main(argv: list[str] | None = None) -> int:
    modules, backend = preload()
    print(f"preloaded {modules} modules in {time.perf_counter() - START:.1f} s (loops: {backend})", flush=True)
    sys.argv = ["streamlit", "run", str(APP_PATH), *(sys.argv[1:] if argv is None else argv)]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
