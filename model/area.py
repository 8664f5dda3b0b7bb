"""An area of the committee's work as a value: its care forms (states), their flags and roles.

The cohort model is the same for every area; what differs is data. An area
file in ``data/areas/<id>.yaml`` lists the care forms (the states of the
model), a flag per budget line and headline share (``placement``, ``family``,
``institution``, ``purchased``, ``cash``; ``state_funded`` for care the
state pays part of) and the *roles* through which the
model's mechanisms act:

``exit`` (required)
    Where an episode ends ("left care"): absorbing, no parameters of its own.
``substitute`` (optional)
    Where prevention sends the avoided placements that get support instead
    (a measure's ``substitution_share``); without it, none do.
``recruited_from`` and ``recruited_as`` (optional, together)
    Recruitment places the people who would enter ``recruited_from`` in new
    homes that cost, and are reported, as ``recruited_as``. An area without
    them has no recruitment measures.
``after_exit`` (optional)
    A state of recent leavers with no inflow of its own (households that left
    financial assistance within about a year, some of whom come back): its
    stock is derived from what the other states send it, not a parameter.
``long_term`` (optional)
    The state of the long-term stock, fed by the spells of the other stock
    states (long-term financial assistance): the calibration to the
    municipality's own households and assistance
    (:mod:`model.analysis.stock_calibration`) splits the stock by it.

``municipal_tax: true`` says the area's leavers go to work and pay municipal
tax: its sets have a tax rate and the earnings of someone who leaves
(:data:`~model.fields.TAX_PARAMETERS`), and a scenario may count the tax.

``population`` names the parameter that counts the people the rates refer to
(children 0–20 for the children's area). ``age_groups`` (optional) are the
age groups the placements that start are split into: each placement form then
has its share of starts per age group (parameters ``starts.<form>.<group>``),
and a preventive measure's avoided placements go to the care forms its age
group uses. :func:`load_area` returns a frozen
:class:`Area`; the care model, the results and the validation of a parameter
set take it as an argument (a parameter set carries its own, ``params.area``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from model.errors import ParameterError
from model.fields import INFLATION_INDEX, MEASURE_INDEX, PRICE_INDEXES, STARTUP_INDEX
from model.resources import DATA_DIR
from model.yaml_text import read_yaml_file

AREAS_DIR = DATA_DIR / "areas"
#: The area of a parameter set that names none (every set before areas existed).
DEFAULT_AREA = "children"
FLAGS = ("placement", "family", "institution", "purchased", "cash", "state_funded")
ROLES = ("exit", "substitute", "recruited_from", "recruited_as", "after_exit", "long_term")
#: The population parameter of an area file that names none.
DEFAULT_POPULATION = "population.children_0_20"


def is_valid_id(text: object) -> bool:
    """True for an id of a care form, measure or area: lower-case ASCII letters, digits and ``_``."""
    return (
        isinstance(text, str) and bool(text) and text.replace("_", "a").isalnum() and text.islower() and text.isascii()
    )


@dataclass(frozen=True, slots=True)
class CareForm:
    """A care form (a state of the cohort model) and its role in the budget."""

    id: str
    label_sv: str
    label_en: str
    placement: bool
    family: bool
    institution: bool
    purchased: bool
    cash: bool
    #: The cost kind whose price index raises its cost with current prices (:data:`PRICE_INDEXES`).
    price_index: str = "other"
    #: The state pays what the municipal fee does not cover of the care's full cost
    #: (parameter ``care.<id>.full_cost_per_day``): SiS youth homes (:mod:`model.payers`).
    state_funded: bool = False

    def label(self, language: str = "sv") -> str:
        """The care form's name in *language* (Swedish unless ``"en"``)."""
        return self.label_en if language == "en" else self.label_sv


@dataclass(frozen=True, slots=True)
class AgeGroup:
    """An age group the placements that start are split into (``age_0_12``: 0–12 years)."""

    id: str
    label_sv: str
    label_en: str

    def label(self, language: str = "sv") -> str:
        """The age group's name in *language*."""
        return self.label_en if language == "en" else self.label_sv


