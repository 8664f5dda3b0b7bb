"""bench/levers_app.py, the latency floor of bench/latency.py --levers: the app's levers and the overview's net."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

LEVERS_APP = Path(__file__).resolve().parents[2] / "bench" / "levers_app.py"


def _first_metric(at: AppTest) -> tuple[str, str]:
    assert not at.exception, at.exception
    assert len(at.metric) == 1
    return at.metric[0].label, at.metric[0].value


def test_the_levers_app_shows_the_overviews_net_effect_and_follows_its_levers(app: AppTest):
    floor = AppTest.from_file(str(LEVERS_APP), default_timeout=60).run()
    app.run()
    label, value = _first_metric(floor)
    assert (label, value) == (app.metric[0].label, app.metric[0].value)  # the overview's first card
    assert {s.key for s in floor.slider} == {s.key for s in app.slider}  # every lever the app has

    floor.slider(key="shift_mnkr").set_value(25.0).run()
    app.slider(key="shift_mnkr").set_value(25.0).run()
    moved = _first_metric(floor)
    assert moved[1] != value
    assert moved == (app.metric[0].label, app.metric[0].value)
