"""Run ``streamlit run ...`` with a per-element trace of every rerun (a benchmark tool, not part of the app).

Usage: python bench/trace_server.py TRACE.jsonl run app.py [streamlit options]

Every message the script sends to the browser is written to TRACE.jsonl as one
JSON line: the time since the previous message of the same rerun (``gap_ms``:
the Python work that produced it, model runs and chart building included), the
time Streamlit's own ``enqueue`` of it took (``enqueue_ms``), its size on the
wire, its kind (``markdown``, ``vega_lite_chart``, ``metric``, a block ...),
whether Streamlit sent only a reference to a cached copy, the message's hash
(the browser reuses an element whose hash is the one it had: no re-render), the app's function
that sent it (the innermost frame in ``ui/`` or ``app.py``), and how many
deterministic model runs and care simulations the rerun had made by then.
Each rerun is marked by ``rerun_start`` and ``rerun_end`` lines (the end's
``gap_ms``: the script's work after its last message, its ``runs`` and
``simulations`` the rerun's, ``cpu_ms`` the server process's CPU time during
the rerun and ``script_cpu_ms`` the script thread's). The tracing's own time is charged to no element.
``bench/latency.py --trace`` reads the file.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

#: The app's own code: the innermost frame under one of these names the element's drawing function.
APP_PARTS = ("ui", "app.py")


def _kind(msg) -> str:
    """What the message is: the element or block type, or the ForwardMsg's own type."""
    kind = msg.WhichOneof("type")
    if kind != "delta":
        return kind or "?"
    delta = msg.delta
    which = delta.WhichOneof("type")
    if which == "new_element":
        return delta.new_element.WhichOneof("type") or "element"
    if which == "add_block":
        return "block:" + (delta.add_block.WhichOneof("type") or "?")
    return which or "delta"


def _hint(msg) -> str:
    """A few words that name the element: a metric's label, a text's start, a block's key."""
    if msg.WhichOneof("type") != "delta":
        return ""
    delta = msg.delta
    if delta.WhichOneof("type") == "add_block":
        return delta.add_block.id or ""
    if delta.WhichOneof("type") != "new_element":
        return ""
    element = delta.new_element
    inner = getattr(element, element.WhichOneof("type") or "", None)
    for field in ("label", "body", "title"):
        value = getattr(inner, field, None)
        if isinstance(value, str) and value:
            return value.replace("\n", " ")[:40]
    return ""


_APP_FILES: dict[str, str | None] = {}  # file name -> its path in the app ("ui/figure.py"), None if not the app's


def _app_file(filename: str, root: Path) -> str | None:
    if filename not in _APP_FILES:
        try:
            rel = Path(filename).resolve().relative_to(root)
            _APP_FILES[filename] = rel.as_posix() if rel.parts and rel.parts[0] in APP_PARTS else None
        except ValueError:
            _APP_FILES[filename] = None
    return _APP_FILES[filename]


def _caller(root: Path) -> str:
    """The innermost frame of the app's own code: ``ui/overview/headline.py:_money_row``."""
    frame = sys._getframe(2)
    while frame is not None:
        rel = _app_file(frame.f_code.co_filename, root)
        if rel is not None:
            return f"{rel}:{frame.f_code.co_name}"
        frame = frame.f_back
    return "(streamlit)"


def install(trace_path: Path, root: Path) -> None:
    """Patch Streamlit's message queue and count the model's runs; write the trace to *trace_path*."""
    from streamlit.runtime.forward_msg_cache import populate_hash_if_needed
    from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext

    out = trace_path.open("a", buffering=1)
    lock = threading.Lock()
    counts = {"run": 0, "simulate": 0}
    last: dict[int, float] = {}  # per script thread: time of its previous message
    original_enqueue = ScriptRunContext.enqueue

    def enqueue(self, msg) -> None:
        now = time.perf_counter()
        thread = threading.get_ident()
        kind = _kind(msg)
        gap_ms = (now - last.get(thread, now)) * 1000
        populate_hash_if_needed(msg)  # as enqueue does; then: is only a reference to a cached copy sent?
        ref = bool(msg.metadata.cacheable and msg.hash and msg.hash in self.cached_message_hashes)
        sent = time.perf_counter()
        original_enqueue(self, msg)
        done = time.perf_counter()
        record = {
            "t": now,
            "kind": kind,
            "gap_ms": round(gap_ms, 3),
            "enqueue_ms": round((done - sent) * 1000, 3),
            "bytes": msg.ByteSize(),
            "ref": ref,
            "hash": msg.hash,
            "path": list(msg.metadata.delta_path),
            "hint": _hint(msg),
            "caller": _caller(root),
            "runs": counts["run"],
            "simulations": counts["simulate"],
        }
        with lock:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        last[thread] = time.perf_counter()  # the tracing's own time is charged to no element

    ScriptRunContext.enqueue = enqueue

    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    original_run_script = ScriptRunner._run_script

    def run_script(self, rerun_data) -> None:
        """One rerun, marked ``rerun_start`` and ``rerun_end`` in the trace (a fragment's rerun too)."""
        thread = threading.get_ident()
        counts["run"] = counts["simulate"] = 0
        start = last[thread] = time.perf_counter()
        cpu, script_cpu = time.process_time(), time.thread_time()
        fragment = bool(getattr(rerun_data, "fragment_id_queue", None))
        with lock:
            out.write(json.dumps({"t": start, "kind": "rerun_start", "fragment": fragment}) + "\n")
        try:
            original_run_script(self, rerun_data)
        finally:
            end = time.perf_counter()
            with lock:
                out.write(json.dumps({"t": end, "kind": "rerun_end", "gap_ms": round((end - last[thread]) * 1000, 3),
                                      "runs": counts["run"], "simulations": counts["simulate"],
                                      # CPU time, which other processes' load hardly changes: the whole
                                      # server's (the event loop sending the messages too) and the script's.
                                      "cpu_ms": round((time.process_time() - cpu) * 1000, 3),
                                      "script_cpu_ms": round((time.thread_time() - script_cpu) * 1000, 3)}) + "\n")

    ScriptRunner._run_script = run_script

    # Count the deterministic runs and the care simulations (each batch counts once), wherever they were
    # imported by name.
    import importlib

    def counted(fn, name):
        def wrapper(*args, **kwargs):
            counts[name] += 1
            return fn(*args, **kwargs)

        wrapper.__wrapped__ = fn  # type: ignore[attr-defined]
        return wrapper

    for module_name, attr, name in (("model.run", "run", "run"), ("model.care", "simulate_care", "simulate")):
        original = getattr(importlib.import_module(module_name), attr, None)
        if original is None:
            continue
        wrapper = counted(original, name)
        for mod in list(sys.modules.values()):
            for key, value in list(getattr(mod, "__dict__", {}).items()):
                if value is original:
                    setattr(mod, key, wrapper)


def main() -> None:
    trace_path, *streamlit_args = sys.argv[1:]
    sys.path.insert(0, os.getcwd())  # the app's checkout (its model), as under ``streamlit run``
    install(Path(trace_path), Path(os.getcwd()).resolve())
    from streamlit.web import cli

    sys.argv = ["streamlit", *streamlit_args]
    cli.main()


if __name__ == "__main__":
    main()
