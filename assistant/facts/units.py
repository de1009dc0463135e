"""Units and scales: `USD Billions`, `US$3.5 billion`, `%`, and rows that are rates."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text.tables import ISO_CODES

SCALES = {
    "thousand": 1e3, "thousands": 1e3, "k": 1e3,
    "million": 1e6, "millions": 1e6, "mn": 1e6, "m": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9,
    "trillion": 1e12, "trillions": 1e12, "tn": 1e12,
}  # fmt: skip
CANONICAL_SCALE = {1e3: "thousand", 1e6: "million", 1e9: "billion", 1e12: "trillion"}
CURRENCIES = {
    "usd": "USD", "us$": "USD", "$": "USD", "dollars": "USD", "dollar": "USD",
    "eur": "EUR", "€": "EUR", "euros": "EUR", "gbp": "GBP", "£": "GBP",
    "mxn": "MXN", "mx$": "MXN", "pesos": "MXN", "peso": "MXN",
    "cad": "CAD", "c$": "CAD", "jpy": "JPY", "yen": "JPY", "¥": "JPY", "cny": "CNY",
    "yuan": "CNY", "brl": "BRL", "r$": "BRL", "reais": "BRL", "inr": "INR", "rupees": "INR",
    "zar": "ZAR", "rand": "ZAR", "rmb": "CNY", "renminbi": "CNY",
    "hk$": "HKD", "a$": "AUD", "s$": "SGD", "nt$": "TWD", "nz$": "NZD",
}  # fmt: skip
CURRENCIES |= {  # every ISO code, but the two that are English words
    code.lower(): code for code in ISO_CODES.split("|") if code not in ("TRY", "PEN")
} | {"rmb": "CNY"}
SHARED_WORDS = {
    "peso": ("MXN", "COP", "CLP", "ARS", "PHP", "UYU", "DOP", "CUP"),
    "dollar": ("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "TWD"),
}
"""Currency words several currencies go by: "in pesos" may be any of them."""


def currency_codes(word: str) -> frozenset[str]:
    """The currencies a word may name ("pesos": MXN, COP, ...; "EUR": EUR)."""
    shared = SHARED_WORDS.get(word.lower().removesuffix("s"), ())
    code = CURRENCIES.get(word.lower(), "")
    return frozenset(shared) | ({code} if code else set())


EXCHANGE_UNIT = re.compile(r"(?:(?P<priced>[A-Z]{3}) )?per (?P<base>[A-Z]{3})")
"""An exchange rate's unit: "per USD", "MXN per USD"."""
CURRENCY_WORD = r"[\w$€£¥]+"
"""A word that may name a currency ("pesos", "USD", "$")."""
PER_NAMED = re.compile(rf"(?P<a>{CURRENCY_WORD})\s+per\s+(?P<b>{CURRENCY_WORD})", re.IGNORECASE)
"""A rate written in the order it is read ("MXN per USD", "pesos per dollar")."""

SYMBOLS = {
    "USD": "US$", "EUR": "€", "GBP": "£", "MXN": "MX$", "CAD": "C$", "JPY": "¥",
    "HKD": "HK$", "AUD": "A$", "SGD": "S$", "TWD": "NT$", "NZD": "NZ$",
}  # fmt: skip
# A currency code with its scale letter glued on ("USDm", "EURbn").
GLUED_SCALE = re.compile(
    r"\b(" + "|".join(sorted({c.lower() for c in CURRENCIES.values()})) + r")(m|mn|bn|b|k)\b"
)
# A rate word names a rate as the label's head noun: "Market share", "Share of exports",
# "Effective tax rate", "Rate of return"; not as a modifier ("Interest rate swaps", "Share
# options") or after "per" ("Earnings per share" is an amount per share, not a percent).
HEAD = r"(?=\s*$|\s+of\b|\s*[(,:%])"
SHARE = rf"(?<!per )\bshare{HEAD}"
# Row labels that name a ratio, not an amount in the table's unit.
RATE_LABEL = re.compile(
    rf"\b(per|percent|percentage)\b|\b(rates?|ratios?|index|growth){HEAD}|{SHARE}|%", re.I
)
"""Whole words: "Market share" is a rate, "Shares granted" a count."""
PERCENT_LABEL = re.compile(rf"\b(percent|percentage)\b|\bgrowth{HEAD}|{SHARE}|%", re.I)
PER = re.compile(r"\bper\b", re.I)
AT_A_RATE = re.compile(r"\bat\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,5}rates?\b", re.I)
"""An amount taken at a rate ("Amount computed at the statutory federal income tax rate")."""
EXCHANGE_LABEL = re.compile(r"\bexchange\b", re.I)


