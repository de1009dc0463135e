"""The assistant's own words in each language: framing, figure sentences, abstentions.

Quoted passages are never translated: they stay verbatim (in English) inside quotes.
"""

from __future__ import annotations

from typing import Literal

from assistant.types import Language

PhraseKey = Literal[
    "interpreted",
    "calculation",
    "quotes",
    "no_answer",
    "closest",
    "and",
    "or",
    "which",
    "held_only",
    "estimate",
    "lookup",
    "series",
    "needs_two",
    "rose",
    "fell",
    "same",
    "change",
    "percent_needs_two",
    "percent",
    "cagr_needs_two",
    "cagr",
    "pair_needs_two",
    "share_name",
    "difference_name",
    "in_period",
    "share",
    "difference",
    "extreme",
    "aggregate",
    "average_name",
    "sum_name",
    "highest_name",
    "lowest_name",
    "no_rate",
    "no_rate_for",
    "convert",
    "periods_and_unit",
    "periods",
    "ratio_name",
    "ratio",
    "period_difference",
    "no_metric",
    "count",
    "needs_condition",
]
"""The name of each phrase the assistant says; every language has all of them."""


PHRASES: dict[Language, dict[PhraseKey, str]] = {
    "en": {
        "interpreted": "Interpreted as: {text}",
        "calculation": "Calculation: {text}",
        "quotes": "",
        "no_answer": "The briefs do not contain an answer to “{question}”.",
        "closest": " The closest passages, from {titles}, are listed as related.",
        "and": " and ",
        "or": " or ",
        "which": "Which one do you mean: {options}?",
        "held_only": "The briefs give {metric} for {held} only; nothing for {missing}.",
        "estimate": " (estimate)",
        "lookup": "{metric} in {values}.",
        "series": "{metric}, {span}: {values}.",
        "needs_two": "A change needs two periods; name a start and an end year.",
        "rose": "rose",
        "fell": "fell",
        "same": "did not change",
        "change": "{metric} {direction} from {a} in {pa} to {b} in {pb}: a change of {delta} ({pct}).",
        "percent_needs_two": "A percent change needs two periods; name a start and an end year.",
        "percent": "{metric} changed by {pct} from {pa} ({a}) to {pb} ({b}).",
        "cagr_needs_two": "A compound annual growth rate needs two different years.",
        "cagr": "{metric} grew at a compound annual rate of {pct} from {pa} ({a}) to {pb} ({b}).",
        "pair_needs_two": "A {name} needs two figures; the briefs' figures are: {labels}.",
        "share_name": "share",
        "difference_name": "difference",
        "in_period": "in {period}, ",
        "share": "{part} ({pv}) were {pct} of {whole} ({wv})",
        "difference": "{a} ({av}) minus {b} ({bv}) is {result}",
        "extreme": "The {name} {metric} over {span} was {value}{estimate} in {period} ({inputs}).",
        "aggregate": "The {name} of {metric} over {span} is {value} ({inputs}).",
        "average_name": "average",
        "sum_name": "sum",
        "highest_name": "highest",
        "lowest_name": "lowest",
        "no_rate": "The briefs give no exchange rate to convert {metric} into {currency}.",
        "no_rate_for": "The briefs give no {rate} for {period}.",
        "convert": "{metric} in {period}: {amount} at {rate_value} ({rate}) is {converted}",
        "periods_and_unit": "periods and unit",
        "periods": "periods",
        "ratio_name": "ratio",
        "ratio": "the ratio of {a} ({av}) to {b} ({bv}) is {result}",
        "period_difference": "{metric} in {pa} ({a}) minus {metric} in {pb} ({b}) is {result}.",
        "count": "{metric} meets “{condition}” in {count} of {total} periods ({periods}): {inputs}.",
        "needs_condition": "A count needs a condition, such as “more than 100”.",
        "no_metric": "The briefs' tables hold no figures for “{words}”; the figures they hold are: {labels}.",
    },
    "es": {
        "interpreted": "Interpretado como: {text}",
        "calculation": "Cálculo: {text}",
        "quotes": "Según los informes (citas textuales, en inglés):\n",
        "no_answer": "Los informes no contienen una respuesta a «{question}».",
        "closest": " Los pasajes más cercanos, de {titles}, figuran como relacionados.",
        "and": " y ",
        "or": " o ",
        "which": "¿A cuál se refiere: {options}?",
        "held_only": "Los informes dan {metric} solo para {held}; nada para {missing}.",
        "estimate": " (estimación)",
        "lookup": "{metric} en {values}.",
        "series": "{metric}, {span}: {values}.",
        "needs_two": "Un cambio necesita dos periodos; indique un año inicial y uno final.",
        "rose": "subió",
        "fell": "bajó",
        "same": "no cambió",
        "change": "{metric} {direction} de {a} en {pa} a {b} en {pb}: un cambio de {delta} ({pct}).",
        "percent_needs_two": "Un cambio porcentual necesita dos periodos; indique un año inicial y uno final.",
        "percent": "{metric} cambió un {pct} de {pa} ({a}) a {pb} ({b}).",
        "cagr_needs_two": "Una tasa de crecimiento anual compuesta necesita dos años distintos.",
        "cagr": "{metric} creció a una tasa anual compuesta de {pct} de {pa} ({a}) a {pb} ({b}).",
        "pair_needs_two": "Una {name} necesita dos cifras; las cifras de los informes son: {labels}.",
        "share_name": "proporción",
        "difference_name": "diferencia",
        "in_period": "en {period}, ",
        "share": "{part} ({pv}) fueron el {pct} de {whole} ({wv})",
        "difference": "{a} ({av}) menos {b} ({bv}) es {result}",
        "extreme": "El valor {name} de {metric} en {span} fue {value}{estimate} en {period} ({inputs}).",
        "aggregate": "El {name} de {metric} en {span} es {value} ({inputs}).",
        "average_name": "promedio",
        "sum_name": "total",
        "highest_name": "más alto",
        "lowest_name": "más bajo",
        "no_rate": "Los informes no dan un tipo de cambio para convertir {metric} a {currency}.",
        "no_rate_for": "Los informes no dan {rate} para {period}.",
        "convert": "{metric} en {period}: {amount} a {rate_value} ({rate}) son {converted}",
        "periods_and_unit": "periodos y unidad",
        "periods": "periodos",
        "ratio_name": "razón",
        "ratio": "la razón entre {a} ({av}) y {b} ({bv}) es {result}",
        "period_difference": "{metric} en {pa} ({a}) menos {metric} en {pb} ({b}) es {result}.",
        "count": "{metric} cumple «{condition}» en {count} de {total} periodos ({periods}): {inputs}.",
        "needs_condition": "Un conteo necesita una condición, como «más de 100».",
        "no_metric": "Las tablas de los informes no tienen cifras de «{words}»; las cifras que tienen son: {labels}.",
    },
}
SCALES: dict[Language, dict[str, str]] = {
    "en": {},
    "es": {
        "thousand": "mil",
        "million": "millones",
        "billion": "mil millones",
        "trillion": "billones",
    },
}


def say(language: Language, key: PhraseKey, **values: object) -> str:
    """The phrase `key` in `language`, filled in."""
    return PHRASES[language][key].format(**values)


def scale_word(language: Language, text: str) -> str:
    """A formatted amount with its scale word in `language` ("US$8.4 mil millones")."""
    for english, local in SCALES[language].items():
        text = text.replace(f" {english}", f" {local}")
    return text
