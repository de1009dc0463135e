"""Things a text announces and then names one by one, in the sentences that follow.

Articles write "the experts agree on three main obstacles." and then, a paragraph each,
"The first is financing. ...", "The second is the workforce. ...", "The third is
regulation. ...". The announcing sentence is what retrieval finds (it holds the question's
words), but the answer is in the sentences it counts. `enumerated` finds them: as many
as the announcement promises, by their ordinals in order, before the next heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.types import Unit

COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh")
ANNOUNCES = re.compile(
    rf"\b(?P<count>{'|'.join(COUNTS)}|[2-7])\s+(?:[\w-]+\s+){{0,2}}[\w-]+s\b(?P<rest>[^.]*)[.:]?$",
    re.IGNORECASE,
)
"""A sentence ending on a count of things ("... agree on three main obstacles.")."""
MAX_AFTER = 4
"""How many words may follow the counted things ("three main obstacles to growth")."""
ORDINAL = re.compile(
    rf"^(?:the\s+(?P<nth>{'|'.join(ORDINALS)}|last|final)(?:\s+[\w-]+)?\s+(?:is|was|are|were)\s+"
    rf"|(?P<lead>{'|'.join(ORDINALS)}|last|final)(?:ly)?,\s+|(?P<finally>finally),\s+)",
    re.IGNORECASE,
)
"""A sentence naming one of them: "The first is ...", "The second risk was ...", "Third, ..."."""
REACH = 40
"""How many units after the announcing sentence its things may be named in."""


def enumerated(unit: Unit, after: Sequence[Unit]) -> list[Unit]:
    """The sentences naming the things `unit` announces, from `after` (the units that follow
    it, in document order), or [] unless every one of them is there, in order."""
    count = _announced(unit.text)
    if count is None:
        return []
    found: list[Unit] = []
    for following in after[:REACH]:
        if following.source != unit.source or following.kind == "heading":
            break
        nth = _ordinal(following.text)
        if nth is None:
            continue
        if nth == len(found) or (nth == -1 and len(found) == count - 1):
            found.append(following)
            if len(found) == count:
                return found
    return []


def named_in(sentence: str) -> str:
    """What a sentence naming one of the things names: "The first is financing." ->
    "financing"; "Second, costs rose." -> "costs rose"."""
    match = ORDINAL.match(sentence)
    rest = sentence[match.end() :] if match else sentence
    return rest.strip().rstrip(".;:")


def _announced(text: str) -> int | None:
    match = next(reversed(list(ANNOUNCES.finditer(text))), None)  # the last count said
    if match is None or len(match["rest"].split()) > MAX_AFTER:
        return None
    count = match["count"].lower()
    return COUNTS.get(count) or int(count)


def _ordinal(text: str) -> int | None:
    """Which of the things a sentence names: 0 for the first, -1 for "the last" or
    "finally"; None when it names none."""
    match = ORDINAL.match(text)
    if match is None:
        return None
    word = (match["nth"] or match["lead"] or match["finally"]).lower()
    return ORDINALS.index(word) if word in ORDINALS else -1
