"""``model.breakeven``: the documented path of the break-even questions (:mod:`model.analysis.breakeven`)."""

from model.analysis.breakeven import (
    ALWAYS,
    FOUND,
    NEVER,
    NOT_IN_MIX,
    BreakEven,
    effect_needed,
    first_crossing,
    homes_needed,
    largest_shift,
    payback_answers,
)

__all__ = [
    "ALWAYS",
    "FOUND",
    "NEVER",
    "NOT_IN_MIX",
    "BreakEven",
    "effect_needed",
    "first_crossing",
    "homes_needed",
    "largest_shift",
    "payback_answers",
]
