"""The decision memo of one scenario, section by section: the question, the answer, over time, the money.

Each section is a function of a :class:`MemoContext` that returns a
:class:`~model.files.memo_content.Section`, or ``None`` when the result does
not carry its data yet. Sections that read data other issues add to the model
look it up with ``getattr(..., None)`` (:func:`optional_frame`), so they
appear as soon as the model has it:

* ``Result.by_mechanism`` -> :func:`mechanism_section` ("Varifrån effekten kommer");
* ``Result.budget_lines`` -> :func:`budget_section` (the statement and every line's deviation per year);
* ``Result.by_payer`` -> :func:`payer_section`;
* an evidence level on the scenario -> :func:`evidence_level` (a line under the measures).

The caveats, the changed assumptions, the sources and the facts about the
memo are in :mod:`model.files.memo_notes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from model.analysis.compare import Candidate
from model.analysis.uncertainty import UncertaintyResult
from model.files.comparison_text import lever_rows
from model.files.memo_content import Chart, Figures, Section, Table, Text
from model.files.result_export import mechanism_table
from model.levers import default_levers, scenario_from_levers
from model.parameters import Parameters
from model.results import Result
from model.run import run
from model.scenario import Scenario
from model.text.budget_text import COST_LINES, budget_statement, cost_lines, failing_lines, used_lines
from model.text.counts import fmt_count, fmt_count_change, small_count_threshold
from model.text.i18n import fmt_mnkr, fmt_number, fmt_percent, format_value, has, t, ta
from model.text.labels import column_label, prices_values

#: Money below this [SEK] reads as no change in the memo's sentences.
NEGLIGIBLE_SEK = 0.5e6
#: The budget lines of ``Result.yearly`` (``<line>_<variant>_sek``; prevention has only the scenario's).
BUDGET_LINES = COST_LINES  # the children's lines; an area's own: cost_lines(area)
#: Years in one budget table (more years continue in a second table, so the table fits an A4 page).
YEARS_PER_TABLE = 10
#: Relative widths in the budget table: the label, a year, the total.
BUDGET_WIDTHS = (2.6, 1.0, 1.15)


@dataclass(frozen=True)
class MemoContext:
    """Everything a section may read: the run, the analyses the caller made, and the memo's facts."""

    result: Result
    language: str = "sv"
    uncertainty: UncertaintyResult | None = None
    sensitivity: pd.DataFrame | None = None  # model.analysis.sensitivity.tornado
    reference: Parameters | None = None  # the preset the assumptions are compared with
    link: str = ""
    created: str = ""
    version: str = ""

    @property
    def params(self) -> Parameters:
        """The run's parameter set."""
        return self.result.params

    @property
    def scenario(self) -> Scenario:
        """The run's levers."""
        return self.result.scenario

    @property
    def threshold(self) -> float:
        """Counts of people below this are withheld [people]."""
        return small_count_threshold(self.params)

    @property
    def years(self) -> str:
        """The period, ``2027–2036``."""
        return f"{self.scenario.first_year}–{self.scenario.last_year}"

    def t(self, key: str, **values: object) -> str:
        """The memo's string *key* (under ``memo.``) in the memo's language and its area's words."""
        return ta(f"memo.{key}", self.language, self.params.area.id, **values)

    def mnkr(self, sek: float, sign: bool = False) -> str:
        """Kronor as million kronor in the memo's language."""
        return fmt_mnkr(sek, self.language, sign=sign)

    @cached_property
    def default_run(self) -> Result:
        """The same parameter set with the sidebar's default levers (what "changed" is measured against)."""
        return run(self.params, scenario_from_levers(default_levers(self.params), self.params))


# --- the question ---------------------------------------------------------------------------------


