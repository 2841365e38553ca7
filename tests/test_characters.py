"""Which characters front-matter text may hold, its normal form and its visible length."""

from __future__ import annotations

import pytest

from site_plugins.characters import (
    character_problem,
    has_letter_or_digit,
    normalised,
    visible_length,
)
from site_plugins.frontmatter import Problem, printable
from site_plugins.matching import Matcher


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("Nissan", 6),
        ("Société", 7),
        ("Socie\u0301te\u0301", 7),  # accents typed separately
        ("\U0001f1ef\U0001f1f5\U0001f1eb\U0001f1f7", 2),  # two flags
        ("\U0001f468\u200d\U0001f469\u200d\U0001f467", 1),  # one family emoji
        ("\U0001f44d\U0001f3fd", 1),  # thumbs up, skin tone
        ("\u2764\ufe0f", 1),  # heart with a variation selector
        ("\u1100\u1161\u11a8", 1),  # a Hangul syllable typed as jamo
        ("日産", 2),
    ],
)
def test_visible_length_counts_what_a_reader_sees(text: str, length: int) -> None:
    assert visible_length(text) == length


@pytest.mark.parametrize(
    "char", ["\x00", "\x02", "\x03", "\x1b", "\x7f", "\x85", "\u202e", "\u2066", "\u200b", "\ufeff"]
)
def test_refused_characters_are_named_with_their_position(char: str) -> None:
    problem = character_problem(f"ab{char}cd")
    assert f"U+{ord(char):04X}" in problem and "at character 3" in problem


@pytest.mark.parametrize("text", ["Nissan", "Société Générale", "a\tb\nc", "日産", "ab\u200dc"])
def test_ordinary_text_passes(text: str) -> None:
    assert character_problem(text) == ""


def test_normalised_is_nfc_with_single_spaces() -> None:
    assert normalised(" Socie\u0301te\u0301\u00a0\u00a0Ge\u0301ne\u0301rale\u2028") == (
        "Société Générale"
    )


@pytest.mark.parametrize(("text", "expected"), [("A1", True), ("—!", False), ("🚗", False)])
def test_has_letter_or_digit(text: str, expected: bool) -> None:
    assert has_letter_or_digit(text) is expected


def test_matches_in_decomposed_text_map_back_to_the_original_offsets() -> None:
    text = "Hier, la Socie\u0301te\u0301 Ge\u0301ne\u0301rale a dit."
    (match,) = Matcher({"Société Générale": "sg"}).find(text)
    assert text[match.start : match.end] == "Socie\u0301te\u0301 Ge\u0301ne\u0301rale"


def test_problems_print_escapes_not_control_characters() -> None:
    shown = str(Problem("a\x1b[2J.md", "key\u202e", "value \x07 \x9b"))
    assert shown == "a\\x1b[2J.md: key\\u202e: value \\x07 \\x9b"
    assert printable("line one\nline two") == "line one\nline two"


def test_the_matcher_knows_every_unicode_space() -> None:
    import sys

    from site_plugins.matching import UNICODE_SPACES

    spaces = {chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()}
    assert set(UNICODE_SPACES) == spaces
