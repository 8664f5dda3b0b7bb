"""The levers in people's units, and the one rule from levers to a :class:`Scenario` and back.

The levers are what the sidebar shows and what a saved scenario, a scenario
file and a shared link store, under the same names: ``shift_mnkr`` (million
kronor a year), ``ramp_years``, ``horizon`` (years), ``start_year``,
``discount_pct`` (percent), ``evidence`` (the evidence level's id),
``prices`` (the price basis: ``fixed`` or ``current``), in an area whose
leavers go to work ``skatt`` (the municipal tax on their earnings: ``separat``,
shown apart, or ``raknas``, counted in the net effect) and one
``mix_<measure id>`` weight in percent per measure of the catalogue. Their
bounds, steps and defaults are here, and so is the external-placement budget
that bounds the shift: no more than the first year's budget can be moved
(:func:`check_shift`).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence

from model.catalogue import default_mix, embedded_default_mix
from model.errors import ScenarioFileError, shorten
from model.evidence import DEFAULT_EVIDENCE_LEVEL, level_ids
from model.parameters import DISCOUNT_RATE, Measure, Parameters
from model.prices import DEFAULT_PRICE_BASIS, PRICE_BASES
from model.scenario import (
    DEFAULT_FIRST_YEAR,
    DEFAULT_HORIZON,
    MAX_DISCOUNT_RATE,
    MAX_HORIZON,
    MAX_RAMP_YEARS,
    MAX_SHIFT_SEK,
    Scenario,
    discount_rate,
)

# The levers, named as the sidebar's widget keys and the URL's query parameters.
SHIFT = "shift_mnkr"
RAMP = "ramp_years"
HORIZON = "horizon"
START = "start_year"
DISCOUNT = "discount_pct"
EVIDENCE = "evidence"
PRICES = "prices"
MIX_PREFIX = "mix_"
#: Whether the municipal tax on the earnings of those who leave for work counts in the net effect
#: (``Scenario.count_municipal_tax``); a lever only of an area that has the tax (``Area.municipal_tax``).
TAX = "skatt"
TAX_APART = "separat"  # shown apart, not in the net effect (the default)
TAX_COUNTED = "raknas"  # counted in the net effect
TAX_CHOICES = (TAX_APART, TAX_COUNTED)
#: The levers that are choices (ids, not numbers): the evidence level, the price basis and the tax.
CHOICE_KEYS = (EVIDENCE, PRICES, TAX)
#: The levers that are numbers; the evidence level and the price basis are choices (ids).
LEVER_KEYS = (SHIFT, RAMP, HORIZON, START, DISCOUNT)
DISCOUNT_PCT_MAX = 100 * MAX_DISCOUNT_RATE
#: Children 0–20 of the default municipality, for which the default shift is 10 mnkr a year.
DAYS_PER_YEAR = 365.0
#: A shift may exceed the budget by this much (round-off of an amount typed in mnkr) [SEK].
BUDGET_SLACK_SEK = 1.0

#: The one table of lever bounds: (min, max, step, default), read by the
#: validation below, the app's sliders and the command line. The shift's
#: slider maximum follows the municipality (:func:`shift_max_mnkr`).
LEVER_BOUNDS: dict[str, tuple[float, float, float, float]] = {
    "shift_mnkr": (0.0, MAX_SHIFT_SEK / 1e6, 0.5, 10.0),
    "ramp_years": (1, MAX_RAMP_YEARS, 1, 1),
    "horizon_years": (1, MAX_HORIZON, 1, DEFAULT_HORIZON),
    "mix_percent": (0, 100, 5, 0),
}


# --- the external-placement budget -----------------------------------------------------------


def external_budget(params: Parameters) -> float:
    """Yearly cost of purchased care now: children × cost per day × 365 over purchased forms [SEK/year]."""
    return sum(
        params.value(f"care.{form}.children") * params.value(f"care.{form}.cost_per_day") * DAYS_PER_YEAR
        for form in params.area.forms_with("purchased")
    )


def shift_max_mnkr(params: Parameters) -> float:
    """The shift slider's maximum [mnkr/year]: the external-placement budget, rounded down to the slider's step."""
    step = LEVER_BOUNDS["shift_mnkr"][2]
    return float(max(step, step * math.floor(external_budget(params) / 1e6 / step + 1e-9)))


def in_catalogue(params: Parameters, scenario: Scenario) -> Scenario:
    """*scenario*, its mix the set's own default mix when it carries the embedded (children's) default.

    ``Scenario()`` moves money by the embedded catalogue's default mix; for a
    set of another area (financial assistance) that names measures it does not
    have, so the set's catalogue's default mix takes its place. A mix the user
    chose is kept (and a measure of another area in it is refused by the model).
    """
    if scenario.mix_dict == embedded_default_mix() and not set(scenario.mix_dict) <= set(params.measure_ids):
        return scenario.with_(mix=default_mix(params.measures))
    return scenario


def check_shift(params: Parameters, scenario: Scenario) -> None:
    """Refuse a shift larger than the external-placement budget of the first year it comes from.

    Raises
    ------
    ScenarioFileError
        ``shift_sek_per_year`` with code ``above_budget`` (the amount and the budget in mnkr).
    """
    budget = external_budget(params)
    if scenario.shift_sek_per_year > budget + BUDGET_SLACK_SEK:
        raise ScenarioFileError(
            "shift_sek_per_year",
            "above_budget",
            value=round(scenario.shift_sek_per_year / 1e6, 1),
            budget=math.floor(budget / 1e5) / 10,
        )


def discount_pct_range(params: Parameters) -> tuple[float, float]:
    """The discount slider's range [%]: the parameter's range, up to at least 6 %."""
    rate = params[DISCOUNT_RATE]
    return float(100 * rate.low), float(max(100 * rate.high, 6.0))


def parameter_bounds(params: Parameters) -> dict[str, tuple[float, float]]:
    """The bounds of the levers that follow the parameter set (the shift and the discount rate)."""
    return {SHIFT: (0.0, shift_max_mnkr(params)), DISCOUNT: discount_pct_range(params)}


# --- bounds and parsing ----------------------------------------------------------------------


def lever_bounds(key: str, horizon: int = DEFAULT_HORIZON) -> tuple[float, float, bool]:
    """(low, high, integer) of a lever; ``start_year`` depends on the horizon."""
    if key == START:
        return DEFAULT_FIRST_YEAR, DEFAULT_FIRST_YEAR + horizon - 1, True
    if key == DISCOUNT:
        return 0.0, DISCOUNT_PCT_MAX, False
    table = {SHIFT: "shift_mnkr", RAMP: "ramp_years", HORIZON: "horizon_years"}
    row = "mix_percent" if key.startswith(MIX_PREFIX) else table.get(key)
    if row is None:
        raise ScenarioFileError(f"levers.{key}", "unknown_lever")
    lo, hi, _, _ = LEVER_BOUNDS[row]
    return lo, hi, key != SHIFT


def parse_lever(key: str, raw: object, horizon: int = DEFAULT_HORIZON, where: str = "levers") -> float | int:
    """One lever value (a number) checked against its bounds; text is refused (read it first)."""
    low, high, integer = lever_bounds(key, horizon)
    label = f"{where}.{key}" if where else key
    # Numbers only: text (a URL's, a file's) is read by the one number parser first
    # (model.files.scenario_json.lever_numbers), never guessed here.
    if isinstance(raw, bool) or not isinstance(raw, numbers.Real):
        raise ScenarioFileError(label, "not_a_number", value=shorten(raw))
    x = float(raw)
    if not math.isfinite(x):
        raise ScenarioFileError(label, "not_a_number", value=shorten(raw))
    if integer and not x.is_integer():
        raise ScenarioFileError(label, "not_integer", value=shorten(raw))
    if not low <= x <= high:
        raise ScenarioFileError(label, "out_of_range", value=shorten(raw), low=_plain(low), high=_plain(high))
    return int(x) if integer else x


def parse_evidence(raw: object, where: str = "levers") -> str:
    """The evidence level's id from a file or URL, checked against the levels."""
    label = f"{where}.{EVIDENCE}" if where else EVIDENCE
    if not isinstance(raw, str) or raw not in level_ids():
        raise ScenarioFileError(label, "bad_choice", value=shorten(raw), choices=", ".join(level_ids()))
    return raw