def question_section(ctx: MemoContext) -> Section:
    """The question in one sentence, and the levers (changed ones in bold)."""
    sc, lang = ctx.scenario, ctx.language
    ramp = ctx.t("question.ramp", n=sc.ramp_years) if sc.ramp_years > 1 else ""
    text = ctx.t("question.text", shift=ctx.mnkr(sc.shift_sek_per_year), ramp=ramp, start=sc.shift_start_year,
                 years=ctx.years)
    ours = lever_rows([Candidate("", ctx.result)], lang)
    default = lever_rows([Candidate("", ctx.default_run)], lang)
    rows: list[tuple[str, str, str]] = []
    bold: list[int] = []
    for (label, kind, [value]), (_, _, [standard]) in zip(ours, default, strict=True):
        if kind == "text" or (kind == "share" and not value and not standard):
            continue  # the set and the period are in the title; a measure nobody gives money to is left out
        if value != standard:
            bold.append(len(rows))
        rows.append((label, format_value(value, kind, lang), format_value(standard, kind, lang)))
    table = Table((ctx.t("question.lever"), ctx.t("question.value"), ctx.t("question.default")), tuple(rows),
                  widths=(3.2, 2.2, 2.2), bold_rows=tuple(bold))
    return Section(ctx.t("question.title"), (Text(text, "lead"), Text(ctx.t("question.levers"), "note"), table))


# --- the answer --------------------------------------------------------------------------------------


def lead_text(ctx: MemoContext) -> str:
    """The result in plain words: money, payback, children in institutions."""
    s, sc = ctx.result.summary, ctx.scenario
    if sc.shift_sek_per_year <= 0:
        return ctx.t("headline.lead_nothing")
    net = s["net_total_sek"]
    key = "lead_none" if abs(net) < NEGLIGIBLE_SEK else "lead_saving" if net < 0 else "lead_cost"
    words = [ctx.t(f"headline.{key}", shift=ctx.mnkr(sc.shift_sek_per_year), years=ctx.years, net=ctx.mnkr(abs(net)))]
    year = s["payback_year"]
    words.append(ctx.t("headline.payback", year=year) if year else ctx.t("headline.no_payback"))
    words.append(children_sentence(ctx))
    return " ".join(words)


def people_column(params: Parameters) -> str:
    """The people the memo counts: children in HVB/SiS, or, without institutions, households on assistance."""
    return "children_institution" if params.area.forms_with("institution") else "children_placed"


def children_sentence(ctx: MemoContext) -> str:
    """Children in HVB/SiS (households on assistance) in the last year, in words (a range, small counts withheld)."""
    last, column = ctx.result.yearly.iloc[-1], people_column(ctx.params)
    base, scen = float(last[f"{column}_baseline"]), float(last[f"{column}_scenario"])
    change = fmt_count_change(scen - base, ctx.language)
    if change == fmt_number(0, 0, ctx.language):
        return ctx.t("headline.children_same", year=ctx.scenario.last_year)
    return ctx.t("headline.children", year=ctx.scenario.last_year, change=change,
                 baseline=fmt_count(base, ctx.threshold, ctx.language), scenario=fmt_count(scen, ctx.threshold,
                                                                                            ctx.language))


def headline_section(ctx: MemoContext) -> Section:
    """The plain-language reading and the headline figures as big numbers."""
    s, sc, lang = ctx.result.summary, ctx.scenario, ctx.language
    net, last = s["net_total_sek"], ctx.result.yearly.iloc[-1]
    reading = "" if abs(net) < NEGLIGIBLE_SEK else ctx.t("headline.net_saving" if net < 0 else "headline.net_cost")
    bcr, lines = s["benefit_cost_ratio"], used_lines(ctx.result.budget_lines)
    rows = (
        (ctx.t("headline.net", years=ctx.years), ctx.mnkr(net, sign=True), reading),
        (ctx.t("headline.npv"), ctx.mnkr(s["npv_sek"], sign=True),
         ctx.t("headline.npv_reading", rate=fmt_percent(s["discount_rate"], lang, 1))),
        (ctx.t("headline.payback_label"), str(s["payback_year"] or ctx.t("headline.never")),
         ctx.t("headline.payback_reading")),
        *(_household_rows(ctx) if ctx.params.area.municipal_tax else (
            (ctx.t("headline.institution", year=sc.last_year),
             fmt_count_change(-s["institution_children_fewer_last_year"], lang),
             ctx.t("headline.institution_reading")),
            (ctx.t("headline.placements", years=ctx.years), fmt_count_change(-s["placements_avoided"], lang),
             ctx.t("headline.placements_reading")),
            (ctx.t("headline.family_share", year=sc.last_year), fmt_percent(last["family_share_scenario"], lang),
             ctx.t("headline.family_share_reading", baseline=fmt_percent(last["family_share_baseline"], lang))),
        )),
        (ctx.t("headline.bcr"), "–" if bcr is None else fmt_number(bcr, 2, lang), ctx.t("headline.bcr_reading")),
        (ctx.t("headline.budget"), ctx.t("headline.budget_value", failing=len(failing_lines(lines)),
                                         lines=lines["line"].nunique()),
         ctx.t("headline.budget_reading")),
    )
    return Section(ctx.t("headline.title"), (Text(lead_text(ctx), "lead"), Figures(rows)))


