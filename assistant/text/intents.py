"""What a question asks for, read from its English wording: one place for every step.

The figure steps pass on questions that want no figure (`NOT_A_FIGURE`); the listing
answerer takes questions about what a table lists (`ASKS_ITEMS`, `ASKS_YEARS`) or which row
is highest (`WHICH_ROW`); the short answer inside a quote is shaped by the rest (a reason,
contents, a method, what follows the question's last verb, figures of a year). Patterns
over the quoted passages themselves stay with the step that reads them.
"""

from __future__ import annotations

import re

# Questions that ask for a person, a place, a reason or cause, what something includes, how
# it is worked out, or when something happened are not answered with a figure.
NOT_A_FIGURE = re.compile(
    r"^\s*(who|whom|whose|where|why|describe|explain)\b"
    r"|^\s*what (?:is |was |are |were )?(?:the )?(?:main |primary |key |major )?"
    r"(?:reasons?|causes?|drivers?|factors?)\b"
    r"|^\s*what (?:\w+ly )?(?:caused|causes|drove|drives|led to|leads to|contributed to"
    r"|resulted in|results in|explains?|gives? rise to|gave rise to)\b"
    r"|\b(?:driven|caused|offset) by\W*$|\b(?:due|attributable|attributed|related) to\W*$"
    r"|^\s*what (?:does|do|did) .*\b(?:include|consist of|comprise|represent|mean|relate to)\W*$"
    r"|^\s*what (?:is|are|was|were) (?:included|excluded|recorded|recognized|recognised) in\b"
    r"(?!\s+(?:fiscal\s+)?(?:19|20)\d\d)"
    r"|^\s*what (?:is|are|was|were) (?:the )?"
    r"(?:basis|nature|purpose|definition|meaning|method|policy)\b"
    r"|^\s*how (?:is|are|was|were|does|do|did|will)\b(?!\s+(?:much|many)\b).*\b(?:determined"
    r"|calculated|measured|computed|defined|estimated|derived|recogni[sz]ed|presented"
    r"|accounted for|treated|classified|allocated|funded|used)\W*$"
    r"|^\s*when (?:is|are|was|were|did|does|do|will)\b"
    r"(?!.*\b(?:highest|lowest|most|least|peak|maximum|minimum|higher|lower)\b)",
    re.I,
)

ASKS_NO_FIGURE = re.compile(r"^\W*(?:who|whom|whose|where|why)\b", re.IGNORECASE)
"""A question that opens asking who, where or why (as `NOT_A_FIGURE` reads it): a "how
much" inside it ("Who decides how much clinics are paid?") is not what it asks."""

# The shape of a short answer (`answer/shape.py`).
ASKS_REASON = re.compile(
    r"^\s*why\b|\b(reasons?|causes?|caused|drivers?|drove|driven|due to|attributable"
    r"|resulted in|led to)\b",
    re.IGNORECASE,
)
ASKS_CONTENTS = re.compile(
    r"\b(?:consists?|comprised?|comprises|includes?|included|made up|composed)\b", re.IGNORECASE
)
# "What are minimum payments classified as?", "Where are subsidiaries disclosed?": the answer
# is what follows that verb (and its preposition) in the quote.
PARTICIPLES = "taken|given|written|known|chosen|driven|shown|seen|held|made|paid|sold|kept|spent"
ENDS_ON_VERB = re.compile(
    r"^\s*(?:(?:in|over|to|from|by|for|on|at|under|with)\s+)?(?:what|where|who|whom|which)"
    r"(?:\s+\w+)?\s+(?:is|are|was|were|does|do|did|has|have|had|will|would|can|could|should)\b.*?\s"
    rf"(?P<verb>(?:\w{{3,}}ed|{PARTICIPLES})(?:\s+(?:as|to|in|into|by|for|on|with|from|under|within))?"
    r"|\w+\s+(?:as|to|into|under|within))\W*$",
    re.IGNORECASE,
)
# "What does order intake represent?", "What did the liabilities exclude?": the answer is what
# follows that verb (however the quote inflects it) in the quote.
DOES_VERB = re.compile(
    r"^\s*(?:what|whom|which)(?:\s+\w+)?\s+(?:does|do|did)\b"
    r"(?!.*\b(?:about|regarding|concerning)\b)"  # "say about Y": it ends on a topic
    r".*?\s(?P<verb>[a-z]{3,}"
    r"(?:\s+(?:on|to|for|from|in|into|with|of|as))?)\W*$",
    re.IGNORECASE,
)
ASKS_METHOD = re.compile(
    r"^\s*how (?:is|are|was|were|does|do|did|will)\b(?!\s+(?:much|many)\b).*\b"
    r"(?P<verb>\w+(?:ed|en))\W*$",
    re.IGNORECASE,
)
WHAT_WAS = re.compile(
    r"^\s*(?:(?:as of|as at|in|during|at|for)\s[^?]{1,40}?,\s*)?"  # "As of May 31, 2019, what was"
    r"what (?:is|was|are|were)\b(?!.*\b(?:reasons?|causes?)\b)",
    re.I,
)
IN_A_YEAR = re.compile(
    r"\b(?:in|for|during|at|as of|as at|ended|ending)\s+(?:[\w,]+\s+){0,3}?(?:19|20)\d\d\b", re.I
)
RESPECTIVELY = re.compile(r"\brespective(?:ly)?\b", re.I)

