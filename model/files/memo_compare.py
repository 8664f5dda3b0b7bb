"""The decision memo of a comparison: 2–4 proposals side by side against no change of policy.

Sections of a :class:`CompareContext`, as in the scenario memo: the question
and the proposals, the key figures side by side, the running net effect and
the children in institutions over time, what differs (levers, assumptions),
the caveats (cash against capacity per proposal, the evidence of each
measure), the sources and the memo's facts (each proposal's parameter set,
its hash and a link back).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from model.analysis.compare import (
    HEADLINE_KIND,
    Candidate,
    assumption_differences,
    headline_frame,
    headline_label,
    unique_names,
    yearly_long,
)
from model.files.comparison_text import lever_frame, parameter_set_name
from model.files.memo_content import Chart, Memo, Section, Table, Text, build_sections
from model.files.memo_notes import about_rows, area_caveats, fmt_parameter, general_caveats, source_blocks
from model.files.presets import set_name
from model.parameters import Parameters
from model.text.counts import fmt_count, small_count_threshold
from model.text.i18n import fmt_mnkr, fmt_number, format_value, t
from model.text.labels import parameter_label, prices_values


@dataclass(frozen=True)
class CompareContext:
    """The compared candidates (the baseline among them) and the memo's facts."""

    candidates: tuple[Candidate, ...]
    language: str = "sv"
    links: tuple[str, ...] = ()
    created: str = ""
    version: str = ""

    @property
    def proposals(self) -> list[tuple[str, Candidate]]:
        """(unique name, candidate) of every candidate that is not the baseline."""
        names = unique_names([c.name for c in self.candidates])
        return [(n, c) for n, c in zip(names, self.candidates, strict=True) if not c.is_baseline]

    @property
    def params(self) -> Parameters:
        """The first proposal's parameter set (the baseline column's, too)."""
        return self.proposals[0][1].params

    @property
    def threshold(self) -> float:
        """Counts of people below this are withheld [people]."""
        return small_count_threshold(self.params)

    @property
    def years(self) -> str:
        """The period of all candidates, ``2027–2036``."""
        first = min(c.scenario.first_year for c in self.candidates)
        last = max(c.scenario.last_year for c in self.candidates)
        return f"{first}–{last}"

    def t(self, key: str, **values: object) -> str:
        """The memo's string *key* (under ``memo.``) in the memo's language."""
        return t(f"memo.{key}", self.language, **values)


def _prices(ctx: CompareContext) -> dict[str, str]:
    """Which prices the proposals' amounts are in (several bases named one after the other)."""
    bases = [c.result.scenario.price_basis for _, c in ctx.proposals]
    return prices_values(bases, ctx.params.price_year, ctx.language)


def question_section(ctx: CompareContext) -> Section:
    """What is compared, and the levers in which the proposals differ."""
    blocks: list[Text | Table] = [Text(ctx.t("compare.question", years=ctx.years, **_prices(ctx)),
                                       "lead")]
    for name, c in ctx.proposals:
        shift = fmt_mnkr(c.scenario.shift_sek_per_year, ctx.language)
        text = f"{name}: {shift} · {parameter_set_name(c.params, ctx.language)}"
        blocks.append(Text(text + (f" — {c.note}" if c.note.strip() else ""), "bullet"))
    levers = lever_frame([c for _, c in ctx.proposals], ctx.language, only_differences=True).drop(columns=["differs"])
    told = {t(f"scenarios.lever.{k}", ctx.language) for k in ("parameter_set", "period")}  # in the list above
    levers = levers[~levers.iloc[:, 0].isin(told)]
    blocks.append(Text(ctx.t("compare.levers_title"), "subheading"))
    if levers.empty:
        blocks.append(Text(ctx.t("compare.same_levers"), "note"))
    else:
        blocks.append(Table(tuple(str(c) for c in levers.columns), tuple(tuple(str(v) for v in r)
                                                                         for r in levers.itertuples(index=False)),
                            widths=(2.4,) + (1.4,) * (len(levers.columns) - 1)))
    return Section(ctx.t("question.title"), tuple(blocks))


def headline_cell(key: str, value: object, ctx: CompareContext) -> str:
    """One key figure in words: money in mnkr with a sign, children withheld when few or read as a range."""
    if key == "placements_avoided" and isinstance(value, float):
        return fmt_number(value, 0, ctx.language)  # a sum of yearly averages: whole placements
    if key == "institution_last_year" and isinstance(value, float):
        return fmt_count(value, ctx.threshold, ctx.language)
    return format_value(value, HEADLINE_KIND[key], ctx.language, sign=key in ("net_total", "npv"))


def headline_section(ctx: CompareContext) -> Section:
    """The key figures of every candidate side by side."""
    raw = headline_frame(ctx.candidates, ctx.language)
    header = (t("scenarios.compare.figure", ctx.language), *(str(c) for c in raw.columns))
    rows = tuple((headline_label(str(k), ctx.language), *(headline_cell(str(k), v, ctx) for v in raw.loc[k]))
                 for k in raw.index)
    return Section(ctx.t("compare.headline_title"), (Table(header, rows, widths=(2.4,) + (1.4,) * (len(header) - 1)),))


