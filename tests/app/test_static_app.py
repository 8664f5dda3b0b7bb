"""bench/static_app.py, the page-size floor of bench/latency.py --static: only the trivial app's figures change."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

STATIC_APP = Path(__file__).resolve().parents[2] / "bench" / "static_app.py"


def test_the_static_app_has_its_paragraphs_and_only_the_metric_follows_the_slider(monkeypatch):
    monkeypatch.setenv("STATIC_ELEMENTS", "7")
    at = AppTest.from_file(str(STATIC_APP), default_timeout=60).run()
    paragraphs = [m.value for m in at.markdown]
    assert len(paragraphs) == 7 and len(set(paragraphs)) == 7
    before = at.metric[0].value
    at.slider(key="amount").set_value(40).run()
    assert at.metric[0].value != before
    assert [m.value for m in at.markdown] == paragraphs
