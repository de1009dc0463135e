"""Names in a text: runs of capitalised words ("Héctor Barillas", "Centro Médico ABC")."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

# Lower-case words allowed inside a name: "National Institute of Genomic Medicine".
JOINERS = {"of", "de", "del", "la", "las", "los", "for", "the"}
CAPITALISED = re.compile(r"^[A-ZÁÉÍÓÚÑÜ][\w'’.-]*$|^[A-Z]{2,}$")
# Words that make a name an organisation, place or event rather than a person.
ORGANISATION = re.compile(
    r"\b(institute|instituto|hospital|clinic\w*|cl[ií]nica|association|asociaci[oó]n|lab|laborator\w*|cent(er|re|ro)"
    r"|m[eé]dico|university|universi\w+|ministry|secretar\w+|company|corp\w*|inc|group|bank"
    r"|summit|expo|meeting|council|agency|commission|comisi[oó]n|federal|national|health\w*"
    r"|system|fund\w*|network|board|trade|market|states?|union|government|gobierno|party)\b",
    re.IGNORECASE,
)
TITLE_WORDS = {"president", "director", "manager", "general", "ceo", "journalist", "analyst"}


def find_names(text: str) -> list[str]:
    """Capitalised runs of two or more words, or one all-capital word (INMEGEN), in order."""
    tokens = re.findall(r"[\w'’.&-]+|[,;:()“”\"]", text)
    names: list[str] = []
    run: list[str] = []
    for i, token in enumerate([*tokens, ","]):
        clean = token.rstrip(".")
        if CAPITALISED.match(clean) and not (not run and clean.lower() in COMMON):
            run.append(clean)
            continue
        followed_by_name = i + 1 < len(tokens) and CAPITALISED.match(tokens[i + 1])
        if run and clean.lower() in JOINERS and followed_by_name:
            run.append(clean)
            continue
        while run and run[-1].lower() in JOINERS:
            run.pop()
        if len(run) >= 2 or (len(run) == 1 and run[0].isupper() and len(run[0]) > 2):
            names.append(" ".join(run))
        run = []
    return list(dict.fromkeys(n for n in names if n.split()[0].lower() not in COMMON))


def is_person(name: str) -> bool:
    words = name.split()
    return (
        2 <= len(words) <= 4
        and not ORGANISATION.search(name)
        and not any(w.lower() in TITLE_WORDS or (w.isupper() and len(w) > 1) for w in words)
    )


COMMON = {
    "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "and", "but",
    "the", "a", "an", "in", "on", "for", "of", "is", "are", "was", "were", "does", "do",
    "did", "can", "could", "will", "would", "should", "this", "that", "these", "those",
    "it", "they", "he", "she", "table", "source", "sources", "yet", "moreover", "meanwhile",
    "however", "while",
}  # fmt: skip


SPELLED = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:(?:and|of|&|for)\s+)?[A-Z][a-z]+){1,5}\b")
"""A run of capitalised words that an acronym may stand for ("Chief Financial Officer",
"Research and Development")."""
ACRONYM = re.compile(r"(?<![\w&/])[A-Z](?:[&/]?[A-Z]){1,5}s?(?![\w&/])")
"""An acronym as a question writes it: "CFO", "R&D", "A/R", "DTAs"."""


def spelled_names(text: str) -> dict[str, frozenset[str]]:
    """The capitalised runs of `text` by their initials ("CFO" -> Chief Financial Officer);
    joining words ("and", "of") have none."""
    found: dict[str, set[str]] = {}
    for match in SPELLED.finditer(text):
        phrase = " ".join(match.group().split())
        capitals = [w for w in phrase.split() if w[0].isupper()]
        found.setdefault("".join(w[0] for w in capitals), set()).add(phrase)
    return {key: frozenset(names) for key, names in found.items()}


def spell_out(question: str, spelled: Mapping[str, Collection[str]], known: Collection[str]) -> str:
    """The question with each acronym the text never writes (`known`: its words, lower
    case) written as the one name its letters spell in it (`spelled`, by initials): "the
    CFO" -> "the Chief Financial Officer". An acronym spelling no name, or several, stays
    as asked."""

    def expand(match: re.Match[str]) -> str:
        acronym = match.group()
        names = spelled.get(re.sub(r"[&/]", "", acronym.removesuffix("s")), ())
        if acronym.lower() in known or len(names) != 1:
            return acronym
        return next(iter(names))

    return ACRONYM.sub(expand, question)
