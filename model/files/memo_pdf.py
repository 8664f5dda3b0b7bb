"""The decision memo (beslutsunderlag) as a PDF: of one scenario, and of a comparison of 2–4 scenarios.

Pure functions of the model's results and the analyses the caller has made:
the bytes of an A4 PDF in Swedish or English for the committee's papers. The
content is a list of sections (:data:`SCENARIO_SECTIONS`, each a function that
returns ``None`` when its data does not exist yet, see
:mod:`model.files.memo_sections`), laid out by :mod:`model.files.memo_layout`
with ReportLab.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

import pandas as pd

from model.analysis.compare import Candidate
from model.analysis.uncertainty import UncertaintyResult
from model.files.memo_compare import CompareContext, comparison_memo
from model.files.memo_content import Memo, Section, build_sections
from model.files.memo_layout import render_pdf
from model.files.memo_notes import (
    about_section,
    assumptions_section,
    caveats_section,
    sources_section,
    uncertainty_section,
)
from model.files.memo_sections import (
    MemoContext,
    budget_section,
    charts_section,
    headline_section,
    measures_section,
    mechanism_section,
    payer_section,
    question_section,
)
from model.files.presets import preset_params, set_name
from model.parameters import Parameters
from model.results import Result
from model.text.labels import prices_values
from model.version import product_version

#: The scenario memo's sections in reading order (a section whose data does not exist is left out).
SCENARIO_SECTIONS: tuple[Callable[[MemoContext], Section | None], ...] = (
    question_section,
    headline_section,
    charts_section,
    mechanism_section,
    measures_section,
    budget_section,
    payer_section,
    uncertainty_section,
    caveats_section,
    assumptions_section,
    sources_section,
    about_section,
)


def now_text() -> str:
    """The time a memo is made, to the minute, in the server's time zone (where the committee is)."""
    return datetime.now().strftime("%Y-%m-%d %H:%M")


def scenario_memo(ctx: MemoContext) -> Memo:
    """The content of one scenario's memo."""
    sc, params = ctx.scenario, ctx.params
    name = sc.name or ctx.t("unnamed")
    title = ctx.t("title")
    return Memo(
        title=title,
        subtitle=ctx.t("subtitle", name=name, municipality=set_name(params, ctx.language), years=ctx.years,
                       **prices_values([sc.price_basis], params.price_year, ctx.language)),
        sections=build_sections(SCENARIO_SECTIONS, ctx),
        footer=ctx.t("footer", title=f"{title}: {name}", created=ctx.created),
        language=ctx.language,
    )


def memo_pdf_bytes(
    result: Result,
    language: str = "sv",
    *,
    uncertainty: UncertaintyResult | None = None,
    sensitivity: pd.DataFrame | None = None,
    reference: Parameters | None = None,
    link: str = "",
    created: str = "",
    version: str = "",
) -> bytes:
    """The decision memo of one scenario as an A4 PDF.

    Parameters
    ----------
    result : Result
        The scenario's run (its parameter set and levers come with it).
    language : str
        "sv" (default) or "en".
    uncertainty : UncertaintyResult, optional
        The Monte Carlo analysis of the same scenario (chance of paying back,
        90 % range, fan chart); without it the memo says it was not computed.
    sensitivity : DataFrame, optional
        :func:`model.analysis.sensitivity.tornado` of the scenario (its top five).
    reference : Parameters, optional
        The set the assumptions are compared with; default: the current preset
        the set comes from.
    link : str
        A link back to the scenario (the caller knows the app's address).
    created : str
        When the memo is made (text); default: now, to the minute.
    version : str
        The product's version; default: this copy's.

    Returns
    -------
    bytes
        The PDF.
    """
    params = result.params
    ctx = MemoContext(
        result=result, language=language, uncertainty=uncertainty, sensitivity=sensitivity,
        reference=reference if reference is not None else preset_params(params.preset) if params.preset else None,
        link=link, created=created or now_text(), version=version or product_version(),
    )
    return render_pdf(scenario_memo(ctx))


def comparison_memo_pdf_bytes(
    candidates: Sequence[Candidate],
    language: str = "sv",
    *,
    links: Sequence[str] = (),
    created: str = "",
    version: str = "",
) -> bytes:
    """The decision memo of a comparison as an A4 PDF.

    Parameters
    ----------
    candidates : sequence of Candidate
        The baseline (``is_baseline``) and the 2–4 scenarios compared, in order.
    language : str
        "sv" (default) or "en".
    links : sequence of str
        A link back to each scenario that is not the baseline, in order ("" for none).
    created, version : str
        As for :func:`memo_pdf_bytes`.
    """
    ctx = CompareContext(tuple(candidates), language, tuple(links), created or now_text(),
                         version or product_version())
    return render_pdf(comparison_memo(ctx))
