"""The decision memo's back matter: the uncertainty, the caveats, changed assumptions, sources, and its facts.

Sections of a :class:`~model.files.memo_sections.MemoContext` (``None`` when
there is nothing to say); the comparison memo (:mod:`model.files.memo_compare`)
shares :func:`general_caveats`, :func:`source_blocks` and :func:`fmt_parameter`.

Sources are today the parameters' and measures' own source texts. Full
citations from ``data/sources.yaml`` plug in at :func:`cite` (one place: a
parameter's or measure's source text -> the text the memo prints), and a price
basis on the parameter set (``Parameters.price_basis``) at :func:`about_section`.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from model.analysis.compare import assumption_differences
from model.area import DEFAULT_AREA, Area
from model.files.comparison_text import parameter_set_name
from model.files.document import params_hash
from model.files.memo_content import Chart, Section, Table, Text
from model.files.memo_sections import MemoContext
from model.parameters import Parameters
from model.text.counts import fmt_count
from model.text.i18n import fmt_number, fmt_percent, t, ta
from model.text.labels import parameter_label

#: Parameters that are counts of people (withheld below the threshold): ``care.<form>.children``.
COUNT_FIELDS = ("children",)
#: The unit of a share in the data (``andel``, ``andel/år``): shown as percent.
SHARE_UNIT = "andel"
#: Rows of the tornado the memo shows.
TORNADO_ROWS = 5


def fmt_parameter(params: Parameters, name: str, value: float | None, threshold: float, language: str) -> str:
    """A parameter's value for people: counts of people withheld when small, shares as percent, others as they are."""
    if value is None:
        return "–"
    if name.rsplit(".", 1)[-1] in COUNT_FIELDS:
        return fmt_count(value, threshold, language)
    if name in params and params[name].unit.startswith(SHARE_UNIT):
        return fmt_percent(value, language, 0 if float(100 * value).is_integer() else 1)
    decimals = 0 if float(value).is_integer() else min(4, max(1, len(repr(float(value)).split(".")[1])))
    return fmt_number(value, decimals, language)


def with_unit(text: str, unit: str) -> str:
    """A formatted value and its unit (a share, already in percent, keeps only a per-year suffix)."""
    if unit.startswith(SHARE_UNIT):
        return text + unit[len(SHARE_UNIT):]
    return f"{text} {unit}".strip()


# --- how sure -------------------------------------------------------------------------------------


def uncertainty_section(ctx: MemoContext) -> Section:
    """Chance of paying back, the 90 % range, the fan and the tornado's top five (or a note that it is missing)."""
    u, lang = ctx.uncertainty, ctx.language
    if u is None:
        return Section(ctx.t("uncertainty.title"), (Text(ctx.t("uncertainty.missing"), "note"),))
    s = u.summary
    blocks: list[Text | Table | Chart] = [
        Text(ctx.t("uncertainty.text", draws=fmt_number(u.draws, 0, lang), seed=u.seed), "note"),
        Text(ctx.t("uncertainty.term", year=s.term_year, p=fmt_percent(s.probability_payback_term, lang)), "bullet"),
        Text(ctx.t("uncertainty.horizon", year=s.last_year, p=fmt_percent(s.probability_payback_horizon, lang)),
             "bullet"),
        Text(ctx.t("uncertainty.range", years=ctx.years, low=ctx.mnkr(s.net_total_sek_p05, True),
                   high=ctx.mnkr(s.net_total_sek_p95, True), central=ctx.mnkr(s.net_total_sek_central, True)),
             "bullet"),
        Chart("fan", u.yearly, ctx.t("uncertainty.fan"), options={
            k: ctx.t(f"uncertainty.legend_{k}") for k in ("band", "quartiles", "median", "central")}),
    ]
    if ctx.sensitivity is not None and not ctx.sensitivity.empty:
        blocks.extend(tornado_blocks(ctx, ctx.sensitivity))
    return Section(ctx.t("uncertainty.title"), tuple(blocks))


