"""The municipality's own figures: what the form shows, how typed figures are read, and the recalibration.

One form for every area: its fields come from the kind of calibration that
fits the area (:func:`kind`): the children's (population, HVB and
family-home costs, placements started, children per care form;
:mod:`model.analysis.calibration`) or an area with a long-term stock
(adults, households now or during the year, assistance paid, the long-term
share; :mod:`model.analysis.stock_calibration`).

A figure is a text field read by the one parser (:mod:`ui.numbers`): "7 400",
"22,5" and "0,1" are read the user's way, a figure that is not a number or out
of its range is refused naming the field, and a field left as shown keeps
the exact value behind it (it is not passed to the recalibration at all). A
figure more than three times above or below the chosen municipality's preset
gets a plausibility warning, not a refusal: municipalities differ.
``prefill``, ``shown``, ``bounds``, ``labels``, ``calibration_arguments`` and
``warnings`` are pure and tested directly; ``on_calibrate`` is the form's callback.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

import model
from model.analysis.calibration import baseline_figures, calibrate, can_calibrate
from model.analysis.stock_calibration import calibrate_stock, calibrates_stock, stock_figures
from model.area import Area
from model.errors import ParameterError
from model.files.presets import set_name
from model.parameters import DOMAINS
from model.text.i18n import t
from model.text.labels import form_labels
from ui import state
from ui.assumptions import actions
from ui.errors import safe_callback
from ui.numbers import implausible, read_fields, shown_number

WARNINGS = "_asm_own_warnings"  # plausibility warnings of the last recalibration
CHILDREN = "children."  # prefix of the children per care form ("children.hvb")
#: A form field: (key of the area's figures, lowest, highest, whole number, decimals shown).
Field = tuple[str, float, float, bool, int]
#: The fields of each kind of calibration besides the children per care form, in the form's order.
FIGURES: dict[str, dict[str, Field]] = {
    # The children's area: model.analysis.calibration.calibrate (Kolada N33100, N33101).
    "placements": {
        "children_0_20": ("children_0_20", 1, DOMAINS["children_0_20"][1], True, 0),
        "hvb": ("hvb_cost_per_day", 0, DOMAINS["cost_per_day"][1], False, 0),
        "family_home": ("family_home_cost_per_day", 0, DOMAINS["cost_per_day"][1], False, 0),
        "starts": ("placements_started_per_year", 1, 100_000, True, 0),
    },
    # An area with a long-term stock: model.analysis.stock_calibration.calibrate_stock.
    "stock": {
        "population": ("population", 1, DOMAINS["adults"][1], True, 0),
        "households": ("households", 1, DOMAINS["children"][1], False, 0),
        "households_during_year": ("households_during_year", 1, 10 * DOMAINS["children"][1], False, 0),
        "paid_per_year": ("cost_per_year_sek", 1, 1e11, False, 0),
        "long_term_share": ("long_term_share", 0, 1, False, 2),
    },
}
#: Each kind's recalibration and the arguments it takes from the form's fields (field -> keyword).
CALIBRATE = {"placements": calibrate, "stock": calibrate_stock}
ARGUMENTS = {
    "placements": {
        "children_0_20": "children_0_20",
        "hvb": "hvb_cost_per_day",
        "family_home": "family_home_cost_per_day",
        "starts": "placements_started_per_year",
    },
    "stock": {
        "population": "population",
        "households": "households",
        "households_during_year": "households_during_year",
        "paid_per_year": "paid_per_year_sek",
        "long_term_share": "long_term_share",
    },
}
#: Fields the recalibrations name in their errors that are not parameters: the form field they come from.
CALIBRATION_FIELDS = {
    "placements_started_per_year": "starts",
    "households": "households",
    "households_during_year": "households_during_year",
    "paid_per_year_sek": "paid_per_year",
    "long_term_share": "long_term_share",
}
#: Decimals the children per care form are shown with (averages over the year).
CHILDREN_DECIMALS = 2


def kind(area: Area) -> str | None:
    """Which calibration fits *area*: ``placements`` (children), ``stock`` (a long-term stock) or None."""
    if can_calibrate(area):
        return "placements"
    return "stock" if calibrates_stock(area) else None


def figures_now(params: model.Parameters) -> dict[str, float]:
    """The baseline of *params* in the figures its kind of calibration compares."""
    return baseline_figures(params) if kind(params.area) == "placements" else stock_figures(params)


def key(params: model.Parameters, field: str) -> str:
    """A form field's key: per preset and set, so a new set (after a recalibration) shows fresh figures."""
    return f"asm_cal.{params.preset}.{hash(params) & 0xFFFFFFFF:08x}.{field}"


def _fields(area: Area) -> dict[str, Field]:
    return FIGURES[kind(area) or "placements"]


