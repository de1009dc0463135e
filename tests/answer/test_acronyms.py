"""A question may shorten a name the brief writes out ("CFO" for "Chief Financial
Officer"): the passages are searched for the name as the brief writes it."""

from __future__ import annotations

import pytest

from assistant import Settings
from tests.answer.test_figures import open_briefs

BRIEF = (
    "Leadership\n\n"
    "The company's products are sold in over forty countries through distributors.\n\n"
    "Andrew R. Kaiser has served as Chief Financial Officer since 2015.\n\n"
    "Research and Development spending focused on new sensors this year.\n\n"
    "The board met six times during the year.\n"
)


def test_an_acronym_the_brief_never_writes_is_read_as_the_name_it_spells(
    tmp_settings: Settings,
) -> None:
    assistant = open_briefs(tmp_settings, {"leaders.md": BRIEF})
    answer = assistant.ask("Who serves as the company's CFO?")
    assert not answer.abstained, answer.answer
    assert "Andrew R. Kaiser" in answer.citations[0].text, answer.answer
    assert "Chief Financial Officer" in answer.interpreted_as
    focus = assistant.ask("What did R&D spending focus on?")
    assert not focus.abstained and "new sensors" in focus.citations[0].text, focus.answer


def test_an_acronym_the_brief_uses_or_cannot_spell_is_left_as_asked(
    tmp_settings: Settings,
) -> None:
    brief = BRIEF + "\nThe CEO, Ann Lee, chairs the board.\n"
    assistant = open_briefs(tmp_settings, {"leaders.md": brief})
    assert assistant.ask("Who is the CEO?").interpreted_as == "Who is the CEO?"
    assert assistant.ask("Who is the COO?").interpreted_as == "Who is the COO?"


AGENCIES = (
    "Regulators in Ruritania\n\n"
    "The Ruritanian Health Authority (RHA) licenses medical devices. "
    "Imports pass through the National Customs Office (NCO) in Strelsau. "
    "Hospitals send samples to next-generation sequencing (NGS) labs.\n\n"
    "- Instituto Ruritano del Seguro Social (IRSS)\n"
    "- RDA Ruritanian Devices Agency\n"
    "- Members include AMIX and BTRA.\n\n"
    "Notes: (1) RWV – Residual written value\n\n"
    "Our named executive officers received no raise this year. None of the NEOs was"
    " promoted.\n"
)


@pytest.mark.parametrize(
    ("question", "name", "cited"),
    [
        ("What does RHA stand for?", "Ruritanian Health Authority", "The Ruritanian Health"),
        ("NCO full name", "National Customs Office", "Imports pass through"),
        ("what does NGS mean", "next-generation sequencing", "Hospitals send samples"),
        ("IRSS - what is that acronym short for?", "Instituto Ruritano del Seguro Social", "- "),
        ("RDA stands for what?", "Ruritanian Devices Agency", "- RDA"),
        # a note spelling it after a dash, its words not capitalised
        ("What does RWV mean?", "Residual written value", "Notes: (1) RWV"),
        # used in the plural next to the words it shortens, no brackets
        ("What does NEO stand for?", "named executive officers", "Our named executive"),
    ],
)
def test_an_acronym_is_answered_with_the_name_the_brief_spells(
    tmp_settings: Settings, question: str, name: str, cited: str
) -> None:
    answer = open_briefs(tmp_settings, {"agencies.md": AGENCIES}).ask(question)
    assert not answer.abstained, answer.answer
    assert answer.value is not None and answer.value.text == name
    assert name in answer.answer and answer.citations[0].text.startswith(cited)
    assert len(answer.citations) == 1


def test_an_acronym_the_briefs_never_spell_out_is_said_so(tmp_settings: Settings) -> None:
    answer = open_briefs(tmp_settings, {"agencies.md": AGENCIES}).ask("What does AMIX stand for?")
    assert answer.abstained
    assert "AMIX" in answer.answer and "spell" in answer.answer, answer.answer
    assert answer.related and "AMIX" in answer.related[0].text


def test_an_acronym_asked_with_what_it_does_is_answered_with_its_passage(
    tmp_settings: Settings,
) -> None:
    answer = open_briefs(tmp_settings, {"agencies.md": AGENCIES}).ask(
        "What does RHA stand for and what does it do?"
    )
    assert "RHA stands for Ruritanian Health Authority" in answer.answer, answer.answer
    assert "licenses medical devices" in answer.answer, answer.answer
    alone = open_briefs(tmp_settings, {"agencies.md": AGENCIES}).ask("What does RHA stand for?")
    assert "licenses" not in alone.answer  # the name alone when only the name is asked
