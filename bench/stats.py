"""The arithmetic of the report: medians over rounds, ratios, and how figures are printed."""

import statistics
from collections.abc import Iterable


def median(values: Iterable[float | None]) -> float | None:
    """The median of the values that were measured (a round that failed gives None)."""
    measured = [value for value in values if value is not None]
    return statistics.median(measured) if measured else None


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def rate(value: float | None) -> str:
    """Requests per second, with the precision a reader needs: 2,914 / 65 / 4.4 / 0.21."""
    if value is None:
        return "–"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.0f}"
    if value >= 1:
        return f"{value:.1f}"
    return f"{value:.2f}"


def milliseconds(value: float | None) -> str:
    if value is None:
        return "–"
    if value >= 1000:
        return f"{value / 1000:.2f} s"
    if value >= 10:
        return f"{value:.0f} ms"
    return f"{value:.1f} ms"


def percent(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 100:.1f} %" if value < 0.1 else f"{value * 100:.0f} %"


def times(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"
