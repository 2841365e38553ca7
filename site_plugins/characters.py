"""Which characters front-matter text may hold, its normal form, and its visible length.

Front matter reaches attributes, tooltips, the search index and Markdown. Three kinds of
character are refused there, with a message that says where they are:

* control characters (C0 and C1, except tab and line breaks, which are whitespace), among
  them STX and ETX, which Python-Markdown uses to mark its placeholders: typed into a value,
  they could make Markdown swap in stashed HTML;
* bidirectional controls (U+202A-U+202E, U+2066-U+2069, marks), which reorder how text is
  shown, so a name or a summary reads differently from what it is;
* invisible characters (zero-width space, word joiner, BOM, soft hyphen, tag characters,
  blank fillers): two names that look alike would be different names.

Zero-width joiner and non-joiner are kept: emoji sequences and scripts such as Persian
need them.

Text that passes is compared in one form: Unicode NFC (an 'é' typed as 'e' plus an accent
is the same 'é'), and every kind of space (no-break, narrow, ideographic) as one space.
"""

from __future__ import annotations

import unicodedata

#: Format characters (category Cf) that text needs: joiners for emoji and some scripts.
_ALLOWED_FORMAT = frozenset({"\u200c", "\u200d"})
#: Letters that render as nothing (Hangul fillers) and other blanks that are not spaces.
_BLANK_LETTERS = frozenset({"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"})
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e") | frozenset(
    "\u2066\u2067\u2068\u2069"
)
_WHITESPACE_CONTROLS = frozenset("\t\n\r")


def _kind(char: str) -> str:
    """'' for an allowed character, else what is wrong with it, in an editor's words."""
    if char in _WHITESPACE_CONTROLS or char in _ALLOWED_FORMAT:
        return ""
    if char in _BIDI_CONTROLS:
        return "a bidirectional control character (it reorders how text is shown)"
    category = unicodedata.category(char)
    if category == "Cc":
        if char in "\x02\x03":
            return "a control character (one Markdown uses internally)"
        return "a control character"
    if category == "Cs":
        return "half of a character (a lone surrogate)"
    if category == "Cf" or char in _BLANK_LETTERS:
        return "an invisible character"
    return ""


def character_problem(text: str) -> str:
    """Why `text` may not be used ('' when it may): the first refused character, and where."""
    for position, char in enumerate(text, start=1):
        kind = _kind(char)
        if kind:
            name = unicodedata.name(char, "") if unicodedata.category(char) != "Cs" else ""
            described = f"U+{ord(char):04X}" + (f" {name}" if name else "")
            return (
                f"contains {described}, {kind}, at character {position}: delete it"
                " (retype the text around it if you cannot see it)"
            )
    return ""


def normalised(text: str) -> str:
    """NFC, with each run of whitespace (no-break and other spaces too) one plain space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def is_word_character(char: str) -> bool:
    """A letter, digit, underscore or combining mark: what a whole-word match may not cut."""
    return char.isalnum() or char == "_" or unicodedata.category(char).startswith("M")


def has_letter_or_digit(text: str) -> bool:
    return any(char.isalnum() for char in text)


_REGIONAL_INDICATORS = range(0x1F1E6, 0x1F200)
_EMOJI_MODIFIERS = range(0x1F3FB, 0x1F400)


def visible_length(text: str) -> int:
    """How many characters a reader sees: user-perceived characters, not code points.

    An approximation of Unicode's extended grapheme clusters, without a dependency:
    combining marks, variation selectors, emoji skin-tone modifiers and joiners extend the
    character before them; a character after a zero-width joiner is part of the same one;
    two regional indicators make one flag; a Hangul syllable typed as jamo is one.
    """
    count = 0
    previous = ""
    pending_indicator = False
    for char in text:
        code = ord(char)
        extends = (
            unicodedata.category(char) in ("Mn", "Mc", "Me")
            or char in _ALLOWED_FORMAT
            or code in _EMOJI_MODIFIERS
            or 0xFE00 <= code <= 0xFE0F
            or previous == "\u200d"
            or (0x1160 <= code <= 0x11FF and previous != "")  # Hangul vowel/final jamo
        )
        if code in _REGIONAL_INDICATORS:
            extends = pending_indicator
            pending_indicator = not pending_indicator
        else:
            pending_indicator = False
        if not extends:
            count += 1
        previous = char
    return count