def _household_rows(ctx: MemoContext) -> tuple[tuple[str, str, str], ...]:
    """The big numbers on households on assistance and the municipal tax on their earnings.

    In an area whose leavers go to work; the tax is shown apart (in the net
    effect only when the scenario counts it).
    """
    s, sc, lang, last = ctx.result.summary, ctx.scenario, ctx.language, ctx.result.yearly.iloc[-1]
    change = float(last["children_placed_scenario"] - last["children_placed_baseline"])
    counted = "counted" if sc.count_municipal_tax else "apart"
    return (
        (t("headline.households.households", lang, year=sc.last_year), fmt_count_change(change, lang),
         ctx.t("headline.institution_reading")),
        (t("headline.households.tax", lang, years=ctx.years), ctx.mnkr(s["municipal_tax_sek"]),
         t(f"headline.households.tax_{counted}", lang)),
    )


def charts_section(ctx: MemoContext) -> Section:
    """The running net effect and the children in care over the years."""
    y = ctx.result.yearly
    cumulative = pd.DataFrame({"year": y["year"], "net": y["net_sek"] / 1e6,
                               "cumulative": y["cumulative_net_sek"] / 1e6})
    children = pd.DataFrame({"year": y["year"]})
    for kind in ("placed", "institution") if ctx.params.area.forms_with("institution") else ("placed",):
        for variant in ("baseline", "scenario"):
            children[f"{kind}_{variant}"] = y[f"children_{kind}_{variant}"]
    year = ctx.result.summary["payback_year"]
    payback = ctx.t("charts.payback", year=year) if year else ""
    return Section(ctx.t("charts.title"), (
        Chart("cumulative", cumulative, ctx.t("charts.cumulative"), options={
            "payback_year": year, "label": payback, "net_label": t("chart.net_year", ctx.language),
            "cumulative_label": t("chart.cumulative", ctx.language)}),
        Chart("children", children, ctx.t("charts.children"), options={
            "labels": {k: column_label(f"children_{k}", ctx.language, ctx.params)
                       for k in children.columns if k != "year"},
            "threshold": ctx.threshold}),
    ))


# --- where the money goes ----------------------------------------------------------------------------


def optional_frame(owner: object, name: str) -> pd.DataFrame | None:
    """``owner.name`` when it is a non-empty DataFrame (data another part of the model may not have yet)."""
    frame = getattr(owner, name, None)
    return frame if isinstance(frame, pd.DataFrame) and not frame.empty else None


def summed_table(frame: pd.DataFrame, ctx: MemoContext, key_label: str, note: str) -> Table:
    """A table of a tidy frame: its money columns (``*_sek``) summed over the years per key, in mnkr."""
    keys = [c for c in frame.columns if c != "year" and not pd.api.types.is_numeric_dtype(frame[c])]
    money = [c for c in frame.columns if c.endswith("_sek")]
    summed = frame.groupby(keys[0], sort=False)[money].sum() if keys else frame[money].sum().to_frame().T
    header = (key_label, *(_column_label(c, ctx.language) for c in money))
    rows = tuple((_key_label(str(k), ctx.language), *(ctx.mnkr(v, sign=True) for v in rec))
                 for k, rec in zip(summed.index, summed.to_numpy(), strict=True))
    return Table(header, rows, note=note)


