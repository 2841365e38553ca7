"""Find whole-word mentions of many names in a text, in one pass.

All names go into one Aho-Corasick automaton (pyahocorasick, C), so a scan costs the same
whether the site has ten entities or ten thousand; Python only looks at the few places
where a name occurs, to check word boundaries and keep the longest match.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import NamedTuple

import ahocorasick

from .characters import is_word_character


class Match(NamedTuple):
    start: int
    end: int
    key: str
    """What the matched name stands for (an entity id)."""


#: Whitespace that may stand between the words of a name (line breaks, no-break and other
#: Unicode spaces), mapped to a plain space: one character for one, so offsets stay valid.
#: (Every character `str.isspace()` accepts; listed, as finding them costs 0.4 s per import.)
UNICODE_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_SPACES = str.maketrans(dict.fromkeys(UNICODE_SPACES, " "))
#: Hangul vowels and final consonants typed as jamo: they join the syllable before them.
_HANGUL_JAMO_TAIL = range(0x1160, 0x1200)


def fold_case(text: str) -> str:
    """Lower-case `text` without changing its length, so offsets stay valid.

    A few characters lower-case to two ('İ' -> 'i̇'); those are kept as they are.
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


class Matcher:
    """Leftmost-longest, non-overlapping, whole-word matches of a fixed set of names."""

    def __init__(self, names: Mapping[str, str], *, case_sensitive: bool = True) -> None:
        """`names` maps each surface form ('Hon Hai') to the key it stands for ('foxconn')."""
        self.case_sensitive = case_sensitive
        self._automaton = ahocorasick.Automaton()
        for name, key in names.items():
            # As the text is read: NFC, each kind of space a plain one (one for one).
            name = unicodedata.normalize("NFC", name).translate(_SPACES)
            folded = name if case_sensitive else fold_case(name)
            if folded and folded not in self._automaton:
                self._automaton.add_word(folded, (len(folded), key))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        """Every whole-word mention in `text`, left to right; at one start, the longest wins."""
        if self._empty or not text:
            return []
        # Names are NFC: so is the text they are looked for in ('e' + accent is 'é').
        nfc, starts, ends = _nfc_with_offsets(text)
        # Markdown keeps source line breaks inside paragraphs: "Carlos\nGhosn" is a mention.
        haystack = nfc.translate(_SPACES)
        if not self.case_sensitive:
            haystack = fold_case(haystack)
        candidates = [
            Match(end + 1 - length, end + 1, key)
            for end, (length, key) in self._automaton.iter(haystack)
            if _is_whole_word(nfc, end + 1 - length, end + 1)
        ]
        if starts is not None and ends is not None:
            candidates = [Match(starts[m.start], ends[m.end - 1], m.key) for m in candidates]
        candidates.sort(key=lambda m: (m.start, -m.end))
        matches: list[Match] = []
        position = 0
        for candidate in candidates:
            if candidate.start >= position:
                matches.append(candidate)
                position = candidate.end
        return matches


def _nfc_with_offsets(text: str) -> tuple[str, list[int] | None, list[int] | None]:
    """`text` in NFC, with each NFC character's start and end offset in `text`.

    (None, None) for the offsets when `text` is NFC already, as nearly all text is. Each
    base character and the marks after it are normalised together, so a match's ends map
    back to whole characters of the original.
    """
    if unicodedata.is_normalized("NFC", text):
        return text, None, None
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    chunk_start = 0
    for position in range(1, len(text) + 1):
        if position < len(text):
            char = text[position]
            if unicodedata.combining(char) or ord(char) in _HANGUL_JAMO_TAIL:
                continue
        chunk = unicodedata.normalize("NFC", text[chunk_start:position])
        parts.append(chunk)
        starts.extend([chunk_start] * len(chunk))
        ends.extend([position] * len(chunk))
        chunk_start = position
    return "".join(parts), starts, ends


def _is_whole_word(text: str, start: int, end: int) -> bool:
    """True unless the match cuts a word: 'Nissan' in 'Nissans' or 'KKR' in 'KKRX'.

    Only a word character next to a word character is a cut, so names that begin or end
    with punctuation ('KKR & Co.') still match, and "Nissan's" matches 'Nissan'.
    """
    if start > 0 and is_word_character(text[start - 1]) and is_word_character(text[start]):
        return False
    return not (
        end < len(text) and is_word_character(text[end - 1]) and is_word_character(text[end])
    )
