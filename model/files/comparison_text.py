"""The comparison in words: which parameter set, which levers, what differs — as tables people read.

The screen's comparison view and the comparison workbook show the same
tables. They are formatted from the numbers of :mod:`model.analysis.compare`
with the number formats of :mod:`model.text.i18n`; they live among the files
because a parameter set's name says whether it differs from its preset
(:func:`model.files.presets.differs_from_preset`).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from model.analysis.compare import (
    HEADLINE_KIND,
    Candidate,
    assumption_differences,
    differs,
    headline_frame,
    headline_label,
    unique_names,
)
from model.evidence import evidence_level
from model.files.presets import differs_from_preset, set_name
from model.parameters import Parameters
from model.scenario import discount_rate
from model.text.i18n import fmt_number, format_value, t
from model.text.labels import parameter_label


def parameter_set_name(params: Parameters, language: str = "sv") -> str:
    """A parameter set's name in the user's language, marked when it differs from its preset."""
    changed = t("scenarios.list.changed_params", language) if differs_from_preset(params) else ""
    return set_name(params, language) + changed


def headline_table(candidates: Sequence[Candidate], language: str = "sv") -> pd.DataFrame:
    """:func:`headline_frame` formatted for the screen, with a label column first."""
    raw = headline_frame(candidates, language)
    out = pd.DataFrame({t("scenarios.compare.figure", language): [headline_label(k, language) for k in raw.index]})
    sign_keys = {"net_total", "npv"}
    for col in raw.columns:
        out[col] = [
            format_value(v, HEADLINE_KIND[str(k)], language, sign=k in sign_keys) for k, v in raw[col].items()
        ]
    return out


# --- what differs: levers -------------------------------------------------------------------


def lever_rows(candidates: Sequence[Candidate], language: str = "sv") -> list[tuple[str, str, list[object]]]:
    """Every lever of every candidate: (label, kind, values), measures as the union of catalogues."""
    scen = [c.scenario for c in candidates]
    params = [c.params for c in candidates]
    rates: list[object] = [discount_rate(p, s) for s, p in zip(scen, params, strict=True)]
    rows: list[tuple[str, str, list[object]]] = [
        (t("scenarios.lever.parameter_set", language), "text", [parameter_set_name(p, language) for p in params]),
        (t("scenarios.lever.shift", language), "sek", [s.shift_sek_per_year for s in scen]),
        (t("scenarios.lever.ramp_years", language), "number", [s.ramp_years for s in scen]),
        (t("scenarios.lever.start_year", language), "year", [s.shift_start_year for s in scen]),
        (t("scenarios.lever.period", language), "text", [f"{s.first_year}–{s.last_year}" for s in scen]),
        (t("scenarios.lever.discount_rate", language), "percent", rates),
        (t("scenarios.lever.evidence_level", language), "text",
         [evidence_level(s.evidence_level).label(language) for s in scen]),
    ]
    if any(p.area.municipal_tax for p in params):  # an area whose leavers go to work: is their tax in the net?
        counted = ["counted" if s.count_municipal_tax else "apart" for s in scen]
        rows.append((t("scenarios.lever.municipal_tax", language), "text",
                     [t(f"headline.households.tax_{c}", language) for c in counted]))
    measure_labels: dict[str, str] = {}
    for p in params:
        for m in p.measures:
            measure_labels.setdefault(m.id, m.label(language))
    for mid, label in measure_labels.items():
        rows.append((
            t("scenarios.lever.mix", language, measure=label),
            "share",
            [s.mix_dict.get(mid, 0.0) for s in scen],
        ))
    return rows


def lever_frame(candidates: Sequence[Candidate], language: str = "sv", only_differences: bool = False) -> pd.DataFrame:
    """Levers side by side, formatted; column ``differs`` marks rows that are not the same everywhere."""
    names = unique_names([c.name for c in candidates])
    records = []
    for label, kind, values in lever_rows(candidates, language):
        differ = differs(values)
        if only_differences and not differ:
            continue
        record: dict[str, object] = {t("scenarios.compare.lever", language): label}
        for name, v in zip(names, values, strict=True):
            record[name] = format_value(v, kind, language)
        record["differs"] = differ
        records.append(record)
    columns = [t("scenarios.compare.lever", language), *names, "differs"]
    return pd.DataFrame(records, columns=columns)


def assumption_frame(candidates: Sequence[Candidate], language: str = "sv") -> pd.DataFrame:
    """Assumptions that differ, formatted: label, unit, one value column per candidate, what differs."""
    names = unique_names([c.name for c in candidates])
    diffs = assumption_differences([c.params for c in candidates])
    label_col, unit_col, what_col = (t(f"scenarios.compare.{k}", language) for k in ("assumption", "unit", "what"))
    records = []
    for d in diffs:
        params = next(c.params for c, v in zip(candidates, d.values, strict=True) if v is not None)
        record: dict[str, object] = {label_col: parameter_label(d.name, params, language), unit_col: d.unit}
        for name, v in zip(names, d.values, strict=True):
            record[name] = "–" if v is None else fmt_number(v, _decimals(v), language)
        record[what_col] = ", ".join(t(f"scenarios.compare.what_{w}", language) for w in d.what)
        records.append(record)
    return pd.DataFrame(records, columns=[label_col, unit_col, *names, what_col])


def _decimals(v: float) -> int:
    """Enough decimals to show a parameter value without hiding a difference."""
    if float(v).is_integer():
        return 0
    for d in range(1, 7):
        if abs(round(v, d) - v) < 1e-12:
            return d
    return 6
