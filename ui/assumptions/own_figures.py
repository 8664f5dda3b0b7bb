"""The municipality's own figures: what the form shows, how typed figures are read, and the recalibration.

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
from model.analysis.calibration import baseline_figures, calibrate
from model.area import Area
from model.errors import ParameterError
from model.files.presets import set_name
from model.parameters import DOMAINS
from model.text.i18n import t
from model.text.labels import form_labels
from ui import state
from ui.assumptions import actions
from ui.numbers import implausible, read_fields, shown_number

WARNINGS = "_asm_own_warnings"  # plausibility warnings of the last recalibration
CHILDREN = "children."  # prefix of the children per care form ("children.hvb")
#: The figures besides children per care form: form key -> (key of baseline_figures, lowest, highest, whole).
FIGURES: dict[str, tuple[str, float, float, bool]] = {
    "children_0_20": ("children_0_20", 1, DOMAINS["children_0_20"][1], True),
    "hvb": ("hvb_cost_per_day", 0, DOMAINS["cost_per_day"][1], False),
    "family_home": ("family_home_cost_per_day", 0, DOMAINS["cost_per_day"][1], False),
    "starts": ("placements_started_per_year", 1, 100_000, True),
}
#: Fields the recalibration names in its errors that are not parameters: the form field they come from.
CALIBRATION_FIELDS = {"placements_started_per_year": "starts"}
#: Decimals the children per care form are shown with (averages over the year).
CHILDREN_DECIMALS = 2


def key(params: model.Parameters, field: str) -> str:
    """A form field's key: per preset and set, so a new set (after a recalibration) shows fresh figures."""
    return f"asm_cal.{params.preset}.{hash(params) & 0xFFFFFFFF:08x}.{field}"


def prefill(params: model.Parameters) -> dict[str, float]:
    """Today's figures of *params*, as the form starts (money and counts rounded as shown)."""
    now = baseline_figures(params)
    out: dict[str, float] = {
        "children_0_20": int(round(now["children_0_20"])),
        "hvb": int(round(now["hvb_cost_per_day"])),
        "family_home": int(round(now["family_home_cost_per_day"])),
        "starts": max(1, int(round(now["placements_started_per_year"]))),
    }
    out.update({CHILDREN + f: float(now[CHILDREN + f]) for f in params.area.reported_forms})
    return out


def shown(figures: Mapping[str, float], lang: str) -> dict[str, str]:
    """The text each field starts with: ``24 000``, ``7 400``, ``22,5``."""
    return {k: shown_number(v, lang, CHILDREN_DECIMALS if k.startswith(CHILDREN) else 0) for k, v in figures.items()}


def bounds(area: Area) -> dict[str, tuple[float, float, bool]]:
    """(lowest, highest, whole number) of every field."""
    out = {k: (low, high, whole) for k, (_, low, high, whole) in FIGURES.items()}
    out.update({CHILDREN + f: (0, DOMAINS["children"][1], False) for f in area.reported_forms})
    return out


def labels(area: Area, lang: str) -> dict[str, str]:
    """Every field's label, as the form shows it (and messages name it)."""
    out = {k: t(f"assumptions.own.{k}", lang) for k in FIGURES}
    forms = form_labels(area, lang)
    out.update({CHILDREN + f: t("assumptions.own.children_field", lang, form=forms[f]) for f in area.reported_forms})
    return out


def calibration_arguments(changed: Mapping[str, float]) -> dict[str, object]:
    """Keyword arguments of :func:`model.analysis.calibration.calibrate` for the figures the analyst changed."""
    return {
        "children_0_20": changed.get("children_0_20"),
        "children": {k.removeprefix(CHILDREN): v for k, v in changed.items() if k.startswith(CHILDREN)},
        "hvb_cost_per_day": changed.get("hvb"),
        "family_home_cost_per_day": changed.get("family_home"),
        "placements_started_per_year": changed.get("starts"),
    }


def warnings(changed: Mapping[str, float], preset: model.Parameters, lang: str) -> list[str]:
    """A plausibility warning for each changed figure more than three times off the preset's."""
    now = baseline_figures(preset)
    reference = {k: float(now[FIGURES[k][0] if k in FIGURES else k]) for k in changed}
    names = labels(preset.area, lang)
    decimals = {k: CHILDREN_DECIMALS if k.startswith(CHILDREN) else 0 for k in changed}
    return [
        t(
            "assumptions.plausibility.own",
            lang,
            field=names[k],
            value=shown_number(changed[k], lang, decimals[k]),
            preset_value=shown_number(reference[k], lang, decimals[k]),
            preset=set_name(preset, lang),
        )
        for k in implausible(changed, reference)
    ]


def on_calibrate() -> None:
    """The form's callback: read the changed figures, recalibrate, or keep the set and say why."""
    params, lang, s = state.params(), state.language(), st.session_state
    figures = prefill(params)
    entered = {k: s.get(key(params, k)) for k in figures}
    changed, problems = read_fields(entered, shown(figures, lang), bounds(params.area), labels(params.area, lang), lang)
    if problems:
        actions.fail("calibration", problems)
        return
    try:
        result = calibrate(params, **calibration_arguments(changed), note=str(s.get(key(params, "note")) or ""))
    except ParameterError as exc:
        if exc.field in CALIBRATION_FIELDS:  # say it with the form's label, not the model's name
            exc = ParameterError(labels(params.area, lang)[CALIBRATION_FIELDS[exc.field]], exc.code, **exc.details)
        actions.fail("calibration", [exc])
        return
    actions.succeed(result.params, "assumptions.flash.calibrated")
    s[WARNINGS] = warnings(changed, state.default_params(), lang)
    s[actions.CALIBRATION] = {
        "digest": hash(result.params),
        "before": result.before,
        "after": result.after,
        "duration_factor": result.duration_factor,
        "family_home_cost_factor": result.family_home_cost_factor,
    }