# A cause asked ("Why did X rise?", "the reason for the increase in X", "What drove X?"),
# and the words that give one ("driven by", "due to", "This reflected ...").
ASKS_CAUSE = re.compile(
    r"^\W*why\b|\breasons?\s+(?:for|behind|why)\b|\bdue to what\b"
    r"|^\W*what\s+(?:drove|drives|is driving|was driving|led to|leads to|caused|causes"
    r"|accounts? for|accounted for|explains|explained|contributed to|resulted in)\b",
    re.IGNORECASE,
)
CAUSE = re.compile(
    r"\b(?:because|due to|driven by|as a result of|results? (?:of|from)|resulted from"
    r"|resulting from|attributable to|attributed to|owing to|caused by|reflect(?:s|ed|ing)?"
    r"|thanks to|on account of|explained by|stemm(?:ed|ing) from|primarily from|mainly from)\b",
    re.IGNORECASE,
)
ANNOUNCES_CAUSE = re.compile(
    r"\b(?:explain(?:s|ed|ing)?|describ(?:es|ed|ing)|outlin(?:es|ed|ing)|set(?:s)? out"
    r"|said|says|told|noted|asked)\s+(?:\w+\s+)?why\b",
    re.IGNORECASE,
)
"""A sentence saying that someone gives a reason ("She explained why the rates changed."):
the reason follows it (unlike "That is why ...", which points back)."""

# What a table lists (`answer/listing.py`).
ASKS_ITEMS = re.compile(
    r"^\s*(?:what|which|list|name)\b.*\b(?:components?|items?|elements?|types|categories"
    r"|segments|regions|countries|kinds|parts|line items)\b"
    r"|^\s*(?:what|which)\b.*\b(?:consists? of|comprises?|made up of|make up|making up)\b"
    r"|^\s*(?:what|which)\b.*\b(?:listed|included|shown|presented|falls?|comes?) under\b",
    re.IGNORECASE,
)
ASKS_TABLE_ROWS = re.compile(
    r"^\s*(?:what|which)\b(?!.*\b(?:19|20)\d\d\b)(?=.*\b(?:are|were)\b)"
    r".*\b(?:(?:listed|shown|included|presented"
    r"|given|covered)\s+(?:in|by|under)\s+(?:the|this)\b.*\btable\b)",
    re.IGNORECASE,
)
"""What a table lists, its rows: "Which countries are shown in the table of sales?"."""
ASKS_HOW_MANY_ITEMS = re.compile(
    r"^\s*how many\b.*\b(?:components?|items?|elements?|types|categories|segments"
    r"|regions|countries|kinds|parts|line items)\b(?!.*\b(?:above|below|more than|less than"
    r"|exceed\w*|under \$))",
    re.IGNORECASE,
)
"""How many items a table lists: "How many components are there under deferred tax assets?"."""
ASKS_YEARS = re.compile(
    r"^\s*(?:(?:in|for) )?"
    r"(?:(?:which|what)(?: are the)? (?:(?:fiscal|financial|calendar|reporting) )?"
    r"(?:years?|periods?)(?:['’]s?)?(?!\w)"
    r"|(?=.*\b(?:shown|presented|included|covered|given|provided|recorded|calculated"
    r"|reported|disclosed) (?:for|in) (?:which|what) (?:years?|periods?|fiscal years?)\W*$))"
    r"(?=.*(?:\btable\b|\b(?:shown|show|presented|included|covered|given|provided|recorded"
    r"|calculated|reported|disclosed)(?: (?:for|in))?\W*$|\b(?:which|what) (?:years?|periods?"
    r"|fiscal years?)\W*$))"
    r"(?!.*(?:\b(?:higher|lower|highest|lowest|more|less|most|least|larger|smaller|greater"
    r"|fewer|fewest|exceed\w*)\b|\b(?:above|below|under|over)\s+\W?\d))",
    re.IGNORECASE,
)
# "Which segment had the highest revenue in 2019?": a row label, by its figure in a column.
WHICH_ROW = re.compile(
    r"^\s*(?:(?:for|in) [^,]+(?:, \d{4})?, )?(?:(?:in|for|of|from) )?(?:which|what)"
    r" (?:(?:is|was|are|were) the )?(?P<noun>[a-z]+)\b.*\b"
    r"(?P<most>highest|largest|most|greatest|biggest|strongest|best|lowest|smallest|least"
    r"|fewest|weakest|worst)\b",
    re.IGNORECASE,
)
# Nouns after "which" that ask for a period (the figure steps answer those) or for no row.
PERIOD_NOUN = re.compile(
    r"(?:years?|periods?|quarters?|months?|dates?|fiscal|is|was|are|were|do|does|did|has|had"
    r"|the|a|an|amount|value|figure|number|percentage|rate)$",
    re.IGNORECASE,
)