def _column_label(column: str, language: str) -> str:
    key = f"col.{column}"
    return t(key, language).replace(" (kr)", "").replace(" (SEK)", "") if has(key, language) else column


def _key_label(key: str, language: str) -> str:
    for prefix in ("mechanism", "budget_line", "payer"):
        if has(f"{prefix}.{key}", language):
            return t(f"{prefix}.{key}", language)
    return key


def mechanism_section(ctx: MemoContext) -> Section | None:
    """Where the net effect comes from, by mechanism (``Result.by_mechanism``; None until the model has it)."""
    if optional_frame(ctx.result, "by_mechanism") is None:
        return None
    df = mechanism_table(ctx.result, ctx.language)  # the workbook's table: one home of the labels and sums
    label, total = df.columns[0], df.columns[-1]
    rows = tuple((str(r[label]), ctx.mnkr(float(r[total]), sign=True)) for _, r in df.iterrows())
    table = Table((ctx.t("mechanism.column"), t("export.mechanism.col.total", ctx.language)), rows,
                  widths=(3.0, 1.0), note=ctx.t("mechanism.note"), bold_rows=(len(rows) - 1,))
    return Section(ctx.t("mechanism.title"), (table,))


def evidence_level(ctx: MemoContext) -> str | None:
    """The scenario's evidence level in words, when the model gives one (``Scenario.evidence_level``)."""
    level = getattr(ctx.scenario, "evidence_level", None) or getattr(ctx.result, "evidence_level", None)
    if level is None:
        return None
    key = f"evidence.{level}"
    return t(key, ctx.language) if has(key, ctx.language) else str(level)


def measures_section(ctx: MemoContext) -> Section | None:
    """Each measure given money: its share, what it used, whom it reached, and the evidence behind it."""
    mix = {k: v for k, v in ctx.scenario.mix_dict.items() if v > 0}
    if not mix or ctx.scenario.shift_sek_per_year <= 0:
        return None
    lang, bm = ctx.language, ctx.result.by_measure
    totals = bm.groupby("measure", sort=False)[["spent_sek", "families_reached"]].sum()
    spent_by = {str(k): float(v) for k, v in totals["spent_sek"].items()}
    reached_by = {str(k): float(v) for k, v in totals["families_reached"].items()}
    homes = float(ctx.result.yearly["family_homes_recruited"].sum())
    rows = []
    for mid, share in mix.items():
        m = ctx.params.measure(mid)
        reached = homes if m.mechanism == "recruitment" else reached_by.get(mid, 0.0)
        spent = spent_by.get(mid, 0.0) / 1e6
        unit = ctx.t("measures.unit_" + m.unit)
        rows.append((m.label(lang), fmt_percent(share, lang), fmt_number(spent, 1, lang),
                     f"{fmt_count(reached, ctx.threshold, lang)} {unit}", m.evidence or "–"))
    header = tuple(ctx.t(f"measures.{k}") for k in ("measure", "share", "spent", "reached", "evidence"))
    blocks: list[Text | Table] = [Text(ctx.t("measures.text", years=ctx.years), "note"),
                                  Table(header, tuple(rows), align="lrrrl", widths=(2.6, 1.0, 1.2, 1.5, 4.2))]
    level = evidence_level(ctx)
    if level:
        blocks.append(Text(ctx.t("measures.evidence_level", level=level)))
    return Section(ctx.t("measures.title"), tuple(blocks))


