"""The pure parts behind "work never lost": drafts, the address, undo, the mix's shares, the municipality question."""

from __future__ import annotations

import threading

import pytest

import model
from model.files.scenario_store import ScenarioStore
from ui import address, drafts, history, mix, municipality

DEFAULT = model.load_parameters()
EDITED = DEFAULT.with_values({"care.hvb.cost_per_day": 9000})


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_draft_round_trips_exactly_under_a_content_token():
    store = drafts.DraftStore()
    token = store.put(EDITED)
    assert drafts.is_token(token) and token == drafts.token_of(EDITED)
    assert store.put(EDITED) == token and len(store) == 1  # the same set is kept once
    assert store.get(token) == EDITED
    assert store.get("0" * drafts.TOKEN_CHARS) is None
    assert store.get("../../etc/passwd") is None and store.get(None) is None  # type: ignore[arg-type]


def test_drafts_expire_after_their_lifetime_unless_used():
    clock = Clock()
    store = drafts.DraftStore(lifetime_s=100, clock=clock)
    token = store.put(EDITED)
    clock.now = 90
    assert store.get(token) == EDITED  # reading keeps it
    clock.now = 180
    assert store.get(token) == EDITED
    clock.now = 281
    assert store.get(token) is None and len(store) == 0 and store.total_bytes == 0


def test_the_store_stays_within_its_bytes_dropping_the_least_recently_used():
    sets = [DEFAULT.with_values({"care.hvb.cost_per_day": 7000 + i}) for i in range(5)]
    size = len(drafts.encode(sets[0]))
    store = drafts.DraftStore(max_total_bytes=3 * size + size // 2)
    tokens = [store.put(p) for p in sets[:3]]
    store.get(tokens[0])  # used: the second is now the least recently used
    store.put(sets[3])
    assert store.total_bytes <= store.max_total_bytes
    assert store.get(tokens[1]) is None and store.get(tokens[0]) == sets[0] and store.get(tokens[2]) == sets[2]


def test_a_draft_larger_than_the_limit_is_not_kept():
    store = drafts.DraftStore(max_total_bytes=100)
    assert store.put(EDITED) is None and len(store) == 0


def test_sessions_writing_at_once_leave_a_consistent_store():
    store = drafts.DraftStore()
    sets = [DEFAULT.with_values({"care.hvb.cost_per_day": 6000 + i}) for i in range(40)]
    threads = [threading.Thread(target=lambda p=p: store.put(p)) for p in sets for _ in range(3)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(store) == 40
    assert store.total_bytes == sum(len(drafts.encode(p)) for p in sets)
    assert all(store.get(drafts.token_of(p)) == p for p in sets)


def test_a_corrupt_draft_is_refused_with_a_parameter_error():
    with pytest.raises(model.ParameterError):
        drafts.decode(b"not a draft")


def test_the_address_holds_every_lever_the_municipality_the_scenario_and_the_draft():
    session = {"shift_mnkr": 12.5, "horizon": 8, "mix_mst": 20}
    query = address.wanted_query(session, DEFAULT, "en", "a" * 24, "abc123def456")
    assert query["lang"] == "en" and query["kommun"] == "default" and query["shift_mnkr"] == "12.5"
    assert query["horizon"] == "8" and query["mix_mst"] == "20" and query["ramp_years"] == "1"
    assert query[address.DRAFT] == "a" * 24 and query["scenario"] == "abc123def456"
    assert "lang" not in address.wanted_query(session, DEFAULT, "sv", None, None)
    assert address.managed({"kommun": "x", "utm_source": "mail", "mix_mst": "1"}) == {"kommun": "x", "mix_mst": "1"}


def test_the_levers_of_an_address_are_read_and_checked():
    query = {"shift_mnkr": "12.5", "horizon": "4", "start_year": "2030", "ramp_years": "x", "mix_mst": "20"}
    levers = address.levers_of_query(query, DEFAULT)
    assert levers == {"shift_mnkr": 12.5, "horizon": 4, "start_year": 2030, "mix_mst": 20}
    assert address.levers_of_query({"start_year": "2040", "horizon": "4"}, DEFAULT) == {"horizon": 4}


def test_undo_keeps_the_states_a_session_showed_newest_last():
    a, b, c = [((("shift_mnkr", x),), DEFAULT) for x in (10.0, 12.0, 14.0)]
    stack = history.changed([], None, a)
    stack = history.changed(stack, a, a)
    assert stack == []
    stack = history.changed(history.changed(stack, a, b), b, c)
    assert stack == [a, b]
    assert len(history.changed([a] * history.MAX_STEPS, a, b)) == history.MAX_STEPS


@pytest.mark.parametrize(
    ("shares", "expected"),
    [
        ({"a": 0.5, "b": 0.5}, {"a": 50, "b": 50}),
        ({"a": 1 / 3, "b": 1 / 3, "c": 1 / 3}, {"a": 34, "b": 33, "c": 33}),
        ({"a": 0.4, "b": 0.3, "c": 0.3}, {"a": 40, "b": 30, "c": 30}),
        ({"a": 0.994, "b": 0.006}, {"a": 99, "b": 1}),
        ({}, {}),
    ],
)
def test_the_shares_shown_beside_the_sliders_sum_to_100(shares, expected):
    shown = mix.display_percents(shares)
    assert shown == expected and (not shown or sum(shown.values()) == 100)


def test_thirty_and_thirty_read_as_half_and_half():
    weights = {"mix_family_homes": 30, "mix_parent_training": 30, "mix_early_intervention": 0}
    shares = model.levers.mix_from_levers(weights, DEFAULT.measures)
    text = mix.share_text("parent_training", shares, 10.0, "sv")
    assert text.startswith("= 50 % av beloppet, 5,0") and text.endswith("mnkr per år")
    assert mix.share_text("mst", shares, 10.0, "sv") == "= inga pengar (vikt 0)"


def test_only_a_switch_that_would_drop_edits_asks():
    assert municipality.needs_confirmation(EDITED, DEFAULT, "small", "default")
    assert not municipality.needs_confirmation(DEFAULT, DEFAULT, "small", "default")
    assert not municipality.needs_confirmation(EDITED, DEFAULT, "default", "default")


def test_updating_a_saved_scenario_keeps_its_id_name_and_creation(tmp_path):
    store = ScenarioStore(f"sqlite:///{tmp_path / 's.db'}")
    sid = store.save("Majoriteten", model.Scenario(shift_sek_per_year=10e6), DEFAULT, "första")
    created = store.get(sid).created_at
    store.update(sid, model.Scenario(shift_sek_per_year=25e6, ramp_years=2), EDITED, "andra")
    saved = store.get(sid)
    assert (saved.id, saved.name, saved.created_at, saved.note) == (sid, "Majoriteten", created, "andra")
    assert saved.scenario.shift_sek_per_year == 25e6 and saved.params == EDITED and saved.params_changed
    with pytest.raises(LookupError):
        store.update("nosuchscenario", model.Scenario(), DEFAULT, "")
    store.dispose()
