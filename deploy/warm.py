"""Warm a fresh app process before users reach it: one session opens the overview, one the uncertainty page.

A fresh Streamlit process's first script run imports the model, pandas and
Altair, fills the caches and, on the uncertainty page, starts the heavy runs'
worker processes and compiles (or loads) the model's numba loops: seconds.
Whoever a proxy sends to a cold process waits for all of it (docs/deployment.md
has the figures), so deploy/local.sh and the systemd unit of docs/deployment.md
run this against each process on its own loopback port before the proxy sends
anyone to it::

    python deploy/warm.py http://127.0.0.1:8501

It waits for the process's health check (``--wait``: a systemd
``ExecStartPost=`` runs while the process is still starting), opens the
pages, prints one line with the seconds each took and exits 0; or it prints
what went wrong and exits 1: no health answer, no connection, no finished run
within the timeout, a run that did not finish successfully, an exception or an
error message on the page (the app's error boundary shows an error with an id;
the traceback is in the server's log), a page the app does not have.
It talks to the server as a browser does,
over Streamlit's websocket protocol (``/_stcore/stream``, ``BackMsg`` /
``ForwardMsg``), which is internal to Streamlit: written for the pinned 1.67.0.
It needs only what the app's environment has (streamlit and its ``websockets``).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

#: The pages whose first run is expensive: name shown -> the page's address ("" = the default page).
PAGES = {"overview": "", "uncertainty": "osakerhet"}
#: Seconds one page may take (a cold uncertainty page on a busy machine takes tens of seconds).
TIMEOUT_S = 300.0
#: Seconds to wait for the process's health check.
WAIT_S = 90.0


@dataclass
class PageRun:
    """What one session saw while its page's script ran once."""

    page: str
    seconds: float = 0.0
    finished: bool = False  # a script_finished message arrived (successfully or not)
    metrics: dict[str, str] = field(default_factory=dict)  # label -> value shown
    elements: int = 0  # elements drawn
    problems: list[str] = field(default_factory=list)

    def read(self, fwd: ForwardMsg) -> bool:
        """Note one message from the server; True when the script run is over."""
        kind = fwd.WhichOneof("type")
        if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            self._element(fwd.delta.new_element)
        elif kind == "page_not_found":  # the app has no page at this address: it ran its default page
            self.problems.append(f"no page {PAGES[self.page]!r}")
        elif kind == "script_finished":
            status = fwd.script_finished
            if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:  # the app reran itself: wait for that run
                return False
            self.finished = True
            if status != ForwardMsg.FINISHED_SUCCESSFULLY:
                self.problems.append(f"the script finished with status {ForwardMsg.ScriptFinishedStatus.Name(status)}")
            return True
        return False

    def _element(self, element) -> None:
        self.elements += 1
        kind = element.WhichOneof("type")
        if kind == "metric":
            self.metrics[element.metric.label] = element.metric.body
        elif kind == "exception":
            text = element.exception.message or element.exception.type or "(details in the server's log)"
            self.problems.append(f"exception: {text}")
        elif kind == "alert" and element.alert.format == Alert.ERROR:
            self.problems.append(f"error shown: {element.alert.body}")


def stream_url(url: str) -> str:
    """The websocket address of the app at *url* (http://host:port[/base])."""
    parts = urlsplit(url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"


async def open_page(url: str, page: str, timeout_s: float = TIMEOUT_S) -> PageRun:
    """Open *page* (a key of :data:`PAGES`) in a new session at *url* and wait until its script run is over."""
    run = PageRun(page)
    msg = BackMsg()
    msg.rerun_script.query_string = ""
    msg.rerun_script.page_name = PAGES[page]
    t0 = time.perf_counter()
    try:
        async with asyncio.timeout(timeout_s):
            async with websockets.connect(stream_url(url), subprotocols=["streamlit"], max_size=None,
                                          ping_interval=None) as ws:
                await ws.send(msg.SerializeToString())
                while True:
                    fwd = ForwardMsg()
                    fwd.ParseFromString(await ws.recv())
                    if run.read(fwd):
                        break
    except TimeoutError:
        run.problems.append(f"no finished run within {timeout_s:.0f} s")
    except (OSError, websockets.WebSocketException) as exc:
        run.problems.append(f"connection: {type(exc).__name__}: {exc}")
    run.seconds = time.perf_counter() - t0
    return run


def healthy(url: str, wait_s: float = WAIT_S) -> bool:
    """True once the app at *url* answers "ok" on its health endpoint, False if it has not within *wait_s* seconds."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            with urllib.request.urlopen(f"{url.rstrip('/')}/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return True
        except OSError:
            pass
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.3)


async def warm(url: str, timeout_s: float = TIMEOUT_S) -> list[PageRun]:
    """Open each page of :data:`PAGES` at *url*, one after the other (the second after the first's run is over)."""
    return [await open_page(url, page, timeout_s) for page in PAGES]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("url", help="one app process, e.g. http://127.0.0.1:8501")
    ap.add_argument("--timeout", type=float, default=TIMEOUT_S, help="seconds one page may take")
    ap.add_argument("--wait", type=float, default=WAIT_S, help="seconds to wait for the health check")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    if not healthy(args.url, args.wait):
        print(f"warm-up of {args.url} failed: no answer from its health check within {args.wait:.0f} s",
              file=sys.stderr)
        return 1
    runs = asyncio.run(warm(args.url, args.timeout))
    pages = ", ".join(f"{r.page} {r.seconds:.1f} s" for r in runs)
    problems = [f"{r.page}: {p}" for r in runs for p in r.problems]
    if problems:
        print(f"warm-up of {args.url} failed ({pages}):", *problems, sep="\n  ", file=sys.stderr)
        return 1
    print(f"warmed in {time.perf_counter() - t0:.1f} s ({pages})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
