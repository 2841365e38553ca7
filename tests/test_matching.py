"""The one-pass whole-word matcher."""

from __future__ import annotations

from site_plugins.matching import Match, Matcher, fold_case


def test_finds_leftmost_longest_non_overlapping() -> None:
    matcher = Matcher({"Nissan": "n", "Nissan Leaf": "leaf", "Leaf": "l"})
    assert matcher.find("Nissan Leaf and Leaf") == [
        Match(0, 11, "leaf"),
        Match(16, 20, "l"),
    ]


def test_longer_name_cut_mid_word_falls_back_to_shorter() -> None:
    matcher = Matcher({"Nissan": "n", "Nissan Leaf": "leaf"})
    assert matcher.find("Nissan Leafy") == [Match(0, 6, "n")]


def test_regex_metacharacters_are_plain_text() -> None:
    matcher = Matcher({"a.b*(c)": "x", "[KKR]": "k"})
    assert matcher.find("see a.b*(c) and [KKR] but not aXb") == [
        Match(4, 11, "x"),
        Match(16, 21, "k"),
    ]


def test_empty_matcher_finds_nothing() -> None:
    assert Matcher({}).find("anything") == []


def test_case_folding_keeps_offsets() -> None:
    text = "İstanbul NISSAN"
    assert len(fold_case(text)) == len(text)
    assert Matcher({"Nissan": "n"}, case_sensitive=False).find(text) == [Match(9, 15, "n")]


def test_non_latin_word_boundaries() -> None:
    matcher = Matcher({"日産": "n", "نيسان": "r"})
    text = "日産 and نيسان, نيسانx"  # noqa: RUF001 (Arabic on purpose)
    assert matcher.find(text) == [Match(0, 2, "n"), Match(7, 12, "r")]


def test_line_breaks_and_no_break_spaces_match_a_space() -> None:
    matcher = Matcher({"Carlos Ghosn": "g", "Ghosn": "g2"})
    assert matcher.find("Carlos\nGhosn and Carlos\u00a0Ghosn") == [
        Match(0, 12, "g"),
        Match(17, 29, "g"),
    ]