@dataclass(frozen=True, slots=True)
class Area:
    """The state space of one area: care forms in order, and the roles of some of them.

    Attributes
    ----------
    id : str
        The area's id (the file's name in ``data/areas/``).
    label_sv, label_en : str
        Its name for people.
    care_forms : tuple of CareForm
        The states, in the order the model and its tables use.
    exit : str
        Id of the absorbing "left care" state.
    substitute : str
        Id of the state avoided placements get support in ("" if none).
    recruited_from, recruited_as : str
        Ids of the states recruitment takes from and places as ("" if none).
    after_exit : str
        Id of the state of recent leavers whose stock is derived ("" if none).
    long_term : str
        Id of the long-term stock state the other stock states feed ("" if none).
    municipal_tax : bool
        Whether its leavers pay municipal tax on earnings (a set then has the tax parameters).
    population : str
        Name of the parameter that counts the people the rates refer to.
    age_groups : tuple of AgeGroup
        The age groups placement starts are split into (none: no split).
    """

    id: str
    label_sv: str
    label_en: str
    care_forms: tuple[CareForm, ...]
    exit: str
    substitute: str = ""
    recruited_from: str = ""
    recruited_as: str = ""
    after_exit: str = ""
    long_term: str = ""
    municipal_tax: bool = False
    population: str = DEFAULT_POPULATION
    age_groups: tuple[AgeGroup, ...] = ()
    #: The sidebar's starting amount: ``default_shift_mnkr`` for a population of ``default_shift_per``.
    default_shift_mnkr: float = 10.0
    default_shift_per: float = 24_000.0

    @property
    def ids(self) -> tuple[str, ...]:
        """Ids of every care form, in order."""
        return tuple(c.id for c in self.care_forms)

    @property
    def reported_forms(self) -> tuple[str, ...]:
        """Care forms that have parameters and are reported per year: every one but the exit."""
        return tuple(c.id for c in self.care_forms if c.id != self.exit)

    @property
    def stock_forms(self) -> tuple[str, ...]:
        """Care forms whose people now are a parameter (``care.<form>.children``): all reported but ``after_exit``."""
        return tuple(f for f in self.reported_forms if f != self.after_exit)

    @property
    def price_kinds(self) -> tuple[str, ...]:
        """The cost kinds the area uses, in :data:`PRICE_INDEXES` order: its care forms' and every area's.

        Every area's: the measures' money, their start-up costs and consumer prices (for the nominal
        discount rate); a set has the price index of each of these kinds and of no other.
        """
        used = {c.price_index for c in self.care_forms} | {MEASURE_INDEX, STARTUP_INDEX, INFLATION_INDEX}
        return tuple(k for k in PRICE_INDEXES if k in used)

    @property
    def has_recruitment(self) -> bool:
        """Whether recruitment measures can act in this area."""
        return bool(self.recruited_from and self.recruited_as)

    def form(self, form_id: str) -> CareForm:
        """The care form *form_id* (``ParameterError`` ``unknown_care_form`` if there is none)."""
        for c in self.care_forms:
            if c.id == form_id:
                return c
        raise ParameterError(form_id, "unknown_care_form", value=form_id)

    @property
    def age_group_ids(self) -> tuple[str, ...]:
        """Ids of the age groups, in order."""
        return tuple(g.id for g in self.age_groups)

    def forms_with(self, flag: str) -> tuple[str, ...]:
        """Ids of the care forms whose *flag* (one of :data:`FLAGS`) is set, in order."""
        return tuple(c.id for c in self.care_forms if getattr(c, flag))

    def label(self, language: str = "sv") -> str:
        """The area's name in *language*."""
        return self.label_en if language == "en" else self.label_sv


def area_from_mapping(doc: Mapping[str, object], where: str = "area") -> Area:
    """Build and check an :class:`Area` from a parsed area file.

    Raises
    ------
    ParameterError
        A missing or invalid id, flag or role, naming the field.
    """
    rows = doc.get("care_forms")
    if not isinstance(rows, list) or not rows:
        raise ParameterError(f"{where}.care_forms", "missing_field")
    forms = tuple(_care_form(row, f"{where}.care_forms[{i}]") for i, row in enumerate(rows, start=1))
    ids = [c.id for c in forms]
    for form_id in ids:
        if ids.count(form_id) > 1:
            raise ParameterError(f"{where}.care_forms.{form_id}", "duplicate")
    roles = doc.get("roles") or {}
    if not isinstance(roles, Mapping):
        raise ParameterError(f"{where}.roles", "missing_field")
    for role, form_id in roles.items():
        if role not in ROLES:
            raise ParameterError(f"{where}.roles.{role}", "bad_choice", value=role, choices=ROLES)
        if form_id not in ids:
            raise ParameterError(f"{where}.roles.{role}", "unknown_care_form", value=form_id)
    if "exit" not in roles:
        raise ParameterError(f"{where}.roles.exit", "missing_field")
    if ("recruited_from" in roles) != ("recruited_as" in roles):
        missing = "recruited_as" if "recruited_from" in roles else "recruited_from"
        raise ParameterError(f"{where}.roles.{missing}", "missing_field")
    area_id = str(doc.get("id") or "")
    if not is_valid_id(area_id):
        raise ParameterError(f"{where}.id", "bad_id", value=area_id)
    return Area(
        id=area_id,
        label_sv=str(doc.get("label_sv") or area_id),
        label_en=str(doc.get("label_en") or doc.get("label_sv") or area_id),
        care_forms=forms,
        exit=str(roles["exit"]),
        substitute=str(roles.get("substitute") or ""),
        recruited_from=str(roles.get("recruited_from") or ""),
        recruited_as=str(roles.get("recruited_as") or ""),
        after_exit=str(roles.get("after_exit") or ""),
        long_term=str(roles.get("long_term") or ""),
        municipal_tax=_flag(doc.get("municipal_tax", False), f"{where}.municipal_tax"),
        population=str(doc.get("population") or DEFAULT_POPULATION),
        age_groups=_age_groups(doc.get("age_groups"), where),
        **_default_shift(doc.get("default_shift"), f"{where}.default_shift"),
    )