def parse_price_basis(raw: object, label: str = f"levers.{PRICES}") -> str:
    """The price basis (``fixed`` or ``current``) from a file or URL, checked (*label* names the field)."""
    if not isinstance(raw, str) or raw not in PRICE_BASES:
        raise ScenarioFileError(label, "bad_choice", value=shorten(raw), choices=", ".join(PRICE_BASES))
    return raw


def parse_tax(raw: object, label: str = f"levers.{TAX}") -> str:
    """Whether the municipal tax counts (``separat`` or ``raknas``) from a file or URL, checked."""
    if not isinstance(raw, str) or raw not in TAX_CHOICES:
        raise ScenarioFileError(label, "bad_choice", value=shorten(raw), choices=", ".join(TAX_CHOICES))
    return raw


def check_levers(levers: Mapping[str, object], params: Parameters) -> dict[str, float | int | str]:
    """Validated levers for *params*: known keys, numbers in range, an evidence level, measures of the set.

    Missing levers take the sidebar's defaults, so the result is complete.
    """
    if not isinstance(levers, Mapping):
        raise ScenarioFileError("levers", "not_object")
    known = set(default_levers(params))
    for key in levers:
        if not isinstance(key, str) or key not in known:
            if isinstance(key, str) and key.startswith(MIX_PREFIX):
                raise ScenarioFileError(f"levers.{key}", "unknown_measure", value=key[len(MIX_PREFIX) :])
            raise ScenarioFileError(f"levers.{key}", "unknown_lever")
    defaults = default_levers(params)
    out: dict[str, float | int | str] = {}
    horizon = int(parse_lever(HORIZON, levers.get(HORIZON, defaults[HORIZON])))
    for key, default in defaults.items():
        if key == EVIDENCE:
            out[key] = parse_evidence(levers.get(key, default))
        elif key == PRICES:
            out[key] = parse_price_basis(levers.get(key, default))
        elif key == TAX:
            out[key] = parse_tax(levers.get(key, default))
        else:
            out[key] = parse_lever(key, levers.get(key, default), horizon)
    return out