def tornado_blocks(ctx: MemoContext, tornado: pd.DataFrame) -> list[Text | Table | Chart]:
    """The five assumptions that move the net present value most, as a table and as bars."""
    lang, top = ctx.language, tornado.head(TORNADO_ROWS)
    rows = tuple(
        (parameter_label(name, ctx.params, lang),
         with_unit(fmt_parameter(ctx.params, name, low, ctx.threshold, lang), unit),
         with_unit(fmt_parameter(ctx.params, name, high, ctx.threshold, lang), unit),
         ctx.mnkr(npv_low, True), ctx.mnkr(npv_high, True))
        for name, low, high, unit, npv_low, npv_high in zip(
            top["parameter"].astype(str), top["low"].astype(float), top["high"].astype(float), top["unit"].astype(str),
            top["npv_low_sek"].astype(float), top["npv_high_sek"].astype(float), strict=True)
    )
    header = tuple(ctx.t(f"uncertainty.{k}") for k in ("parameter", "low", "high", "npv_low", "npv_high"))
    bars = pd.DataFrame({"label": [row[0] for row in rows], "low": top["npv_low_sek"] / 1e6,
                         "high": top["npv_high_sek"] / 1e6})
    central = float(top["npv_central_sek"].iloc[0]) / 1e6 if len(top) else 0.0
    return [
        Text(ctx.t("uncertainty.tornado_title"), "subheading"),
        Text(ctx.t("uncertainty.tornado_text"), "note"),
        Table(header, rows, widths=(3.6, 1.5, 1.5, 1.5, 1.5)),
        Chart("tornado", bars, "", options={"central": central, "low": ctx.t("uncertainty.low"),
                                            "high": ctx.t("uncertainty.high")}),
    ]


# --- caveats ----------------------------------------------------------------------------------------


def general_caveats(language: str, threshold: float, area: str = DEFAULT_AREA) -> list[Text]:
    """What holds for every memo of *area*: the weak evidence, what the model leaves out, small counts."""
    blocks = [Text(ta("memo.caveats.evidence", language, area)), Text(t("memo.caveats.left_out_title", language))]
    blocks += [Text(line.strip(), "bullet") for line in ta("memo.caveats.left_out", language, area).splitlines()
               if line.strip()]
    blocks.append(Text(t("memo.caveats.small_counts", language, n=fmt_number(threshold, 0, language)), "note"))
    return blocks


def caveats_section(ctx: MemoContext) -> Section:
    """Cash against freed capacity, then :func:`general_caveats`."""
    s = ctx.result.summary
    cash = Text(ctx.t("caveats.cash", cash=ctx.mnkr(s["net_cash_total_sek"], True),
                      capacity=ctx.mnkr(s["net_capacity_total_sek"], True)))
    area = ctx.params.area
    return Section(ctx.t("caveats.title"), (cash, *area_caveats(area, ctx.language),
                                            *general_caveats(ctx.language, ctx.threshold, area.id)))


def area_caveats(area: Area, language: str) -> list[Text]:
    """The caveats of an area whose leavers go to work; none for the others.

    Income equalisation, jobbskatteavdrag, costs that move to other benefit
    systems, deadweight, weak programme effects, IPS fidelity.
    """
    if not area.municipal_tax:
        return []
    return [Text(t("employment.caveats_title", language), "subheading"),
            *(Text(p.replace("**", ""), "bullet") for p in caveat_paragraphs(language))]


def caveat_paragraphs(language: str) -> list[str]:
    """The employment area's caveats, one paragraph each (Markdown).

    The first two are the tax's (income equalisation, jobbskatteavdrag), which the sidebar's tax switch shows too.
    """
    return [p.strip() for p in t("employment.caveats", language).split("\n\n") if p.strip()]


# --- assumptions and sources ------------------------------------------------------------------------


