"""Years and periods in text: the one pattern every reader of periods builds on."""

from __future__ import annotations

import re

YEAR_PATTERN = r"(?:19|20)\d\d"
"""A calendar year of the 20th or 21st century, as written in briefs and questions."""
YEAR = re.compile(rf"\b{YEAR_PATTERN}\b")


def years(text: str) -> tuple[str, ...]:
    """The years `text` names, in order of appearance."""
    return tuple(YEAR.findall(text))