# --- defaults --------------------------------------------------------------------------------


def default_mix_percent(measure: Measure) -> int:
    """The sidebar's default weight of a measure [%]: its share of the catalogue's default mix."""
    return round(100 * measure.default_share)


def default_shift_mnkr(params: Parameters) -> float:
    """The amount the sidebar starts with [mnkr/year].

    The area file's amount for its default municipality's population (children's
    area: 10 mnkr for 24 000 children 0–20; employment: 5 mnkr for 79 000
    adults), scaled with the population (a small municipality starts smaller),
    rounded to the slider's step of 0.5 and at least one step.
    """
    step = LEVER_BOUNDS["shift_mnkr"][2]
    area = params.area
    scaled = area.default_shift_mnkr * params.value(area.population) / area.default_shift_per
    return max(step, step * round(scaled / step))


def default_levers(params: Parameters) -> dict[str, float | int | str]:
    """The sidebar's starting values for *params*."""
    out: dict[str, float | int | str] = {
        SHIFT: default_shift_mnkr(params),
        RAMP: int(LEVER_BOUNDS["ramp_years"][3]),
        HORIZON: int(LEVER_BOUNDS["horizon_years"][3]),
        START: DEFAULT_FIRST_YEAR,
        DISCOUNT: _pct(params.value(DISCOUNT_RATE)),
        EVIDENCE: DEFAULT_EVIDENCE_LEVEL,
        PRICES: DEFAULT_PRICE_BASIS,
        **({TAX: TAX_APART} if params.area.municipal_tax else {}),
    }
    for m in params.measures:
        out[MIX_PREFIX + m.id] = default_mix_percent(m)
    return out


# --- levers <-> scenario ---------------------------------------------------------------------


def mix_from_levers(levers: Mapping[str, object], measures: Sequence[Measure]) -> dict[str, float]:
    """Mix shares from the per-measure weights [%], normalised to sum to 1 ({} when all are zero)."""
    weights = {}
    for m in measures:
        w = levers.get(MIX_PREFIX + m.id, default_mix_percent(m))
        weights[m.id] = max(0.0, float(w)) if isinstance(w, (int, float)) else 0.0
    total = sum(weights.values())
    return {} if total <= 0 else {k: v / total for k, v in weights.items() if v > 0}