def charts_section(ctx: CompareContext) -> Section:
    """The running net effect and the children in HVB/SiS, one line per candidate."""
    long = yearly_long(ctx.candidates)
    net = long.assign(value=long["cumulative_net_sek"] / 1e6)
    children = long.assign(value=long["children_institution"])
    return Section(ctx.t("charts.title"), (
        Chart("compare", net, ctx.t("compare.cumulative"), options={"decimals": 0}),
        Chart("compare", children, ctx.t("compare.institution"), options={"threshold": ctx.threshold}),
    ))


def assumptions_section(ctx: CompareContext) -> Section:
    """The assumptions that are not the same in every proposal."""
    diffs = assumption_differences([c.params for _, c in ctx.proposals])
    if not diffs:
        return Section(ctx.t("compare.assumptions_title"), (Text(ctx.t("compare.same_assumptions"), "note"),))
    lang, names = ctx.language, [n for n, _ in ctx.proposals]
    rows = []
    for d in diffs:
        params = next(c.params for (_, c), v in zip(ctx.proposals, d.values, strict=True) if v is not None)
        values = [fmt_parameter(params, d.name, v, ctx.threshold, lang) for v in d.values]
        rows.append((parameter_label(d.name, params, lang), *values, d.unit))
    header = (ctx.t("assumptions.assumption"), *names, ctx.t("assumptions.unit"))
    return Section(ctx.t("compare.assumptions_title"),
                   (Table(header, tuple(rows), widths=(3.0,) + (1.3,) * len(names) + (1.0,)),))


def caveats_section(ctx: CompareContext) -> Section:
    """Cash against capacity per proposal, the evidence of each measure used, and the general caveats."""
    lang = ctx.language
    rows = tuple((name, fmt_mnkr(c.result.summary["net_cash_total_sek"], lang, sign=True),
                  fmt_mnkr(c.result.summary["net_capacity_total_sek"], lang, sign=True)) for name, c in ctx.proposals)
    header = (ctx.t("compare.scenario"), t("col.net_cash_sek", lang).replace(" (kr)", "").replace(" (SEK)", ""),
              t("col.net_capacity_sek", lang).replace(" (kr)", "").replace(" (SEK)", ""))
    used: dict[str, tuple[str, str]] = {}
    for _, c in ctx.proposals:
        for mid, share in c.scenario.mix_dict.items():
            if share > 0 and c.scenario.shift_sek_per_year > 0:
                m = c.params.measure(mid)
                used.setdefault(mid, (m.label(lang), m.evidence or "–"))
    evidence = Table((ctx.t("measures.measure"), ctx.t("measures.evidence")), tuple(used.values()), align="ll",
                     widths=(3.0, 6.0))
    return Section(ctx.t("caveats.title"), (Table(header, rows, widths=(3.0, 2.0, 2.0)), evidence,
                                             *area_caveats(ctx.params.area, lang),
                                             *general_caveats(lang, ctx.threshold, ctx.params.area.id)))


def sources_section(ctx: CompareContext) -> Section:
    """The sources of the measures used and of the assumptions that differ."""
    items: list[tuple[str, str]] = []
    for _, c in ctx.proposals:
        items += [(c.params.measure(mid).label(ctx.language), c.params.measure(mid).citation(ctx.language))
                  for mid, share in c.scenario.mix_dict.items() if share > 0]
    for d in assumption_differences([c.params for _, c in ctx.proposals]):
        params = next(c.params for (_, c), v in zip(ctx.proposals, d.values, strict=True) if v is not None)
        items += [(parameter_label(d.name, params, ctx.language), s or "") for s in d.sources]
    return Section(ctx.t("sources.title"), (Text(ctx.t("sources.text"), "note"), *source_blocks(items)))


def about_section(ctx: CompareContext) -> Section:
    """Date, version, and per proposal its parameter set, hash and link."""
    rows = [(ctx.t("about.created"), ctx.created), (ctx.t("about.version"), ctx.version)]
    for i, (name, c) in enumerate(ctx.proposals):
        rows.append((name, ""))
        rows += [(f"  {label}", value) for label, value in about_rows(c.params, ctx.language)]
        link = ctx.links[i] if i < len(ctx.links) else ""
        rows.append((f"  {ctx.t('about.link')}", link or ctx.t("about.no_link")))
    bold = tuple(i for i, (label, value) in enumerate(rows) if not value)
    return Section(ctx.t("about.title"), (Table(("", ""), tuple(rows), align="ll", widths=(2.4, 6.8),
                                                bold_rows=bold), Text(ctx.t("about.link_note"), "note")))


#: The comparison memo's sections in reading order.
COMPARE_SECTIONS: tuple[Callable[[CompareContext], Section | None], ...] = (
    question_section, headline_section, charts_section, assumptions_section, caveats_section, sources_section,
    about_section,
)


def comparison_memo(ctx: CompareContext) -> Memo:
    """The content of a comparison's memo."""
    params, n = ctx.params, len(ctx.proposals)
    title = ctx.t("compare_title", n=n)
    return Memo(
        title=title,
        subtitle=ctx.t("compare_subtitle", municipality=set_name(params, ctx.language), years=ctx.years,
                       **_prices(ctx)),
        sections=build_sections(COMPARE_SECTIONS, ctx),
        footer=ctx.t("footer", title=title, created=ctx.created),
        language=ctx.language,
    )
