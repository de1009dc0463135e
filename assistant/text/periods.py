"""Years and periods in text: the one pattern every reader of periods builds on."""

from __future__ import annotations

import re

YEAR_PATTERN = r"(?:19|20)\d\d"
"""A calendar year of the 20th or 21st century, as written in briefs and questions."""
YEAR = re.compile(rf"\b{YEAR_PATTERN}\b")
SHORT_FISCAL = re.compile(r"\bF[Y]?'?(\d\d)\b")
"""A fiscal year written with two digits: `FY19`, `F19`, `FY'19` (read as 2019)."""


def years(text: str) -> tuple[str, ...]:
    """The years `text` names, in order of appearance (`FY19` names 2019)."""
    found = [(m.start(), m.group(0)) for m in YEAR.finditer(text)]
    found += [(m.start(), "20" + m.group(1)) for m in SHORT_FISCAL.finditer(text)]
    return tuple(year for _, year in sorted(found))
