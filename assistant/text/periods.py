"""Years and periods in text: the one pattern every reader of periods builds on."""

from __future__ import annotations

import re

YEAR_PATTERN = r"(?:19|20)\d\d"
"""A calendar year of the 20th or 21st century, as written in briefs and questions."""
YEAR = re.compile(rf"\b{YEAR_PATTERN}\b")
SHORT_FISCAL = re.compile(r"\bF[Y]?'?(\d\d)\b")
"""A fiscal year written with two digits: `FY19`, `F19`, `FY'19` (read as 2019)."""
SHORT_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/(\d\d)\b")
CLOSING_MONTH = re.compile(r"(?<!\w)['’](\d\d)/\d{1,2}\b")
"""A fiscal year written by its closing year and month: `'24/3` (ended March 2024)."""
"""A date with a two-digit year: `12/30/20` (read as 2020)."""

# Month names and their short forms, for reading dates ("December 31, 2019", "31 Dec 2019").
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)


IN_PERIOD = re.compile(rf"(?<!\d){YEAR_PATTERN}(?!\d)")
"""A year inside a period's name, even one glued to a prefix ("FY2019")."""


def year_of(period: str) -> str:
    """The calendar year a period is in ("FY2019", "Q1 2019", "2019 (est.)" -> "2019"), or the
    period itself when it names none."""
    match = IN_PERIOD.search(period)
    return match.group(0) if match else period


def has_year(period: str) -> bool:
    """Whether a period's name holds a year (a column keyed by words, "High", does not)."""
    return IN_PERIOD.search(period) is not None


NEW_YEAR = re.compile(
    rf"\b(?:1(?:st)?\s+jan(?:uary)?\.?,?\s+|jan(?:uary)?\.?\s+1(?:st)?,?\s+)(?P<year>{YEAR_PATTERN})\b",
    re.I,
)
"""The first day of a year ("1 January 2011", "January 1, 2011"): an opening balance's date."""


def years(text: str) -> tuple[str, ...]:
    """The years `text` names, in order of appearance (`FY19` and `12/30/19` name 2019)."""
    found = [(m.start(), m.group(0)) for m in YEAR.finditer(text)]
    found += [(m.start(), "20" + m.group(1)) for m in SHORT_FISCAL.finditer(text)]
    found += [(m.start(), "20" + m.group(1)) for m in SHORT_DATE.finditer(text)]
    found += [(m.start(), "20" + m.group(1)) for m in CLOSING_MONTH.finditer(text)]
    return tuple(year for _, year in sorted(found))
