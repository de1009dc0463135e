"""Computations over facts, each returning the value and the formula with its inputs."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.facts.units import format_number
from assistant.types import FactRecord


@dataclass(frozen=True)
class Result:
    """A computed value, how it was computed, and the facts it used."""

    value: float
    formula: str
    used: tuple[FactRecord, ...]
    at: FactRecord | None = None
    """For max/min: the fact that holds the extreme."""


def n(value: float, digits: int = 2) -> str:
    return format_number(value, digits)


def change(first: FactRecord, last: FactRecord) -> Result:
    value = last.value - first.value
    return Result(value, f"{n(last.value)} - {n(first.value)} = {n(value)}", (first, last))


def size_change(first: FactRecord, last: FactRecord, *, narrow: bool = False) -> Result:
    """How much a figure's size grew ("the loss widened by"), or shrank when `narrow`: a
    loss written (210.1) then (229.1) widened by 19.0."""
    a, b = (
        (abs(last.value), abs(first.value)) if not narrow else (abs(first.value), abs(last.value))
    )
    value = a - b
    return Result(value, f"{n(a)} - {n(b)} = {n(value)}", (first, last))


def percent_change(first: FactRecord, last: FactRecord) -> Result:
    value = (last.value - first.value) / first.value * 100
    formula = f"({n(last.value)} - {n(first.value)}) / {n(first.value)} x 100 = {n(value)}%"
    return Result(value, formula, (first, last))


def cagr(first: FactRecord, last: FactRecord) -> Result:
    years = int(last.period[:4]) - int(first.period[:4])
    value = ((last.value / first.value) ** (1 / years) - 1) * 100
    formula = f"({n(last.value)} / {n(first.value)})^(1/{years}) - 1 = {n(value)}% a year"
    return Result(value, formula, (first, last))


def share(part: FactRecord, whole: FactRecord) -> Result:
    """The part over the whole, in percent. A deduction from a positive whole (discounts
    written (48,739) of gross revenue) is its size's share: 10.3%, not -10.3%."""
    size = abs(part.value) if part.value < 0 < whole.value else part.value
    value = size / whole.value * 100
    return Result(value, f"{n(size)} / {n(whole.value)} x 100 = {n(value)}%", (part, whole))


def ratio(first: FactRecord, second: FactRecord) -> Result:
    value = first.value / second.value
    return Result(value, f"{n(first.value)} / {n(second.value)} = {n(value, 4)}", (first, second))


def gap(first: FactRecord, second: FactRecord) -> Result:
    """How far apart two figures are: the larger minus the smaller."""
    high, low = (first, second) if first.value >= second.value else (second, first)
    value = high.value - low.value
    return Result(value, f"{n(high.value)} - {n(low.value)} = {n(value)}", (first, second))


def plus(first: FactRecord, second: FactRecord) -> Result:
    value = first.value + second.value
    return Result(value, f"{n(first.value)} + {n(second.value)} = {n(value)}", (first, second))


def difference(first: FactRecord, second: FactRecord) -> Result:
    value = first.value - second.value
    return Result(value, f"{n(first.value)} - {n(second.value)} = {n(value)}", (first, second))


def convert(amount: FactRecord, rate: FactRecord) -> Result:
    value = amount.value * rate.value
    return Result(value, f"{n(amount.value)} x {n(rate.value)} = {n(value)}", (amount, rate))


def _values(facts: Sequence[FactRecord]) -> str:
    return ", ".join(n(f.value) for f in facts)


def average(facts: Sequence[FactRecord]) -> Result:
    value = statistics.fmean(f.value for f in facts)
    formula = f"({' + '.join(n(f.value) for f in facts)}) / {len(facts)} = {n(value)}"
    return Result(value, formula, tuple(facts))


def total(facts: Sequence[FactRecord]) -> Result:
    value = sum(f.value for f in facts)
    return Result(value, f"{' + '.join(n(f.value) for f in facts)} = {n(value)}", tuple(facts))


def extreme(facts: Sequence[FactRecord], pick: Callable[..., FactRecord], name: str) -> Result:
    at = pick(facts, key=lambda f: f.value)
    formula = f"{name}({_values(facts)}) = {n(at.value)} ({at.period})"
    return Result(at.value, formula, tuple(facts), at)


def maximum(facts: Sequence[FactRecord]) -> Result:
    return extreme(facts, max, "max")


def minimum(facts: Sequence[FactRecord]) -> Result:
    return extreme(facts, min, "min")
