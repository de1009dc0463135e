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
    return tuple(year for _, year in _years_at(text))


ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}
_PART = r"(?:Q[1-4]|H[12]|(?:first|1st|second|2nd|third|3rd|fourth|4th)(?:\s+(?:quarter|half))?)"
_RUN = rf"{_PART}(?:\s*(?:,|&|-|–|\band\b|\bor\b|\bto\b|\bthrough\b)\s*(?:the\s+)?{_PART})*"
PARTS_OF_YEAR = re.compile(
    rf"\b(?P<run>{_RUN})(?:\s+(?P<noun>quarters?|halves|half))?\s*(?:of\s+|in\s+)?(?:the\s+year\s+)?"
    rf"(?P<year>{YEAR_PATTERN})\b",
    re.IGNORECASE,
)
"""Quarters or halves sharing the year written after them: "Q3 2025", "the third quarter of
2025", "between Q1 and Q4 2025", "from the first to the fourth quarter of 2025", "H1 2023"."""
PART = re.compile(_PART, re.IGNORECASE)


def named_periods(text: str) -> tuple[str, ...]:
    """The periods `text` names, in order: its years (see `years`), but a year that quarters
    or halves stand before is those parts of it, written as tables key them ("Q3 2025",
    "H1 2023"). Ordinal words count only beside "quarter" or "half" ("the first 2 clinics
    opened in 2021" names 2021)."""
    found: list[tuple[int, str]] = []
    covered: list[tuple[int, int]] = []
    for match in PARTS_OF_YEAR.finditer(text):
        said = f"{match['run']} {match['noun'] or ''}"  # "the first to the fourth quarter"
        parts = [_part_name(p.group(0), said) for p in PART.finditer(match["run"])]
        if not parts or None in parts:
            continue
        found += [(match.start() + i, f"{part} {match['year']}") for i, part in enumerate(parts)]
        covered.append(match.span())
    for position, year in _years_at(text):
        if not any(start <= position < end for start, end in covered):
            found.append((position, year))
    return tuple(period for _, period in sorted(found))


def _part_name(written: str, run: str) -> str | None:
    """ "Q3", "third quarter" (or "third" in a run of quarters) -> "Q3"; "first half" -> "H1";
    None for an ordinal that names neither."""
    word = written.split()[0].lower()
    if word[0] in "qh" and word[1:].isdigit():
        return word.upper()
    said = (written if " " in written.strip() else run).lower()  # its own noun, else the run's
    letter = "Q" if "quarter" in said else "H" if "half" in said or "halves" in said else ""
    if not letter or (letter == "H" and ORDINALS[word] > 2):
        return None
    return f"{letter}{ORDINALS[word]}"


def period_key(period: str) -> tuple[str, int]:
    """A period's place in time: its year, then its quarter or half ("Q3 2025" after
    "Q2 2025", a half between quarters of its year by the quarter it ends)."""
    part = re.match(r"([QH])([1-4])\b", period.strip(), re.I)
    if part is None:
        return year_of(period), 9
    n = int(part[2])
    return year_of(period), n if part[1].upper() == "Q" else 2 * n


def _years_at(text: str) -> list[tuple[int, str]]:
    found = [(m.start(), m.group(0)) for m in YEAR.finditer(text)]
    found += [(m.start(), "20" + m.group(1)) for m in SHORT_FISCAL.finditer(text)]
    found += [(m.start(), "20" + m.group(1)) for m in SHORT_DATE.finditer(text)]
    found += [(m.start(), "20" + m.group(1)) for m in CLOSING_MONTH.finditer(text)]
    return sorted(found)