# "When is goodwill considered impaired?": in the present, under what condition (a clause
# from "if", "where", "when", "unless" ...), not on what date.
WHEN_CONDITION = re.compile(r"^\s*when\s+(?:is|are|does|do)\b", re.IGNORECASE)
CONDITION_CLAUSE = re.compile(
    r"\b(?:if|where|when|whenever|unless|once|in the event that|provided that)\b", re.IGNORECASE
)
ASKS_TABLE_SOURCE = re.compile(
    r"\bwhere\s+(?:do|does|did)\b[^?]*\b(?:table|chart)\b[^?]*\bcome\s+from\b"
    r"|\bwhere\s+(?:do|does|did)\b[^?]*\bcome\s+from\b[^?]*\b(?:table|chart)\b"
    r"|\b(?:what|which)\s+(?:is|are|was|were)\s+(?:the\s+)?sources?\s+(?:of|for|behind)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:data|figures|numbers|statistics|table|chart)\b"
    r"(?:[^?]*\b(?:table|chart)\b|(?<=table)|(?<=chart))"
    r"|\bwho\s+(?:compiled|produced|prepared|collected|published)\b[^?]*\b(?:table|chart)\b",
    re.IGNORECASE,
)
"""Where a table's figures come from ("Where do the numbers in the market table come
from?", "What is the source of the data in the table on beds?"): its source line."""
# "What does the table show?", "What is the beds table about?", "Describe the clinics
# table.": what the sentence introducing the table (or its caption) says, and what it lists.
THE_TABLE = r"(?:the|this|these)\s+(?:[\w'-]+\s+){0,4}?tables?"
ON_WHAT = r"(?:\s+(?:on|of|about|for|in)\s+[^?]*)?\W*$"  # "the table on dental clinics"
ASKS_TABLE_ABOUT = re.compile(
    r"^\s*(?:(?:can|could) you (?:tell me|say|explain) )?what\s+(?:\w+\s+)?(?:(?:does|do)\s+)?"
    rf"{THE_TABLE}\s+(?:show|present|set forth|summari[sz]e|display|contain"
    r"|provide|cover|illustrate|describe|depict|represent|detail|outline)s?\W*$"
    rf"|^\s*what\s+(?:is|are)\s+{THE_TABLE}\s+about\W*$"
    rf"|^\s*what\s+is\s+in\s+{THE_TABLE}{ON_WHAT}"
    rf"|^\s*(?:please\s+)?(?:describe|summari[sz]e)\s+{THE_TABLE}{ON_WHAT}",
    re.IGNORECASE,
)
# "What units are the figures in the market table in?", "In what currency are the table's
# figures?", "Fact-checking a slide: what units is the table in?": the unit the table says
# its figures are in.
OPENS = r"(?:^|[:;]\s*)"  # the question, or a clause after a framing one
OF_FIGURES = r"(?=[^?]*\b(?:tables?|figures|numbers|data|values|amounts)\b)"
ASKS_TABLE_UNIT = re.compile(
    rf"{OPENS}(?:in\s+)?(?:what|which)\s+(?:units?|currency|currencies)\s+"
    rf"(?:is|are|was|were|do|does|did)\b{OF_FIGURES}"
    rf"|{OPENS}what\s+(?:is|are)\s+the\s+(?:units?|currency)\s+(?:used\s+)?(?:of|for|in)\b"
    rf"{OF_FIGURES}",
    re.IGNORECASE,
)
