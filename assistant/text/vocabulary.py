"""The briefs' words, for reading a question's word the briefs never use as the one they do.

The stemmer joins inflections ("expands", "expanded") but not every relative: "expansion"
stays "expans" and "expand" "expand"; "driving" is "drive", "driven" "driven"; a British
"licences" is not "licenses", and a typo ("percieved") matches nothing. A question worded
so shares no term with the sentence that answers it, and both retrieval and the verdict
read the word as one no brief uses. Search engines meet this with fuzzy matching against
the index's terms; here a term no brief uses is read as the brief term that is

- of its family: both begin with the same `FAMILY_PREFIX` letters or more, and the
  shorter has at most `FAMILY_TAIL` letters after them ("expans"/"expand",
  "percept"/"perceiv", "biopharma"/"biopharmaceut"); or
- one edit from it (a letter added, left out, changed or two swapped), not in its first
  letter, for terms of `TYPO_LENGTH` letters or more ("perciev"/"perceiv"); of shorter
  terms, from `FAMILY_PREFIX` letters, only two neighbours swapped ("breif"/"brief").

A word with no such relative stays as it is: the question asks about something the briefs
never mention. Words the briefs use are never changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from itertools import takewhile

FAMILY_PREFIX = 5
"""Letters two terms of one family must begin with ("inte" of "intern" and "intensive" is
too short to tell)."""
FAMILY_TAIL = 2
"""At most this many letters of the shorter term may follow their common beginning."""
TYPO_LENGTH = 6
"""Shorter terms are too often another word one letter away ("would", "world")."""


class Vocabulary:
    """The terms the briefs use, with how many chunks use each (BM25's document counts)."""

    def __init__(self, counts: Mapping[str, int]) -> None:
        self.counts = counts

    def spelling(self, term: str, *, family: bool = True) -> str | None:
        """The brief term `term` stands for, if the briefs do not use `term` itself; of a
        name (`family` False) only a typo: "Minister" is not "Ministry"."""
        if term in self.counts or len(term) < FAMILY_PREFIX or not term.isalpha():
            return None
        relatives = self._by_prefix.get(term[:FAMILY_PREFIX], ()) if family else ()
        kin = [t for t in relatives if _related(term, t)]
        typos = [] if kin else self._one_edit(term, swap_only=len(term) < TYPO_LENGTH)
        found = kin or typos
        if not found:
            return None
        # the closest (longest shared beginning), then the most used
        return max(found, key=lambda t: (_shared(term, t), self.counts[t], t))

    def spellings(
        self, terms: tuple[str, ...], names: frozenset[str] = frozenset()
    ) -> dict[str, str]:
        """Each term of `terms` the briefs do not use that stands for one they do; of the
        `names` only typos."""
        found = {t: self.spelling(t, family=t not in names) for t in dict.fromkeys(terms)}
        return {t: s for t, s in found.items() if s is not None}

    @cached_property
    def _by_prefix(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for term in self.counts:
            if len(term) >= FAMILY_PREFIX and term.isalpha():
                index.setdefault(term[:FAMILY_PREFIX], []).append(term)
        return index

    @cached_property
    def _by_shape(self) -> dict[tuple[str, int], list[str]]:
        """The terms by first letter and length: a typo of a term (its first letter right)
        is among those of its length or one letter longer or shorter."""
        index: dict[tuple[str, int], list[str]] = {}
        for term in self.counts:
            if term.isalpha():
                index.setdefault((term[0], len(term)), []).append(term)
        return index

    def _one_edit(self, term: str, *, swap_only: bool = False) -> list[str]:
        """The terms one edit from `term` (`swap_only`: two neighbouring letters swapped)."""
        if swap_only:
            same = self._by_shape.get((term[0], len(term)), ())
            return [t for t in same if _swapped(term, t)]
        near = [
            t
            for length in (len(term) - 1, len(term), len(term) + 1)
            for t in self._by_shape.get((term[0], length), ())
        ]
        return [t for t in near if _one_edit_apart(term, t)]


def _shared(a: str, b: str) -> int:
    """How many letters `a` and `b` begin with alike."""
    return sum(1 for _ in takewhile(lambda pair: pair[0] == pair[1], zip(a, b, strict=False)))


def _related(a: str, b: str) -> bool:
    """Whether `a` and `b` are of one family: a long shared beginning, short endings."""
    shared = _shared(a, b)
    return shared >= FAMILY_PREFIX and min(len(a), len(b)) - shared <= FAMILY_TAIL


def slip_of(word: str, words: frozenset[str]) -> str | None:
    """The word of `words` that `word` misspells by a letter left out, added or swapped
    with its neighbour ("avrage", "betwen", "diffrence"), or None. A changed letter is not
    read as a slip: it often makes another word ("chance" is not "change")."""
    lower = word.lower()
    if len(lower) < TYPO_LENGTH or lower in words:
        return None
    for known in words:
        if abs(len(known) - len(lower)) > 1 or known[0] != lower[0]:
            continue
        if len(known) == len(lower) and not _swapped(lower, known):
            continue
        if _one_edit_apart(lower, known):
            return known
    return None


def _swapped(a: str, b: str) -> bool:
    """Whether swapping two neighbouring letters of `a` gives `b`."""
    start = _shared(a, b)
    a, b = a[start:], b[start:]
    return len(a) == len(b) >= 2 and a[0] == b[1] and a[1] == b[0] and a[2:] == b[2:]


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether one insertion, deletion, substitution or swap of neighbours turns a into b."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    start = _shared(a, b)
    a, b = a[start:], b[start:]
    if len(a) == len(b):
        return a[1:] == b[1:] or _swapped(a, b)
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[1:] == shorter
