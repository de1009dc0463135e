"""Facts from sentences: money with scale and currency, percentages, shares, rankings.

"In Mexico, the market was valued at approximately US$480 million in 2023" gives
metric "market", subject "Mexico", 480 USD million, qualifier "approximately", 2023.
"""

from __future__ import annotations

import re

from assistant.facts.units import CANONICAL_SCALE, CURRENCIES, SCALES
from assistant.text.periods import YEAR_PATTERN
from assistant.types import FactRecord, Unit

CODES = "|".join(sorted({code for code in CURRENCIES.values()}))
MONEY = re.compile(
    rf"(?P<cur>US\$|MX\$|C\$|R\$|(?:{CODES})\s?|[$€£¥])(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)"
    r"(?:\s?(?P<scale>trillion|billion|million|thousand|bn|mn)\b)?",
    re.IGNORECASE,
)
PERCENT = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)", re.IGNORECASE)
ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth".split()  # noqa: SIM905
RANK = re.compile(
    rf"\b(?P<ord>{'|'.join(ORDINALS)}|\d+(?:st|nd|rd|th))[- ](?P<sup>largest|biggest|leading"
    r"|highest|lowest|smallest)\b",
    re.IGNORECASE,
)
QUALIFIERS = re.compile(
    r"\b(approximately|about|around|roughly|nearly|almost|some|more than|over|less than"
    r"|under|at least|up to|could exceed|exceed|an estimated|estimated|projected|expected)\s*$",
    re.IGNORECASE,
)
FALLING = re.compile(r"\b(fell|fall|declined|dropped|decreased|down)\b")
# "up 4.5% from 2020": a change since a year, to the year the sentence gives its figure for.
SINCE = re.compile(
    rf"^\s*(?:from|over|since|compared (?:with|to)|versus|vs\.?)\s+({YEAR_PATTERN})\b"
)
YEAR_RANGE = re.compile(rf"\b(?:between|from)\s+({YEAR_PATTERN})\s+(?:and|to)\s+({YEAR_PATTERN})\b")
YEAR = re.compile(rf"\b(?:in|by|of|for|during)?\s*({YEAR_PATTERN})\b")
VERB = re.compile(
    r"\s(?:is|are|was|were|has|have|had|will|could|would|remain|remains|rose|fell|grew"
    r"|increased|declined|reached|stood|totall?ed|represents?|accounts?|valued)\b.*$",
    re.IGNORECASE,
)
INTRO = re.compile(r"^(?:in|by|for|across)\s[^,]+,\s*", re.IGNORECASE)
FUTURE = re.compile(rf"\b(projected|expected|forecast|could|will|by {YEAR_PATTERN})\b", re.I)


def extract_prose_facts(unit: Unit) -> list[FactRecord]:
    """Every figure a sentence states, in order, with its qualifier and period."""
    text = unit.text
    found: list[tuple[int, int, float, str, str, str]] = []  # start, end, value, unit, cur, scale
    for m in MONEY.finditer(text):
        cur_key = m["cur"].strip().lower()
        currency = CURRENCIES.get(cur_key, CURRENCIES.get(cur_key.rstrip("$") + "$", "USD"))
        scale = CANONICAL_SCALE[SCALES[m["scale"].lower()]] if m["scale"] else ""
        label = f"{currency} {scale}s" if scale else currency
        found.append((m.start(), m.end(), _number(m["num"]), label, currency, scale))
    for m in PERCENT.finditer(text):
        if not any(s <= m.start() < e for s, e, *_ in found):
            found.append((m.start(), m.end(), _number(m["num"]), "%", "", ""))
    for m in RANK.finditer(text):
        order = m["ord"].lower()
        rank = ORDINALS.index(order) + 1 if order in ORDINALS else int(re.sub(r"\D", "", order))
        found.append((m.start(), m.end(), float(rank), f"rank ({m['sup'].lower()})", "", ""))
    found.sort()
    subject_match = INTRO.match(text)
    subject = subject_match.group(0).strip(" ,").split(" ", 1)[-1] if subject_match else ""
    metric_default = _metric(text[: found[0][0]] if found else "", subject_match)
    facts = []
    for start, end, number, unit_label, currency, scale in found:
        value = float(number)
        before = text[max(0, start - 40) : start]
        after = text[end : end + 40]
        qualifier = QUALIFIERS.search(before)
        period = _period(text, end, after, growth=unit_label == "%")
        if unit_label == "%" and FALLING.search(text[max(0, start - 30) : start]):
            value = -value
        facts.append(
            FactRecord(
                source=unit.source,
                metric=metric_default,
                subject=subject,
                period=period,
                value=value,
                unit=unit_label,
                currency=currency,
                scale=scale,
                qualifier=qualifier.group(1).lower() if qualifier else "",
                estimate=bool(FUTURE.search(text[max(0, start - 60) : end + 12])),
                kind="prose",
                start=unit.start + start,
                end=unit.start + end,
                passage_start=unit.start,
                passage_end=unit.end,
            )
        )
    return facts


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _period(text: str, end: int, after: str, *, growth: bool = False) -> str:
    """A range the sentence states around the figure; for a rate "from"/"over" a year, that
    year to the other year the sentence names; else the first year right after it."""
    since = SINCE.match(after) if growth else None
    if since:
        others = [y for y in re.findall(rf"\b{YEAR_PATTERN}\b", text) if y != since.group(1)]
        return f"{since.group(1)}-{others[0]}" if others else since.group(1)
    window = text[max(0, end - 80) : end + 60]
    span = YEAR_RANGE.search(window)
    if span:
        return f"{span.group(1)}-{span.group(2)}"
    year = YEAR.match(after.lstrip(" ,")) or re.match(rf"\s*(?:in|by)\s+({YEAR_PATTERN})", after)
    return year.group(1) if year else ""


def _metric(before: str, intro: re.Match[str] | None) -> str:
    """The noun phrase before the sentence's first verb: "the market was valued" -> market."""
    clause = before[intro.end() :] if intro else before
    clause = VERB.sub("", clause).strip(" ,“”\"'")
    clause = re.sub(r"^(?:the|a|an|this|these|its|their)\s+", "", clause, flags=re.IGNORECASE)
    return clause[:80]
