"""The one table of what a parameter may mean: hard limits, and the fields of each kind of measure.

Everything that reads a parameter's hard limits or a measure's fields — the
validation of a set, the app's editors and new-measure form, the uncertainty
analysis — reads them from here. Plausible ranges are each parameter's own
``low``/``high``; :data:`DOMAINS` holds the limits of meaning (a share above 1,
a negative cost).
"""

from __future__ import annotations

#: How a measure acts: recruiting own homes, preventing placements, reviewing placements, or raising the
#: monthly exit rate (to work) of the participants it reaches (model/exits.py).
MECHANISMS = ("recruitment", "prevention", "review", "exit_rate")
UNITS_OF_MEASURE = ("home", "family", "post", "participant")
#: Where a measure's effect sizes come from (docs/model.md, "Honest uncertainty"): randomised or
#: controlled studies that measured placements, studies that measured behaviour only, and
#: before/after figures of single municipalities. One transfer factor per class
#: (``evidence.<class>.transfer_factor``) scales the effects of every measure of that class.
#: The employment area's classes: trials or systematic reviews that measured work itself
#: (``rct_outcome``) and difference-in-differences studies of the outcome (``quasi_experimental``).
EVIDENCE_CLASSES = ("rct_placements", "rct_behaviour", "local_example", "rct_outcome", "quasi_experimental")
#: Name of the transfer factor of an evidence class.
TRANSFER_FACTOR = "evidence.{}.transfer_factor"
#: The cost kinds, each with its own nominal price index for current prices (löpande priser):
#: purchased care (HVB, SiS and agency fees), family-home fees (SKR's arvode and omkostnad), staff
#: (wages; payroll costs are in the post cost) and other costs (CPI). Every care form names its kind
#: in the area file (``price_index``); the measures' money is staff and their start-up costs other
#: (:mod:`model.prices`).
PRICE_INDEXES = ("purchased_care", "family_home_fees", "staff", "other")
#: The kinds every area has, whatever its care forms: the measures' money (posts, therapists: wages),
#: their one-off start-up costs (other) and consumer prices, the inflation of the nominal discount
#: rate (other). Their indices are shared by every area (``data/economics.yaml``).
MEASURE_INDEX = "staff"
STARTUP_INDEX = "other"
INFLATION_INDEX = "other"
#: Name of the nominal change a year of a cost kind's prices.
PRICE_INDEX = "prices.{}.index_per_year"

# Keyed by the last part of a parameter name ("care.hvb.cost_per_day" -> "cost_per_day");
# flows ("flow.<from>.<to>") use "flow", start shares by age ("starts.<form>.<group>") "starts".
# (min, max, integer).
DOMAINS: dict[str, tuple[float, float, bool]] = {
    "inhabitants": (1, 10_000_000, True),
    "children_0_20": (1, 3_000_000, False),
    "adults": (1, 10_000_000, False),
    "municipal_tax_rate": (0, 0.4, False),
    "earnings_per_month": (0, 1_000_000, False),
    "growth_per_year": (-0.1, 0.1, False),
    "children": (0, 100_000, False),
    "cost_per_day": (0, 100_000, False),
    "duration_months": (0.5, 240, False),
    "flow": (0, 1, False),
    "starts": (0, 1, False),
    "recruitment_cost": (0, 10_000_000, False),
    "support_cost_per_year": (0, 10_000_000, False),
    "quit_rate_per_year": (0, 1, False),
    "places_per_home": (0.5, 10, False),
    "max_per_year": (0, 10_000, False),
    "lead_time_months": (0, 60, False),
    "occupancy": (0.05, 1, False),
    "non_substitutable_share": (0, 1, False),
    "own_home_cost_per_day": (0, 100_000, False),
    "full_cost_per_day": (0, 100_000, False),
    "region_share": (0, 0.9, False),
    "cost_per_unit": (1, 100_000_000, False),
    "families_per_unit": (0.01, 10_000, False),
    "placements_per_unit": (0.01, 10_000, False),
    "participants_per_unit": (0.01, 10_000, False),
    "target_share": (0, 1, False),
    "exit_increase": (0, 0.5, False),
    "target_families_per_1000": (0, 1_000, False),
    "at_risk_share": (0, 1, False),
    "risk_reduction": (0, 1, False),
    "delay_months": (0, 120, False),
    "effect_months": (0, 240, False),
    "fade_months": (0, 240, False),
    "substitution_share": (0, 1, False),
    "deadweight": (0, 1, False),
    "redirect_in_home_share": (0, 1, False),
    "redirect_own_home_share": (0, 1, False),
    "stay_reduction": (0, 0.9, False),
    "transfer_factor": (0, 3, False),
    "discount_rate": (0, 0.2, False),
    "real_cost_growth": (-0.05, 0.1, False),
    # A nominal price index below -10 % or above 20 % a year is not a price index (issue 10).
    "index_per_year": (-0.1, 0.2, False),
    "startup_cost": (0, 100_000_000, False),
    "notice_months": (0, 24, False),
    "small_count_threshold": (1, 100, True),
}