def budget_lines(ctx: MemoContext) -> pd.DataFrame:
    """Cost per budget line and year with the scenario, and the difference from no change [SEK]."""
    y = ctx.result.yearly
    out = pd.DataFrame({"year": y["year"].astype(int)})
    for line in cost_lines(ctx.params.area):
        scen = y["cost_prevention_sek"] if line == "cost_prevention" else y[f"{line}_scenario_sek"]
        out[line] = scen.to_numpy()
    out["total"] = y["cost_scenario_sek"].to_numpy()
    out["difference"] = y["net_sek"].to_numpy()
    return out


def _year_tables(ctx: MemoContext, first: str, rows: dict[str, list[float]], years: list[int],
                 total: dict[str, float], bold: tuple[int, ...] = (), sign: bool = False) -> list[Table]:
    """Rows of yearly values in mnkr, split into tables of :data:`YEARS_PER_TABLE` years (A4); the total last."""
    lang = ctx.language
    label_w, year_w, total_w = BUDGET_WIDTHS
    full = label_w + YEARS_PER_TABLE * year_w + total_w
    out = []
    for start in range(0, len(years), YEARS_PER_TABLE):
        part = years[start:start + YEARS_PER_TABLE]
        last = start + YEARS_PER_TABLE >= len(years)
        header = (first, *(str(y) for y in part), *([ctx.t("budget.total")] if last else []))
        body = tuple((label, *(fmt_number(v / 1e6, 1, lang, sign) for v in values[start:start + len(part)]),
                      *([fmt_number(total[label] / 1e6, 1, lang, sign)] if last else []))
                     for label, values in rows.items())
        widths = (label_w, *(year_w,) * len(part), *((total_w,) if last else ()))
        out.append(Table(header, body, widths=widths, scale=sum(widths) / full, bold_rows=bold))
    return out


def budget_section(ctx: MemoContext) -> Section:
    """The budget statement, every line's deviation per year, the cost per line and year, and the chart."""
    lang, area = ctx.language, ctx.params.area
    prices = prices_values([ctx.scenario.price_basis], ctx.params.price_year, lang)
    blocks: list[Text | Table | Chart] = []
    own = optional_frame(ctx.result, "budget_lines")
    if own is not None:
        own = used_lines(own)
        blocks.append(Text(budget_statement(own, lang, area.id), "lead"))
        blocks.append(Text(ctx.t("budget.deviation_text"), "note"))
        years = [int(y) for y in dict.fromkeys(own["year"])]
        rows = {ta(f"budget_line.{line}", lang, area.id): own.loc[own["line"] == line, "deviation_sek"].tolist()
                for line in dict.fromkeys(own["line"])}
        blocks += _year_tables(ctx, ctx.t("budget.deviation_line"), rows, years, {k: sum(v) for k, v in rows.items()},
                               sign=True)
    blocks.append(Text(ctx.t("budget.text", **prices), "note"))
    lines, keys = budget_lines(ctx), cost_lines(area)
    labels = {**{k: ta(f"budget_line.{k}", lang, area.id) for k in keys}, "total": t("col.cost_scenario_sek", lang)
              .replace(" (kr)", "").replace(" (SEK)", ""), "difference": ctx.t("budget.difference")}
    rows = {labels[k]: lines[k].tolist() for k in labels}
    blocks += _year_tables(ctx, ctx.t("budget.line"), rows, [int(y) for y in lines["year"]],
                           {v: float(lines[k].sum()) for k, v in labels.items()},
                           bold=(len(keys), len(keys) + 1))
    blocks.append(Chart("cost", ctx.result.yearly, ctx.t("charts.cost"), options={
        "lines": [(k, ta(f"budget_line.{k}", lang, area.id)) for k in keys],
        "variants": (t("variant.baseline", lang), t("variant.scenario", lang))}))
    return Section(ctx.t("budget.title"), tuple(blocks))


def payer_section(ctx: MemoContext) -> Section | None:
    """Who pays and who saves (``Result.by_payer``; None until the model has it)."""
    frame = optional_frame(ctx.result, "by_payer")
    if frame is None:
        return None
    return Section(ctx.t("payers.title"), (summed_table(frame, ctx, ctx.t("payers.column"), ctx.t("payers.note")),))