def _default_shift(doc: object, where: str) -> dict[str, float]:
    """The area's starting amount (``{mnkr: ..., per: ...}``), or the class defaults when the file names none."""
    if doc is None:
        return {}
    if not isinstance(doc, Mapping):
        raise ParameterError(where, "missing_field")
    out = {}
    for key, field_name in (("mnkr", "default_shift_mnkr"), ("per", "default_shift_per")):
        value = doc.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ParameterError(f"{where}.{key}", "not_a_number", value=value)
        if not value > 0:
            raise ParameterError(f"{where}.{key}", "below_domain", value=value, limit=0)
        out[field_name] = float(value)
    return out


def _flag(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise ParameterError(where, "bad_choice", value=value, choices=(True, False))
    return value


def _age_groups(rows: object, where: str) -> tuple[AgeGroup, ...]:
    if not rows:
        return ()
    if not isinstance(rows, list):
        raise ParameterError(f"{where}.age_groups", "bad_file", reason="not_a_record")
    out = []
    for i, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            raise ParameterError(f"{where}.age_groups[{i}]", "bad_file", reason="not_a_record")
        if not is_valid_id(row.get("id")):
            raise ParameterError(f"{where}.age_groups[{i}].id", "bad_id", value=row.get("id"))
        label_sv = str(row.get("label_sv") or row["id"])
        out.append(AgeGroup(id=str(row["id"]), label_sv=label_sv, label_en=str(row.get("label_en") or label_sv)))
    ids = [g.id for g in out]
    for group_id in ids:
        if ids.count(group_id) > 1:
            raise ParameterError(f"{where}.age_groups.{group_id}", "duplicate")
    return tuple(out)


def _care_form(row: object, where: str) -> CareForm:
    if not isinstance(row, Mapping):
        raise ParameterError(where, "bad_file", reason="not_a_record")
    form_id = row.get("id")
    if not is_valid_id(form_id):
        raise ParameterError(f"{where}.id", "bad_id", value=form_id)
    flags = {}
    for flag in FLAGS:
        value = row.get(flag, False)
        if not isinstance(value, bool):
            raise ParameterError(f"{where}.{flag}", "bad_choice", value=value, choices=(True, False))
        flags[flag] = value
    kind = row.get("price_index", "other")
    if kind not in PRICE_INDEXES:
        raise ParameterError(f"{where}.price_index", "bad_choice", value=kind, choices=PRICE_INDEXES)
    label_sv = str(row.get("label_sv") or form_id)
    return CareForm(
        id=str(form_id), label_sv=label_sv, label_en=str(row.get("label_en") or label_sv), price_index=kind, **flags
    )


@cache
def area_ids() -> tuple[str, ...]:
    """Ids of the areas in ``data/areas/``: the default area first, then the others by name.

    Listed once per process, like the areas themselves (:func:`load_area`): the app asks some twenty times
    a rerun, and each listing of the folder cost a quarter of a millisecond.
    """
    ids = sorted(p.stem for p in AREAS_DIR.glob("*.yaml"))
    return tuple(sorted(ids, key=lambda a: a != DEFAULT_AREA))


def load_area(area: str | Path = DEFAULT_AREA) -> Area:
    """The area *area*: an id of a file in ``data/areas/``, or the path of an area file.

    Read once per process and file (an area is a value, the same for every user).

    Raises
    ------
    ParameterError
        ``bad_file`` with reason ``unknown_area`` for an id with no file, or a
        problem in the file (naming the field).
    """
    if isinstance(area, Path):
        path = area
    else:
        if not is_valid_id(area):
            raise ParameterError("area", "bad_file", reason="unknown_area", value=area)
        path = AREAS_DIR / f"{area}.yaml"
        if not path.is_file():
            raise ParameterError("area", "bad_file", reason="unknown_area", value=area)
    return _read_area(path.resolve())


@cache
def _read_area(path: Path) -> Area:
    doc = read_yaml_file(path)
    doc.setdefault("id", path.stem)
    return area_from_mapping(doc, where=path.name)
