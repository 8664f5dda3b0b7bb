"""Scenarios: the levers of a budget shift, as a frozen, hashable value.

``Scenario()`` with no arguments means "no change of policy". A scenario moves
``shift_sek_per_year`` from the external-placement budget to preventive measures
from ``start_year``, ramped up linearly over ``ramp_years``, split by ``mix``
across measures of the parameter set's catalogue (by default the embedded
catalogue's default mix, :func:`model.catalogue.embedded_default_mix`).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import cast

from model.catalogue import embedded_default_mix
from model.evidence import DEFAULT_EVIDENCE_LEVEL, evidence_level
from model.fields import INFLATION_INDEX, PRICE_INDEX
from model.parameters import DISCOUNT_RATE, SHARE_TOLERANCE, Parameters
from model.plain_text import check_plain_text
from model.prices import DEFAULT_PRICE_BASIS, PRICE_BASES, nominal_rate

DEFAULT_FIRST_YEAR = 2027
DEFAULT_HORIZON = 10
MAX_HORIZON = 15
MAX_RAMP_YEARS = 5
MAX_SHIFT_SEK = 10_000_000_000
#: Largest discount rate a scenario may set [1/year] (as the parameter's domain).
MAX_DISCOUNT_RATE = 0.2


@dataclass(frozen=True, slots=True)
class Scenario:
    """The levers of one budget scenario.

    Parameters
    ----------
    shift_sek_per_year : float
        Amount moved each year from the external-placement budget to prevention
        at full ramp-up [SEK/year], in the kronor of the price basis: with
        fixed prices the price year's kronor (the amount keeps its purchasing
        power), with current prices each budget year's kronor (the same
        amount every year, as a budget writes it).
    mix : mapping of str to float
        Share of the amount for each measure id (shares sum to 1).
    ramp_years : int
        Years until the full amount is reached (1 = full from the start year).
    start_year : int, optional
        First calendar year of the shift (default: the first model year).
    first_year : int
        First calendar year of the model [year].
    horizon_years : int
        Number of calendar years modelled, 1–15.
    end_year : int, optional
        Last calendar year with money (default: the last model year); after
        it the measures stop, their spending after each one's notice period.
    discount_rate : float, optional
        Real discount rate overriding the parameter set's [1/year] (with
        current prices the run discounts at the nominal rate made from it).
    price_basis : str
        ``"fixed"`` (fasta priser: the price year's kronor, the default) or
        ``"current"`` (löpande priser: each year's kronor, each cost kind
        raised by its own index; :mod:`model.prices`).
    evidence_level : str
        Which documented set of effect sizes to use: ``"cautious"``,
        ``"central"`` (default) or ``"optimistic"`` (:mod:`model.evidence`).
    count_municipal_tax : bool
        Count the municipal tax on the earnings of the households kept off
        assistance in the net effect (areas with ``municipal_tax``; off by
        default: income equalisation takes much of it, see docs/model.md).
    name : str
        A name for the scenario (shown and exported; never computed on): plain
        text of at most 120 characters without control characters.
    """

    shift_sek_per_year: float = 0.0
    mix: tuple[tuple[str, float], ...] | Mapping[str, float] = field(
        default_factory=lambda: tuple(embedded_default_mix().items())
    )
    ramp_years: int = 1
    start_year: int | None = None
    first_year: int = DEFAULT_FIRST_YEAR
    horizon_years: int = DEFAULT_HORIZON
    discount_rate: float | None = None
    evidence_level: str = DEFAULT_EVIDENCE_LEVEL
    name: str = ""
    price_basis: str = DEFAULT_PRICE_BASIS
    end_year: int | None = None
    count_municipal_tax: bool = False

    def __post_init__(self) -> None:
        """Normalise the mix to sorted pairs and validate every lever (``ValueError`` naming it)."""
        mix = self.mix.items() if isinstance(self.mix, Mapping) else self.mix
        try:
            raw = [(k, v) for k, v in mix]
        except (TypeError, ValueError):
            raise ValueError("mix: expected a mapping of measure id to share") from None
        for k, v in raw:
            if not isinstance(k, str):
                raise ValueError(f"mix: a measure id must be text, got {k!r}"[:120])
            _check_number(f"mix[{k[:40]}]", v, 0, 1)  # True is not a share
        pairs = tuple(sorted((k, float(v)) for k, v in raw))
        object.__setattr__(self, "mix", pairs)
        if not isinstance(self.name, str):
            raise ValueError(f"name: expected text, got {type(self.name).__name__}")
        object.__setattr__(self, "name", check_plain_text(self.name, "name", _LeverError).strip())
        _check_number("shift_sek_per_year", self.shift_sek_per_year, 0, MAX_SHIFT_SEK)
        for key, share in pairs:
            _check_number(f"mix[{key}]", share, 0, 1)
        if len({k for k, _ in pairs}) != len(pairs):
            raise ValueError("mix: a measure is named more than once")
        total = sum(s for _, s in pairs)
        if pairs and abs(total - 1) > SHARE_TOLERANCE:
            raise ValueError(f"mix: shares sum to {total:.4g}, not 1")
        if not pairs and self.shift_sek_per_year > 0:
            raise ValueError("mix: a shift needs at least one measure")
        # Whole numbers given as floats (10.0, as JSON and spreadsheets write them) are stored as ints.
        object.__setattr__(self, "ramp_years", _check_int("ramp_years", self.ramp_years, 1, MAX_RAMP_YEARS))
        object.__setattr__(self, "first_year", _check_int("first_year", self.first_year, 2000, 2100))
        object.__setattr__(self, "horizon_years", _check_int("horizon_years", self.horizon_years, 1, MAX_HORIZON))
        if self.start_year is not None:
            start = _check_int("start_year", self.start_year, self.first_year, self.last_year)
            object.__setattr__(self, "start_year", start)
        self._check_money_levers()
        self._check_choices()

    def _check_choices(self) -> None:
        """The evidence level is a known one; counting the municipal tax is True or False."""
        if not isinstance(self.evidence_level, str):
            raise ValueError(f"evidence_level: expected text, got {self.evidence_level!r}")
        evidence_level(self.evidence_level)
        if not isinstance(self.count_municipal_tax, bool):
            raise ValueError(f"count_municipal_tax: expected True or False, got {self.count_municipal_tax!r}"[:160])

    def _check_money_levers(self) -> None:
        """The end year, the discount rate and the price basis (``ValueError`` naming the lever)."""
        if self.end_year is not None:
            end = _check_int("end_year", self.end_year, self.shift_start_year, self.last_year)
            object.__setattr__(self, "end_year", end)
        if self.discount_rate is not None:
            _check_number("discount_rate", self.discount_rate, 0, MAX_DISCOUNT_RATE)
        if not isinstance(self.price_basis, str) or self.price_basis not in PRICE_BASES:
            raise ValueError(f"price_basis: expected one of {', '.join(PRICE_BASES)}, got {self.price_basis!r}"[:160])

    @property
    def last_year(self) -> int:
        """Last calendar year of the model."""
        return self.first_year + self.horizon_years - 1

    @property
    def shift_start_year(self) -> int:
        """First calendar year of the shift."""
        return self.first_year if self.start_year is None else self.start_year

    @property
    def mix_pairs(self) -> tuple[tuple[str, float], ...]:
        """The mix as sorted (measure id, share) pairs (what ``__post_init__`` made of it)."""
        return cast(tuple[tuple[str, float], ...], self.mix)

    @property
    def mix_dict(self) -> dict[str, float]:
        """The mix as a dict: measure id -> share."""
        return dict(self.mix_pairs)

    @property
    def is_baseline(self) -> bool:
        """True if the scenario moves no money."""
        return self.shift_sek_per_year == 0

    def with_(self, **changes: object) -> Scenario:
        """A copy with some levers changed (validated)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def shift_by_year(self) -> list[float]:
        """Amount moved in each model year [SEK/year], with the ramp-up applied."""
        out = []
        end = self.last_year if self.end_year is None else self.end_year
        for year in range(self.first_year, self.last_year + 1):
            k = year - self.shift_start_year
            funded = 0 <= k and year <= end
            out.append(self.shift_sek_per_year * min(1.0, (k + 1) / self.ramp_years) if funded else 0.0)
        return out


def discount_rate(params: Parameters, scenario: Scenario) -> float:
    """The real discount rate of a run: the scenario's override, else the parameter set's [1/year]."""
    return params.value(DISCOUNT_RATE) if scenario.discount_rate is None else scenario.discount_rate


def applied_discount_rate(params: Parameters, scenario: Scenario) -> float:
    """The rate a run discounts at: the real rate with fixed prices, the nominal one with current [1/year].

    Nominal = (1 + real)(1 + CPI) − 1, CPI being the "other costs" index
    (:data:`model.prices.INFLATION_INDEX`), so that discounting removes the
    same inflation that current prices add (:func:`model.prices.nominal_rate`).
    """
    real = discount_rate(params, scenario)
    if scenario.price_basis != "current":
        return real
    return nominal_rate(real, params.value(PRICE_INDEX.format(INFLATION_INDEX)))


class _LeverError(ValueError):
    """A lever's problem as the plain ``ValueError`` a :class:`Scenario` raises ("field: problem")."""

    def __init__(self, field: str, code: str, **details: object) -> None:
        problem = {
            "not_text": "expected text",
            "control_character": "holds a control character ({character}, character {position})",
            "too_long": "longer than {limit} characters",
        }.get(code, code)
        super().__init__(f"{field}: " + problem.format(**details))


def _finite(value: numbers.Real) -> bool:
    """Whether *value* is a finite number a float can hold (an int of 400 digits is not)."""
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False


def _check_number(name: str, value: object, low: float, high: float) -> None:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name}: expected a number, got {value!r}"[:160])
    if not _finite(value):
        raise ValueError(f"{name}: must be a finite number, got {value}")
    if not low <= float(value) <= high:
        raise ValueError(f"{name}: {value} is outside the allowed range {low}–{high}")


def _check_int(name: str, value: object, low: int, high: int) -> int:
    """*value* as an int within *low*–*high* (a whole float such as 10.0 counts; True does not)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name}: expected a whole number, got {value!r}"[:160])
    if not _finite(value):
        raise ValueError(f"{name}: must be a finite number, got {value!r}"[:160])
    if not isinstance(value, numbers.Integral) and not float(value).is_integer():
        raise ValueError(f"{name}: expected a whole number, got {value!r}")
    if not low <= float(value) <= high:
        raise ValueError(f"{name}: {value} is outside the allowed range {low}–{high}")
    return int(float(value))
