"""Romanisation of Devanagari and Arabic script, and cross-script name matching.

Table-driven on purpose: Sanskrit-oriented transliterators (indic-transliteration) keep
the inherent vowel Hindi does not pronounce (पुतिन -> "putina") and do not know the
English loan vowel ॉ, and no library romanises Arabic script for name matching. Names
are then compared on a coarse phonetic key (consonant skeleton with merged classes) that
both scripts' spellings of a foreign name share.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from dupcheck.languages import ScriptRules, language
from dupcheck.text.langid import script_of_language

# Devanagari: consonants carry an inherent "a" unless followed by a vowel sign or virama.
_DEVA_CONSONANTS = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n", "च": "ch", "छ": "chh", "ज": "j",
    "झ": "jh", "ञ": "n", "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n", "त": "t",
    "थ": "th", "द": "d", "ध": "dh", "न": "n", "प": "p", "फ": "f", "ब": "b", "भ": "bh",
    "म": "m", "य": "y", "र": "r", "ल": "l", "व": "v", "श": "sh", "ष": "sh", "स": "s",
    "ह": "h", "ळ": "l",
}  # fmt: skip
_DEVA_NUKTA = {"क": "q", "ख": "kh", "ग": "g", "ज": "z", "ड": "r", "ढ": "rh", "फ": "f"}
_DEVA_VOWELS = {
    "अ": "a", "आ": "a", "इ": "i", "ई": "i", "उ": "u", "ऊ": "u", "ऋ": "ri", "ए": "e",
    "ऐ": "ai", "ओ": "o", "औ": "au", "ऑ": "o", "ऍ": "e",
}  # fmt: skip
_DEVA_SIGNS = {
    "ा": "a", "ि": "i", "ी": "i", "ु": "u", "ू": "u", "ृ": "ri", "े": "e", "ै": "ai",
    "ो": "o", "ौ": "au", "ॉ": "o", "ॅ": "e",
}  # fmt: skip
_VIRAMA, _NUKTA = "\u094d", "\u093c"
_NASALS = {"\u0902": "n", "\u0901": "n", "\u0903": "h"}

_ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "u", "ئ": "i",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ة": "a", "ى": "a", "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ک": "k",
    "ی": "i", "ے": "e", "ٹ": "t", "ڈ": "d", "ڑ": "r", "ں": "n", "ھ": "h", "ہ": "h", "ۂ": "h", "ۃ": "a",
    "ٴ": "", "ڤ": "v",
}  # fmt: skip


def _romanize_devanagari(word: str) -> str:
    out: list[str] = []
    # An inherent vowel is spoken only if more follows, and Hindi drops it in a
    # vowel-consonant-a-consonant-vowel run (जिनपिंग = jinping, not jinaping).
    pending_a = False
    pending_after_vowel = False
    chars = list(unicodedata.normalize("NFC", word))
    for i, char in enumerate(chars):
        nxt = chars[i + 1] if i + 1 < len(chars) else ""
        if char in _DEVA_CONSONANTS:
            after = chars[i + 2] if nxt == _NUKTA and i + 2 < len(chars) else nxt
            syncope = pending_after_vowel and after in _DEVA_SIGNS
            if pending_a and not syncope:
                out.append("a")
            pending_after_vowel = bool(out) and out[-1][-1] in "aeiou"
            # a nukta under a letter Hindi never writes it under (ञ़) leaves its sound as is
            plain = _DEVA_CONSONANTS[char]
            out.append(_DEVA_NUKTA.get(char, plain) if nxt == _NUKTA else plain)
            pending_a = True
            continue
        if pending_a and char not in _DEVA_SIGNS and char not in (_VIRAMA, _NUKTA):
            out.append("a")
        if char in _DEVA_SIGNS or char in _DEVA_VOWELS:
            out.append(_DEVA_SIGNS.get(char) or _DEVA_VOWELS[char])
        elif char in _NASALS:
            out.append(_NASALS[char])
        elif char not in (_VIRAMA, _NUKTA):
            out.append(char)
        if char != _NUKTA:
            pending_a = False
    return "".join(out)


def _romanize_arabic(word: str) -> str:
    out: list[str] = []
    for i, char in enumerate(word):
        if char in "وي":
            # a consonant at the start or after a long a, otherwise a long vowel
            consonant = i == 0 or word[i - 1] in "اأإآ"
            out.append(
                ("w" if char == "و" else "y") if consonant else ("u" if char == "و" else "i")
            )
        elif char in _ARABIC:
            out.append(_ARABIC[char])
        elif unicodedata.category(char) != "Mn":
            out.append(char)
    return "".join(out)


_ROMANIZERS = {"Devanagari": _romanize_devanagari, "Arabic": _romanize_arabic}


def romanize(text: str, lang: str) -> str:
    """Latin-script rendering of text in a language written in Devanagari or Arabic
    script (by the language's script); others unchanged."""
    romanizer = _ROMANIZERS.get(script_of_language(lang))
    if romanizer is None:
        return text
    return " ".join(romanizer(w) for w in text.split(" "))


# Pronunciations of the Latin letters as Hindi and Arabic news spell out acronyms (CGTN =
# सीजीटीएन = "si ji ti en").
_LETTER_NAMES = {
    "a": "e", "b": "bi", "c": "si", "d": "di", "e": "i", "f": "ef", "g": "ji", "h": "ech",
    "i": "ai", "j": "je", "k": "ke", "l": "el", "m": "em", "n": "en", "o": "o", "p": "pi",
    "q": "kyu", "r": "ar", "s": "es", "t": "ti", "u": "yu", "v": "vi", "w": "dablyu",
    "x": "eks", "y": "vai", "z": "jed",
}  # fmt: skip

# Applied in order to lower-case Latin; merges sounds that Devanagari and Arabic spell
# alike or that English spells many ways. "ch" becomes ç so the soft-c rules below
# leave it alone (China is not "sina"). Arabic writes the "ch" sound تش (tsh: تشاد Chad,
# ريتشارد Richard), and pinyin's zh too (تشو Zhou), so "tsh" is ç as well.
_PHONETIC_RULES = (
    ("ph", "f"), ("sch", "x"), ("tsh", "ç"), ("sh", "x"), ("ch", "ç"), ("zh", "j"), ("th", "t"),
    ("kh", "k"), ("gh", "g"), ("dh", "d"), ("bh", "b"), ("jh", "j"), ("ck", "k"),
    ("q", "k"), ("z", "j"), ("w", "v"),
    ("ce", "se"), ("ci", "si"), ("cy", "si"), ("c", "k"), ("h", ""), ("y", "i"),
)  # fmt: skip


def phonetic_key(latin: str) -> str:
    """Coarse sound key of Latin text: merged consonant classes, vowels reduced to ``a``."""
    text = "".join(c for c in unicodedata.normalize("NFKD", latin.lower()) if c.isalpha())
    # Chinese x (Xi, Xinhua) is written शी / شي: the "sh" sound, kept apart from s as x
    text = text[:1] + text[1:].replace("x", "ks")
    for old, new in _PHONETIC_RULES:
        text = text.replace(old, new)
    out: list[str] = []
    for char in text:
        char = "a" if char in "aeiou" else char
        if not out or out[-1] != char:
            out.append(char)
    # A final vowel is the least stable part of a borrowed name (vaccine = वैक्सीन,
    # Russia = روسيا = "rusia"): dropped once the key has some body.
    if len(out) > 3 and out[-1] == "a":
        out.pop()
    return "".join(out)


_CLOSE_COST = 0.3
_NO_PAIRS: frozenset[frozenset[str]] = frozenset()


@cache
def close_sounds(lang: str) -> frozenset[frozenset[str]]:
    """The sound-key letter pairs that substitute cheaply in ``lang``'s script (its
    language record's ``close_sounds``; the record's default for a language without one)."""
    own = language(lang)
    pairs = own.script.close_sounds if own is not None else ScriptRules().close_sounds
    return frozenset(frozenset(pair) for pair in pairs)


def spelling_similarity(a: str, b: str, close: frozenset[frozenset[str]] = _NO_PAIRS) -> float:
    """1 - normalised edit distance; a substitution within a ``close`` pair costs a
    fraction."""
    if not a or not b:
        return 0.0
    previous = [float(j) for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        current = [float(i)]
        for j, cb in enumerate(b, 1):
            swap = 0.0 if ca == cb else _CLOSE_COST if frozenset((ca, cb)) in close else 1.0
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + swap))
        previous = current
    return 1.0 - previous[-1] / max(len(a), len(b))


