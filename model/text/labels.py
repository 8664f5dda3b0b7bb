"""Labels for people: the names of result columns and parameters, in the user's language.

Built from the locale files (``col.*``, ``param.*``) and the names the data
gives care forms and measures, so a new care form or measure is labelled
without code.
"""

from __future__ import annotations

from collections.abc import Iterable

from model.area import DEFAULT_AREA, Area
from model.parameters import Parameters
from model.text.i18n import area_key, t, ta


def form_labels(area: Area, language: str = "sv") -> dict[str, str]:
    """Care form id -> its name in *language*, for every care form of *area*."""
    return {c.id: c.label(language) for c in area.care_forms}


def measure_label(params: Parameters, measure_id: str, language: str = "sv") -> str:
    """A measure's name in *language*, or its id when *params* has no such measure."""
    return params.measure(measure_id).label(language) if measure_id in params.measure_ids else measure_id


def mechanism_label(mechanism: str, measure_id: str, params: Parameters, language: str = "sv") -> str:
    """A row of ``Result.by_mechanism`` for people: ``Föräldrastöd i grupp: undvikta placeringar``."""
    return t(f"mechanisms.bar.{mechanism}", language, measure=measure_label(params, measure_id, language))


def column_label(column: str, language: str = "sv", params: Parameters | None = None) -> str:
    """A human label for a column of ``Result.yearly`` (care forms and measures from *params*)."""
    area = params.area.id if params is not None else DEFAULT_AREA
    key = area_key(f"col.{column}", area, language)
    text = t(key, language)
    if text != key or params is None:
        return text if text != key else column
    for variant in ("baseline", "scenario"):
        for form in params.area.care_forms:
            for kind in ("children", "care_days", "cost"):
                suffix = "_sek" if kind == "cost" else ""
                if column == f"{kind}_{form.id}_{variant}{suffix}":
                    return ta(
                        f"col.form.{kind}",
                        language,
                        area,
                        form=form.label(language),
                        variant=t(f"variant.{variant}", language),
                    )
    for m in params.measures:
        if column == f"families_reached_{m.id}":
            return ta("col.measure.families", language, area, measure=m.label(language))
        if column == f"prevention_{m.id}_sek":
            return t("col.measure.spent", language, measure=m.label(language))
    return column


def parameter_label(name: str, params: Parameters, language: str = "sv") -> str:
    """A human label for a parameter name such as ``care.hvb.cost_per_day``."""
    parts = name.split(".")
    forms = form_labels(params.area, language)
    area = params.area.id
    if parts[0] == "care":
        return ta(f"param.care.{parts[2]}", language, area, form=forms.get(parts[1], parts[1]))
    if parts[0] == "flow":
        source, target = forms.get(parts[1], parts[1]), forms.get(parts[2], parts[2])
        return ta("param.flow", language, area, source=source, target=target)
    if parts[0] == "measure":
        return ta(f"param.measure.{parts[2]}", language, area, measure=measure_label(params, parts[1], language))
    if parts[0] == "starts" and len(parts) == 3:
        groups = {g.id: g.label(language) for g in params.area.age_groups}
        return t("param.starts", language, form=forms.get(parts[1], parts[1]), group=groups.get(parts[2], parts[2]))
    if parts[0] == "evidence" and len(parts) == 3:
        return t("param.evidence", language, kind=t(f"evidence_class.{parts[1]}", language))
    return ta(f"param.{name}", language, area)


def price_basis_label(basis: str, price_year: int, language: str = "sv", capital: bool = False) -> str:
    """Which prices the money is in: ``fasta priser (2024)`` or ``löpande priser`` (*capital*: ``Fasta ...``)."""
    text = t(f"prices.{basis}", language, year=price_year)
    return text[:1].upper() + text[1:] if capital else text


def prices_values(bases: Iterable[str], price_year: int, language: str = "sv") -> dict[str, str]:
    """``prices`` and ``Prices`` (capitalised) for the strings that say which prices they show.

    Several bases (a comparison of scenarios in different bases) are named one after the other.
    """
    unique = list(dict.fromkeys(bases)) or ["fixed"]
    text = " / ".join(price_basis_label(b, price_year, language) for b in unique)
    return {"prices": text, "Prices": text[:1].upper() + text[1:]}


def prices_note(basis: str, price_year: int, language: str = "sv") -> str:
    """The line every table, chart and export of money carries: ``Belopp i fasta priser (2024)``."""
    return t("prices.heading", language, basis=price_basis_label(basis, price_year, language))