@dataclass(frozen=True)
class Quantity:
    """A unit: currency (or none), scale word (or none), and a label for people."""

    currency: str = ""
    scale: str = ""
    label: str = ""


def parse_unit(text: str) -> Quantity:
    """`USD Billions` -> USD, billion; `€m`, `USDm`, `$'000`, `in thousands` too; `%` ->
    percent; unknown words become the label."""
    spaced = re.sub(r"((?<![a-z])[a-z]{1,2}\$|[$€£¥])", r" \1 ", text.lower())  # "HK$'000"
    spaced = GLUED_SCALE.sub(r"\1 \2", spaced)
    words = re.findall(r"[a-z$€£¥]+\$?|%", spaced)
    currency = next((CURRENCIES[w] for w in words if w in CURRENCIES), "")
    scale = next((CANONICAL_SCALE[SCALES[w]] for w in words if w in SCALES), "")
    if not scale and re.search(r"(?<![\d,.])['’]?000['’]?s?\b", text):
        scale = "thousand"
    if "%" in words or "percent" in words or "percentage" in words:
        return Quantity(label="%")
    label = " ".join(p for p in (currency, f"{scale}s" if scale else "") if p) or text.strip()
    return Quantity(currency, scale, label)


def row_unit(label: str, table: Quantity) -> Quantity:
    """A row's unit: the table's, unless its label names a rate (then not the table's scale);
    an exchange rate is as its label writes it ("USD per MXN"), else per the table's
    currency, in the other currency its label names ("Exchange rate (pesos)" in a USD
    table: "MXN per USD")."""
    if EXCHANGE_LABEL.search(label) and table.currency:
        per = PER_NAMED.search(label)
        if (
            per
            and (a := CURRENCIES.get(per["a"].lower()))
            and (b := CURRENCIES.get(per["b"].lower()))
        ):
            return Quantity(label=f"{a} per {b}")
        named = [CURRENCIES[w] for w in re.findall(CURRENCY_WORD, label.lower()) if w in CURRENCIES]
        other = next((c for c in named if c != table.currency), "")
        return Quantity(label=f"{other} per {table.currency}".strip())
    if RATE_LABEL.search(label) and not AT_A_RATE.search(label):
        # "per common share" is an amount per share, whatever else the label says
        percent = PERCENT_LABEL.search(label) and not PER.search(label)
        return Quantity(label="%" if percent else "")
    return table


def format_value(
    value: float, *, currency: str, scale: str, unit: str, decimals: int | None = None
) -> str:
    """`US$7.93 billion`, `17.5 per USD`, `41.4%`, `12`; with `decimals`, exactly that many
    (a cell shown as written: `1,095.0`)."""
    if unit == "year":
        return f"{value:.0f}"
    number = format_number(value) if decimals is None else f"{value:,.{decimals}f}"
    if currency:
        symbol = SYMBOLS.get(currency, currency + " ")
        sign, number = ("-", number[1:]) if number.startswith("-") else ("", number)
        return f"{sign}{symbol}{number}" + (f" {scale}" if scale else "")
    if unit == "%":
        return f"{number}%"
    return f"{number} {unit}".strip()


def format_number(value: float, digits: int = 2) -> str:
    """Up to `digits` decimals, trailing zeros dropped: 7.93, 8.4, -0.9, 12."""
    text = f"{value:,.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
