"""The Decimal context all hour figures are computed in.

Hours are `Decimal` so sums of entered figures (8, 7.5, 0.25) are exact. Some divisions do not
terminate (40 h over 3 working weekdays, an estimate over 7 days): those keep 28 significant
digits, about 1e-25 of an hour at these magnitudes, far below the 2 decimals the API shows. The
context is fixed here rather than taken from the caller's thread, so the same inputs always give
the same digits, whoever calls.
"""

from collections.abc import Callable
from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext
from functools import wraps
from typing import ParamSpec, TypeVar

HOURS_CONTEXT = Context(prec=28, rounding=ROUND_HALF_EVEN)
ZERO = Decimal(0)

_P = ParamSpec("_P")
_R = TypeVar("_R")


def in_hours_context(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run `function` with `HOURS_CONTEXT` as the current Decimal context."""

    @wraps(function)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with localcontext(HOURS_CONTEXT):
            return function(*args, **kwargs)

    return wrapper