def _key_similarity(a: str, b: str, close: frozenset[frozenset[str]]) -> float:
    """Similarity of two phonetic keys, weighing consonants over vowels."""
    consonants_a, consonants_b = a.replace("a", ""), b.replace("a", "")
    # a name of vowels and an h (Ohio = ओहायो, "oaio" both) has no consonants to weigh:
    # two such keys agree in all they have
    consonants = (
        1.0 if not consonants_a and not consonants_b
        else spelling_similarity(consonants_a, consonants_b, close)
    )
    return 0.75 * consonants + 0.25 * spelling_similarity(a, b, close)


def sound_similarity(latin: str, foreign: str, lang: str) -> float:
    """Phonetic-key similarity of a Latin word and a foreign-script one, 0..1.

    An all-capitals acronym is also tried with its letters spelled out (CGTN = सीजीटीएन);
    a single Latin word is also tried against each part of a multi-word rendering.
    """
    romanized = romanize(foreign, lang).replace("-", " ")
    targets = {phonetic_key(romanized)}
    if " " not in latin.strip():
        # one Latin word against each part of a multi-word rendering (अल-सीसी = al-Sisi)
        targets.update(phonetic_key(part) for part in romanized.split())
    sources = {phonetic_key(latin), phonetic_key(latin.removesuffix("s"))}
    # a g before e, i or y may be soft (George = जॉर्ज, Georgia = جورجيا) or hard
    # (Gilbert): both readings are tried
    if _SOFT_G.search(latin):
        sources.add(phonetic_key(_SOFT_G.sub("j", latin)))
    # and a c before e or i may be the Italian "ch" (Fauci = فاوتشي, TICO-19 ar 846)
    if _ITALIAN_C.search(latin):
        sources.add(phonetic_key(_ITALIAN_C.sub("ch", latin)))
    if is_acronym(latin):
        letters = "".join(c for c in latin if c.isalpha())
        sources.add(phonetic_key("".join(_LETTER_NAMES[c] for c in letters.lower())))
    close = close_sounds(lang)
    return max(_key_similarity(a, b, close) for a in sources for b in targets)


_SOFT_G = re.compile(r"g(?=[eiy])", re.IGNORECASE)
_ITALIAN_C = re.compile(r"(?<=[aeiou])c(?=[ei])", re.IGNORECASE)


def is_acronym(latin: str) -> bool:
    """Whether a Latin word reads letter by letter: capitals only (FBI), or short and
    with as many capitals as small letters (CoV, IgG, mRNA; not DeVos), or two letters
    capitalised (Ig)."""
    letters = "".join(c for c in latin if c.isalpha())
    # Latin letters only: "Aअ" is upper case to Python, as uncased letters do not count
    if not letters.isascii() or not 2 <= len(letters) <= 8:
        return False
    if letters.isupper():
        return True
    capitals = sum(c.isupper() for c in letters)
    if len(letters) == 2:
        return letters[0].isupper()
    return capitals >= 2 and capitals >= len(letters) - capitals