def assumptions_section(ctx: MemoContext) -> Section:
    """Every assumption that differs from the preset, with both values and the source."""
    ref, params, lang = ctx.reference, ctx.params, ctx.language
    if ref is None:
        return Section(ctx.t("assumptions.title"), (Text(ctx.t("assumptions.no_reference"), "note"),))
    name = parameter_set_name(ref, lang)
    diffs = assumption_differences([ref, params])
    if not diffs:
        return Section(ctx.t("assumptions.title"), (Text(ctx.t("assumptions.none", reference=name), "note"),))
    rows = tuple(
        (parameter_label(d.name, params if d.values[1] is not None else ref, lang),
         fmt_parameter(params, d.name, d.values[1], ctx.threshold, lang),
         fmt_parameter(ref, d.name, d.values[0], ctx.threshold, lang), d.unit,
         cite(d.sources[1] or d.sources[0] or "–"))
        for d in diffs
    )
    header = tuple(ctx.t(f"assumptions.{k}") for k in ("assumption", "value", "reference", "unit", "source"))
    return Section(ctx.t("assumptions.title"), (Text(ctx.t("assumptions.text", reference=name), "note"),
                                                Table(header, rows, align="lrrll", widths=(3.0, 1.2, 1.2, 1.0, 4.6))))


def cite(source: str) -> str:
    """The text the memo prints for a source (today the source text itself; full citations plug in here)."""
    return source.strip()


def source_blocks(items: Iterable[tuple[str, str]]) -> list[Text]:
    """A numbered list of (what, source) pairs, each source once."""
    seen: dict[str, list[str]] = {}
    for what, source in items:
        if source and source.strip() not in ("", "–"):
            seen.setdefault(cite(source), []).append(what)
    return [Text(f"{i}. {source} ({'; '.join(dict.fromkeys(whats))})", "source")
            for i, (source, whats) in enumerate(seen.items(), start=1)]


def sources_section(ctx: MemoContext) -> Section:
    """The sources of the measures in the mix, of the changed assumptions and of the tornado's top five."""
    params, lang = ctx.params, ctx.language
    items = [(params.measure(mid).label(lang), params.measure(mid).citation(lang))
             for mid, share in ctx.scenario.mix_dict.items() if share > 0 and ctx.scenario.shift_sek_per_year > 0]
    if ctx.reference is not None:
        for d in assumption_differences([ctx.reference, params]):
            if d.values[1] is not None:
                items.append((parameter_label(d.name, params, lang), params[d.name].citation(lang)))
    if ctx.sensitivity is not None:
        for name in ctx.sensitivity["parameter"].head(TORNADO_ROWS):
            items.append((parameter_label(name, params, lang), params[name].citation(lang)))
    return Section(ctx.t("sources.title"), (Text(ctx.t("sources.text"), "note"), *source_blocks(items)))


# --- the memo's own facts ------------------------------------------------------------------------------


def about_rows(params: Parameters, language: str) -> list[tuple[str, str]]:
    """Parameter set, its hash, price year and basis, for the memo's facts."""
    rows = [
        (t("memo.about.parameter_set", language), parameter_set_name(params, language)),
        (t("memo.about.hash", language), params_hash(params)),
        (t("memo.about.price_year", language), str(params.price_year)),
    ]
    basis = getattr(params, "price_basis", None)  # a price basis on the set, once the model has one
    if basis:
        rows.append((t("memo.about.price_basis", language), str(basis)))
    return rows


def about_section(ctx: MemoContext) -> Section:
    """Date, parameter set and hash, version and the link back."""
    rows = [(ctx.t("about.created"), ctx.created), *about_rows(ctx.params, ctx.language),
            (ctx.t("about.discount_rate"), fmt_percent(ctx.result.summary["discount_rate"], ctx.language, 1)),
            (ctx.t("about.version"), ctx.version), (ctx.t("about.link"), ctx.link or ctx.t("about.no_link"))]
    return Section(ctx.t("about.title"), (Table(("", ""), tuple(rows), align="ll", widths=(2.2, 7.0)),
                                          Text(ctx.t("about.link_note"), "note")))