def prefill(params: model.Parameters) -> dict[str, float]:
    """Today's figures of *params*, as the form starts (money and counts rounded as shown)."""
    now = figures_now(params)
    out: dict[str, float] = {}
    for field, (figure, low, _, _, decimals) in _fields(params.area).items():
        value = round(float(now[figure]), decimals)
        out[field] = max(low, int(value) if decimals == 0 else value)
    if kind(params.area) == "placements":
        out.update({CHILDREN + f: float(now[CHILDREN + f]) for f in params.area.reported_forms})
    return out


def _decimals(field: str) -> int:
    if field.startswith(CHILDREN):
        return CHILDREN_DECIMALS
    return next((spec[4] for fields in FIGURES.values() for k, spec in fields.items() if k == field), 0)


def shown(figures: Mapping[str, float], lang: str) -> dict[str, str]:
    """The text each field starts with: ``24 000``, ``7 400``, ``22,5``, ``0,65``."""
    return {k: shown_number(v, lang, _decimals(k)) for k, v in figures.items()}


def bounds(area: Area) -> dict[str, tuple[float, float, bool]]:
    """(lowest, highest, whole number) of every field."""
    out = {k: (low, high, whole) for k, (_, low, high, whole, _) in _fields(area).items()}
    if kind(area) == "placements":
        out.update({CHILDREN + f: (0, DOMAINS["children"][1], False) for f in area.reported_forms})
    return out


def labels(area: Area, lang: str) -> dict[str, str]:
    """Every field's label, as the form shows it (and messages name it)."""
    out = {k: t(f"assumptions.own.{k}", lang) for k in _fields(area)}
    if kind(area) == "placements":
        forms = form_labels(area, lang)
        field = "assumptions.own.children_field"
        out.update({CHILDREN + f: t(field, lang, form=forms[f]) for f in area.reported_forms})
    return out


def calibration_arguments(changed: Mapping[str, float], area: Area | None = None) -> dict[str, object]:
    """Keyword arguments of the recalibration of *area*'s kind for the figures the analyst changed.

    Without *area*: the children's (:func:`model.analysis.calibration.calibrate`).
    """
    which = "placements" if area is None else kind(area) or "placements"
    out: dict[str, object] = {arg: changed.get(field) for field, arg in ARGUMENTS[which].items()}
    if which == "placements":
        out["children"] = {k.removeprefix(CHILDREN): v for k, v in changed.items() if k.startswith(CHILDREN)}
    return out


def warnings(changed: Mapping[str, float], preset: model.Parameters, lang: str) -> list[str]:
    """A plausibility warning for each changed figure more than three times off the preset's."""
    now = figures_now(preset)
    fields = _fields(preset.area)
    reference = {k: float(now[fields[k][0] if k in fields else k]) for k in changed}
    names = labels(preset.area, lang)
    return [
        t(
            "assumptions.plausibility.own",
            lang,
            field=names[k],
            value=shown_number(changed[k], lang, _decimals(k)),
            preset_value=shown_number(reference[k], lang, _decimals(k)),
            preset=set_name(preset, lang),
        )
        for k in implausible(changed, reference)
    ]


def _named(exc: ParameterError, params: model.Parameters, lang: str) -> ParameterError:
    """*exc* with the form's labels for the fields it names that are not parameters."""
    names = labels(params.area, lang)
    fields = dict(CALIBRATION_FIELDS)
    if kind(params.area) == "stock":
        fields[params.area.population] = "population"
    if exc.field not in fields:
        return exc
    details = dict(exc.details)
    if details.get("other") in fields:
        details["other"] = names[fields[details["other"]]]
    return ParameterError(names[fields[exc.field]], exc.code, **details)


@safe_callback
def on_calibrate() -> None:
    """The form's callback: read the changed figures, recalibrate, or keep the set and say why."""
    params, lang, s = state.params(), state.language(), st.session_state
    figures = prefill(params)
    entered = {k: s.get(key(params, k)) for k in figures}
    changed, problems = read_fields(entered, shown(figures, lang), bounds(params.area), labels(params.area, lang), lang)
    if problems:
        actions.fail("calibration", problems)
        return
    recalibrate = CALIBRATE[kind(params.area) or "placements"]
    try:
        result = recalibrate(
            params, **calibration_arguments(changed, params.area), note=str(s.get(key(params, "note")) or "")
        )
    except ParameterError as exc:
        actions.fail("calibration", [_named(exc, params, lang)])
        return
    actions.succeed(result.params, "assumptions.flash.calibrated")
    s[WARNINGS] = warnings(changed, state.default_params(), lang)
    s[actions.CALIBRATION] = {
        "digest": hash(result.params),
        "before": result.before,
        "after": result.after,
        "factors": dict(result.factors),
    }