def scenario_from_levers(levers: Mapping[str, object], params: Parameters, name: str = "") -> Scenario:
    """The :class:`Scenario` that the sidebar's levers (or a file's, or a URL's) mean.

    The one rule the app uses: mix weights are normalised to shares (all zero:
    nothing is moved); the start year is clamped into the horizon.
    """
    shift = float(levers.get(SHIFT, default_shift_mnkr(params)))  # type: ignore[arg-type]
    horizon = int(levers.get(HORIZON, DEFAULT_HORIZON))  # type: ignore[call-overload]
    start = int(levers.get(START, DEFAULT_FIRST_YEAR))  # type: ignore[call-overload]
    last = DEFAULT_FIRST_YEAR + horizon - 1
    discount = levers.get(DISCOUNT)
    evidence = levers.get(EVIDENCE, DEFAULT_EVIDENCE_LEVEL)
    basis = levers.get(PRICES, DEFAULT_PRICE_BASIS)
    mix = mix_from_levers(levers, params.measures)
    if not mix:
        shift = 0.0  # every measure weighted zero: nothing is moved (the app says so)
    return Scenario(
        shift_sek_per_year=shift * 1e6,
        mix=mix,
        ramp_years=int(levers.get(RAMP, 1)),  # type: ignore[call-overload]
        start_year=min(max(start, DEFAULT_FIRST_YEAR), last),
        first_year=DEFAULT_FIRST_YEAR,
        horizon_years=horizon,
        discount_rate=None if discount is None else float(discount) / 100,  # type: ignore[arg-type]
        evidence_level=str(evidence),
        name=name,
        price_basis=str(basis),
        count_municipal_tax=params.area.municipal_tax and levers.get(TAX) == TAX_COUNTED,
    )


def levers_from_scenario(scenario: Scenario, params: Parameters) -> dict[str, float | int | str]:
    """Sidebar values that give *scenario* (mix weights as whole percent).

    Exact for scenarios made in the app; a mix that is not a whole percentage
    (1/3 each) is rounded to whole weights summing to 100.
    """
    out: dict[str, float | int | str] = {
        SHIFT: round(scenario.shift_sek_per_year / 1e6, 6),
        RAMP: int(scenario.ramp_years),
        HORIZON: int(scenario.horizon_years),
        START: int(scenario.shift_start_year),
        DISCOUNT: _pct(discount_rate(params, scenario)),
        EVIDENCE: scenario.evidence_level,
        PRICES: scenario.price_basis,
    }
    if params.area.municipal_tax:
        out[TAX] = TAX_COUNTED if scenario.count_municipal_tax else TAX_APART
    shares = scenario.mix_dict
    exact = {mid: 100 * shares.get(mid, 0.0) for mid in params.measure_ids}
    weights = {mid: math.floor(v + 1e-9) for mid, v in exact.items()}
    missing = 100 - sum(weights.values()) if shares else 0
    for mid in sorted(exact, key=lambda m: weights[m] - exact[m])[: max(0, missing)]:
        weights[mid] += 1
    for mid, w in weights.items():
        out[MIX_PREFIX + mid] = int(w)
    return out


def with_tax_lever(levers: Mapping[str, object], counted: object, params: Parameters) -> dict[str, object]:
    """*levers*, with the tax lever from the scenario's ``count_municipal_tax`` (*counted*) when they lack it.

    A file or saved scenario written before the app had the lever (the children's area has none).
    """
    out = dict(levers)
    if params.area.municipal_tax and TAX not in out and isinstance(counted, bool):
        out[TAX] = TAX_COUNTED if counted else TAX_APART
    return out


def same_scenario(a: Scenario, b: Scenario, params: Parameters) -> bool:
    """True if the two scenarios compute the same (the name and a default discount aside)."""

    def key(s: Scenario) -> tuple:
        mix = tuple((k, round(v, 9)) for k, v in s.mix_pairs if v > 0)
        return (
            round(s.shift_sek_per_year, 3),
            mix,
            s.ramp_years,
            s.shift_start_year,
            s.first_year,
            s.horizon_years,
            round(discount_rate(params, s), 12),
            s.evidence_level,
            s.price_basis,
            s.end_year,
            s.count_municipal_tax,
        )

    return key(a) == key(b)


def _pct(rate: float) -> float:
    return round(100 * float(rate), 6)


def _plain(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x
