"""Counts of people as a committee may read them: small counts withheld, fractions of a child as a range.

Two rules, both about words, not arithmetic (the model keeps its averages):

* **Small counts.** A count of children (or of people in another area) below
  a threshold is shown as "färre än 5" / "fewer than 5", as Swedish official
  statistics do, so that no child can be recognised in a small municipality.
  The threshold is the parameter ``reporting.small_count_threshold`` of the
  set (:data:`model.parameters.SMALL_COUNT_THRESHOLD`; 5 in ``data/base.yaml``).
  Zero stays 0: nobody is there to recognise.
* **Fractions of a child.** The model's figures are averages over a year, so
  "2,5 färre barn" is arithmetic, not a number of children. Headlines read
  "cirka 2–3 färre" (the whole numbers around it); from 10 on, "cirka 25
  färre" (a range of one would claim a precision the model does not have).

:func:`fmt_count` and :func:`fmt_count_change` return text; :func:`withheld`
returns the value or the text, for a spreadsheet cell or a CSV field.
"""

from __future__ import annotations

import math

from model.parameters import SMALL_COUNT_THRESHOLD, Parameters
from model.text.i18n import DEFAULT_LANGUAGE, fmt_number, t

#: A change of fewer children than this is shown as none (one decimal would read 0,0).
NEGLIGIBLE_CHANGE = 0.05
#: From this many children on, a change is rounded to a whole number instead of a range.
RANGE_BELOW = 10.0
#: How close to a whole number a change must be to be read as that number.
WHOLE_TOLERANCE = 0.05


def small_count_threshold(params: Parameters) -> float:
    """The set's threshold below which counts of people are withheld [people]."""
    return params.value(SMALL_COUNT_THRESHOLD)


def is_small(count: float, threshold: float) -> bool:
    """Whether *count* is above zero and below *threshold* (a count to withhold)."""
    return 0.0 < count < threshold


def fmt_count(count: float | None, threshold: float, language: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """A count of people: ``"färre än 5"`` below the threshold, else the number (``"12"``, ``"12,4"``)."""
    if count is None or (isinstance(count, float) and math.isnan(count)):
        return "–"
    if is_small(count, threshold):
        return t("count.fewer_than", language, n=fmt_number(threshold, 0, language))
    return fmt_number(count, decimals, language)


def withheld(count: object, threshold: float, language: str = DEFAULT_LANGUAGE) -> object:
    """A count for a file: the number itself, or ``"färre än 5"`` when it is small (anything else as it is)."""
    if isinstance(count, bool) or not isinstance(count, (int, float)):
        return count
    if math.isnan(count):
        return None
    return fmt_count(count, threshold, language) if is_small(count, threshold) else count


def fmt_count_change(difference: float, language: str = DEFAULT_LANGUAGE) -> str:
    """A change in children for a headline: ``"cirka 2–3 färre"``, ``"cirka 25 fler"``, ``"ingen skillnad"``.

    *difference* is scenario − baseline (negative: fewer). A change within
    :data:`WHOLE_TOLERANCE` of a whole number reads as that number ("cirka 3
    färre"); from :data:`RANGE_BELOW` on it is rounded to a whole number.
    """
    size = abs(difference)
    if size < NEGLIGIBLE_CHANGE:  # never a bare "0" under a label that counts children
        return t("count.same", language)
    if abs(size - round(size)) < WHOLE_TOLERANCE or size >= RANGE_BELOW:
        n = fmt_number(round(size), 0, language)
    else:
        n = f"{fmt_number(math.floor(size), 0, language)}–{fmt_number(math.ceil(size), 0, language)}"
    return t("count.fewer" if difference < 0 else "count.more", language, n=n)