RECRUITMENT_FIELDS = (
    "recruitment_cost",
    "support_cost_per_year",
    "quit_rate_per_year",
    "places_per_home",
    "max_per_year",
    "lead_time_months",
    "occupancy",
    "non_substitutable_share",
    "own_home_cost_per_day",
    "startup_cost",
    "notice_months",
)
PREVENTION_FIELDS = (
    "cost_per_unit",
    "families_per_unit",
    "target_families_per_1000",
    "at_risk_share",
    "risk_reduction",
    "delay_months",
    "effect_months",
    "fade_months",
    "substitution_share",
    "deadweight",
    "startup_cost",
    "lead_time_months",
    "notice_months",
)
REVIEW_FIELDS = (
    "cost_per_unit",
    "placements_per_unit",
    "redirect_in_home_share",
    "redirect_own_home_share",
    "stay_reduction",
    "delay_months",
    "deadweight",
    "startup_cost",
    "lead_time_months",
    "notice_months",
)
EXIT_RATE_FIELDS = (
    "cost_per_unit",
    "participants_per_unit",
    "target_share",
    "exit_increase",
    "delay_months",
    "fade_months",
    "deadweight",
    "startup_cost",
    "lead_time_months",
    "notice_months",
)
MECHANISM_FIELDS = {
    "recruitment": RECRUITMENT_FIELDS,
    "prevention": PREVENTION_FIELDS,
    "review": REVIEW_FIELDS,
    "exit_rate": EXIT_RATE_FIELDS,
}
#: The effect sizes of each mechanism: scaled by the measure's evidence-transfer factor, drawn from
#: triangular distributions, and the figures the evidence levels (data/evidence_levels.yaml) set.
EFFECT_FIELDS = {
    "recruitment": (),
    "prevention": ("risk_reduction",),
    "review": ("redirect_in_home_share", "redirect_own_home_share", "stay_reduction"),
    "exit_rate": ("exit_increase",),
}
#: The fields of a measure's price: money buys through ``money / price`` only (what the batch of
#: amounts in :mod:`model.analysis.amounts` and the break-even search rely on).
PRICE_FIELDS = {
    "recruitment": ("recruitment_cost", "support_cost_per_year", "startup_cost"),
    "prevention": ("cost_per_unit", "startup_cost"),
    "review": ("cost_per_unit", "startup_cost"),
    "exit_rate": ("cost_per_unit", "startup_cost"),
}
#: Parameters of an area whose leavers go to work and pay municipal tax (``municipal_tax: true``).
TAX_PARAMETERS = ("economics.municipal_tax_rate", "work.earnings_per_month")
CARE_FIELDS = ("children", "cost_per_day", "duration_months")
#: The field of a care form flagged ``state_funded`` in its area: its full cost per day, of which
#: the municipality pays ``cost_per_day`` and the state the rest (model.payers).
STATE_FUNDED_FIELD = "full_cost_per_day"
#: A measure's field for the region's share of its full cost where the region co-finances it:
#: optional for every mechanism (a set without it has no co-financing, share 0), so parameter
#: files written before it existed still load.
REGION_SHARE_FIELD = "region_share"
OPTIONAL_MEASURE_FIELDS = (REGION_SHARE_FIELD,)
