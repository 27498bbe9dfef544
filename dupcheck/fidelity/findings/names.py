"""Names of the source with no counterpart in the translation."""

from __future__ import annotations

import unicodedata
from collections.abc import Container, Iterable, Iterator, Sequence
from functools import cache
from string import ascii_lowercase

from dupcheck.fidelity.findings.base import CheckedPair, Detector, PairView
from dupcheck.fidelity.wordalign import NAME_MATCH
from dupcheck.languages import PIVOT, language
from dupcheck.lexical.lexicon import (
    LANGS,
    Lexicon,
    english_lemma,
    foreign_keys,
    is_given_name,
    is_place,
    load_lexicon,
    name_similarity,
)
from dupcheck.lexical.pivot import Word, is_english_word
from dupcheck.lexical.translit import is_acronym, phonetic_key, romanize, sound_similarity
from dupcheck.records import Finding, FindingType, Severity

#: abbreviated titles and ranks, and Indian English's "Std." (standard, a school class):
#: capitalised, so read as names, but a translation renders them as words (Lt →
#: लेफ्टिनेंट, MP → सांसद, Dr → डॉ., "12th. Std." → "कक्षा 12वीं") or leaves them out
TITLES = frozenset({
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Lt", "Gen", "Col", "Maj", "Capt", "Cpt", "Sgt",
    "Cpl", "Adm", "Cmdr", "Brig", "Sen", "Rep", "Gov", "Pres", "Rev", "Fr", "St", "Jr", "Sr",
    "Hon", "Insp", "Supt", "Const", "MP", "MPs", "MLA", "MLAs", "PM", "Std",
})  # fmt: skip
#: a name may be written as up to this many words (acronyms letter by letter: FBI →
#: إف بي آي, ECDC → إي سي دي سي; a long name split: Snowden → स्नो डेन)
_RUN_WORDS = 4
#: the confidence of a missing acronym: translators write acronyms out in full (ARDS →
#: متلازمة الضائقة التنفسية الحادة, JAK → جانوس كيناز), and nothing tells that from a dropped
#: one: the acronym's best similarity in context is no lower when it is dropped (ROC AUC
#: 0.40 on TICO-19 ar, benchmarks/name_calibration.py), so it is reported below the gate
ACRONYM_CONFIDENCE = 0.45
#: how alike a word the lexicon translates must sound to a name to write it: a name's
#: variant spelling is 0.5 alike, but so is some word of nearly half of all unrelated
#: sentences (Putin and भुगतान, "payment", 0.54), and a word with a meaning of its own
#: seldom spells a name. benchmarks/names_bench.py, first 2,000 lines: a random line
#: writes a name by one word for 0.33 of WMT14 hi's names, not 0.45, and of TICO-19 ar's,
#: 0.33, not 0.50; names written in their own line's translation fall from 0.979 to 0.970
#: and from 0.888 to 0.820, most of those by a look-alike with a meaning (HCoV by خاص
#: "special", PCR by ظهور "appearance"), that is, by chance
TRANSLATED_WORD_SPELLING = 0.65


class MissingNames(Detector):
    """Names in the source with no counterpart in the aligned translation.

    A name spelled only roughly alike across scripts is a transliteration variant
    (Washington / वॉशिगंटन), not a finding; so is a run of up to four target words that
    writes it out closely (بي بي سي for BBC). Titles (Lt, Dr, MP) are not names. A name the
    whole translation never writes is major; one written elsewhere in it (moved to
    another sentence) is minor. The confidence falls as the nearest spelling in the
    sentence comes closer to a variant: a name nothing resembles is surely missing.
    """

    type = FindingType.ENTITY
    #: this alike across scripts: a variant spelling of the same name
    variant = 0.5

    def inspect(self, pair: CheckedPair, view: PairView) -> Iterable[Finding]:
        if not (view.bead.source and view.bead.target):
            return
        for i, nearest, bar in unwritten_names(view, pair.target.lang, self.variant):
            w = view.words.source[i]
            elsewhere = _written_near(pair, view, w)
            # nothing alike: surely missing; nearly a variant: perhaps a spelling the
            # sound keys do not cover
            confidence = 1.0 - 0.6 * nearest / bar
            evidence = f"; nearest spelling there {nearest:.2f} alike (a variant: {bar})"
            if is_acronym(w.text):
                confidence = min(confidence, ACRONYM_CONFIDENCE)
                evidence += "; an acronym, which a translation may write out in full"
            yield self._finding(
                Severity.MINOR if elsewhere else Severity.MAJOR, "entity.missing", view,
                f'name "{w.text}" has no counterpart in the aligned translation'
                + (" (it appears elsewhere in the translation)" if elsewhere else " nor near it")
                + evidence,
                source_text=w.text, source_span=(w.start, w.end), confidence=confidence,
            )


def unwritten_names(view: PairView, lang: str, variant: float) -> Iterator[tuple[int, float, float]]:
    """(source word, the nearest spelling of it across, how alike a spelling had to be)
    for each name of the bead that no target word, nor run of up to four, writes. The bar
    is ``variant``, or for a place the lexicon renders (China = चीन), whose rendering is
    not there, a name link's ``NAME_MATCH``: a short place sounds like much (China and
    तीन, "three", are 0.54 alike)."""
    words = view.words
    rules = language(lang)
    written_onto = (
        (rules.words.honorifics + rules.words.name_prefixes, rules.words.joined_after) if rules else ((), ())
    )
    # every target word counts, matched or not: a lexicon link may have taken the
    # name's rendering for an ordinary word (जॉर्ज is also "gorge")
    target = [w for w in words.target if w.text]
    texts = [w.text for w in target]
    free = [w.text for w in target if w.content]
    translated = {w.text for w in target if w.content and w.meanings}
    # a run with a function word in it (ने कहा और, "said and") is no spelling of a name,
    # however it sounds (Hungary, 0.81), unless a word of it is one the lexicon does not
    # know (a split name: स्नो डेन); an acronym's letter names may be anything (إف بي آي)
    content = [w.content for w in target]
    unknown = [w.content and not w.meanings for w in target]
    spelled = _runs(texts, content, unknown, _RUN_WORDS)
    # the consonants of each target word, romanised only once a name needs them, and
    # what the target words mean
    initials: set[str] | None = None
    meanings: frozenset[str] | None = None
    english = language(PIVOT).words
    calendar = _calendar_names()
    # a title or clitic written onto a name (श्रीस्ट्रॉ: "Mr Strö-"; بهوبي: "in Hubei") or a
    # conjunction after it (जीबुझांऔर: "Guebuza and") is left off, the word as written
    # tried too (श्रीलंका is Sri Lanka)
    bare = [_bare(t, *written_onto) for t in texts]
    if bare != texts:
        free += sorted({b for b, w in zip(bare, target) if w.content} - set(free))
        translated |= {b for b, w in zip(bare, target) if w.text in translated}
        spelled += _runs(bare, content, unknown, _RUN_WORDS)
    # so is a word run onto a name without its space (अधिकांशसोफा ला: "most Sofala"); what
    # is left is a guess, so it must spell the name as closely as a run of words does
    if rules and rules.words.run_on_words and lang in LANGS:
        lexicon = load_lexicon(lang)
        tails = [_run_on_tail(b, lexicon) if u else b for b, u in zip(bare, unknown)]
        if tails != bare:
            spelled += [(t, True) for t, b in zip(tails, bare) if t != b]
            spelled += _runs(tails, content, unknown, _RUN_WORDS)
    for i, w in enumerate(words.source):
        # capitalised dictionary words ("Geological Survey") are not names to miss, but
        # the dictionary's countries and great cities are ("Beijing" → मास्को), even where
        # the lexicon renders them (China → चीन, Beijing → بكين) and was not linked; so
        # are first names the lexicon spells (Vladimir → فلاديمير) and those that are no
        # common word, at any place in the sentence ("Kate" → सारा)
        place = is_place(w.text)
        spelt = place or w.text not in calendar and (
            is_given_name(w.text) or i and _spelt_by_sound(w, lang)
        )
        if (
            not (w.name or spelt) or i in words.source_matched or w.text.rstrip(".") in TITLES
            or is_english_word(w.text) and not spelt
        ):
            continue
        stems = _renderings(w.text, lang) if spelt else frozenset()
        if _derived_written(stems, texts, lang):
            continue
        # a place the lexicon renders as a word is not written by what merely sounds
        # like it (China and तीन); a name it spells by sound is, as any variant is
        # (Macau: ماكو in the lexicon, ماكاو in TICO-19)
        nearest, bar = nearest_spelling(
            w.text, free, translated, lang, NAME_MATCH if place and stems else variant
        )
        # a run of words sounds like many things in part: it must sound like the name
        # as closely as a name link does
        acronym = is_acronym(w.text)
        if nearest >= bar or any(
            name_similarity(w.text, run, lang) >= NAME_MATCH for run, open_ in spelled if open_ or acronym
        ):
            continue
        # a name of two or three words may be written as one (Sri Lanka = سريلانكا,
        # New Zealand = نيوزيلندا): the whole name must then be written as closely
        wholes = _whole_names(words.source, view.source_text, i)
        if any(name_similarity(whole, t, lang) >= NAME_MATCH for whole in wholes for t in free):
            continue
        # or by its words' initial sounds (Madhya Pradesh = मप्र, as Hindi news writes
        # states), and a name that shortens a word of its own sentence ("Ang" of
        # "angiotensin") may be written out as that word
        if _shortens(w, words.source):
            continue
        # a capitalised word the dictionary does not know may be the source's typo of a
        # word the translation renders ("Transportaion" and परिवहन, "transport")
        if meanings is None:
            meanings = frozenset(m for t in words.target for m in t.meanings)
        if misspelt_word(w.text, meanings, english.derivations):
            continue
        if initials is None:
            initials = {_skeleton(romanize(t, lang)) for t in free}
        if any(_initials(whole) in initials for whole in wholes):
            continue
        yield i, nearest, bar


def nearest_spelling(
    name: str, words: Iterable[str], translated: Container[str], lang: str, bar: float
) -> tuple[float, float]:
    """(how alike the word nearest to writing ``name`` is, how alike it had to be): the
    word coming closest to its bar, which is ``bar``, or at least
    ``TRANSLATED_WORD_SPELLING`` for a word in ``translated`` (one the lexicon gives a
    meaning)."""
    nearest = (0.0, bar)
    for word in words:
        alike = name_similarity(name, word, lang)
        own_bar = max(bar, TRANSLATED_WORD_SPELLING) if word in translated else bar
        if alike / own_bar > nearest[0] / nearest[1]:
            nearest = (alike, own_bar)
    return nearest


@cache
def _calendar_names() -> frozenset[str]:
    """The English weekdays and months: the calendar check's, which weighs a dropped one
    as minor, so never names to miss; abbreviations also as a word without its point
    ("1 Jan", which is a first name too)."""
    calendar = language(PIVOT).calendar
    return frozenset(
        spelling for names in (*calendar.days, *calendar.months) for name in names
        for spelling in (name, name.rstrip("."))
    )


def _spelt_by_sound(word: Word, lang: str) -> bool:
    """Whether a capitalised word is a name the lexicon spells: it renders it, and every
    rendering sounds like it as a name link does (Vladimir → فلاديمير, Donald → دونالد).
    An ordinary word has a rendering that translates it besides any loan (Authority →
    प्राधिकरण beside ऑथोरिटी; Macron → المد, "the prolongation mark")."""
    if not word.text[:1].isupper():
        return False
    renderings = _renderings(word.text, lang)
    return bool(renderings) and all(sound_similarity(word.text, r, lang) >= NAME_MATCH for r in renderings)


#: the shortest rendering of a place whose derived words count as writing it
_MIN_PLACE_STEM = 3


def _renderings(place: str, lang: str) -> frozenset[str]:
    """The lexicon's renderings of a place or name (चीन of China, فلاديمير of Vladimir), none
    for a language without a lexicon."""
    return load_lexicon(lang).renderings(place) if lang in LANGS else frozenset()


def _derived_written(stems: frozenset[str], texts: Sequence[str], lang: str) -> bool:
    """Whether a translation word derives from one of a place's renderings ``stems``: its
    adjective ("of China" → الصينية, चीनी, "Chinese"; भारतीय of भारत), which translators
    write for the name."""
    long_enough = [r for r in stems if len(r) >= _MIN_PLACE_STEM]
    return any(key.startswith(stem) for t in texts for key in foreign_keys(t, lang) for stem in long_enough)


#: the shortest word a name is taken to misspell: a shorter one is a letter away from
#: many real names (Sood and "good", Aden and "aren")
_MIN_MISSPELT = 7


def misspelt_word(name: str, meanings: frozenset[str], derivations: Iterable[str]) -> str | None:
    """The English word of ``_MIN_MISSPELT`` letters or more that ``name`` misspells by a
    letter left out or typed in ("Distrct", "Novemeber", "Transportaion"), where
    ``meanings`` (the translation's) hold its lemma or the lemma of its base without one
    of the ``derivations`` ("transport" of "transportation"); None for any other name.

    A real name lies one letter from a long English word often enough (Jodhpur and
    "jodhpurs", Gujarat and "gujarati"), but that word's meaning is then rarely in the
    translation of its sentence: of 1,531 capitalised words no dictionary knows in the
    English of WMT14, TICO-19 and FLORES dev, this finds the three typos against their
    Hindi, and no name; of 217 against TICO-19's Arabic, one, the "Institut" of
    Institut Pasteur, which the Arabic translates (معهد, "institute")."""
    word = name.lower()
    splits = [(word[:k], word[k:]) for k in range(len(word) + 1)]
    candidates = {a + b[1:] for a, b in splits if b} | {a + c + b for a, b in splits for c in ascii_lowercase}
    for candidate in sorted(candidates):
        if len(candidate) < _MIN_MISSPELT or not is_english_word(candidate):
            continue
        bases = {english_lemma(candidate)} | {
            english_lemma(candidate[: -len(ending)]) for ending in derivations
            if candidate.endswith(ending) and is_english_word(candidate[: -len(ending)])
        }
        if bases & meanings:
            return candidate
    return None


def _whole_names(words: Sequence[Word], text: str, i: int, longest: int = 3) -> list[str]:
    """The runs of 2 to ``longest`` capitalised words, one space apart in ``text``, that
    hold word ``i``, as written (a part of a name may be a known word: Lanka)."""

    def joined(a: int, b: int) -> bool:
        return words[b].text[:1].isupper() and text[words[a].end : words[b].start] == " "

    first = last = i
    while first > 0 and joined(first - 1, first) and words[first - 1].text[:1].isupper():
        first -= 1
    while last + 1 < len(words) and joined(last, last + 1):
        last += 1
    return [
        text[words[a].start : words[b].end]
        for a in range(max(first, i - longest + 1), i + 1)
        for b in range(max(a + 1, i), min(last, a + longest - 1) + 1)
    ]


#: the fewest consonants initials must have to be read as a name's (पर "on" has two)
_MIN_INITIALS = 3


def _skeleton(latin: str) -> str:
    """The consonants of a word's sound key."""
    return phonetic_key(latin).replace("a", "")


def _initials(whole: str) -> str | None:
    """The consonants that open each word of a name of two or more words ("m" + "pr" of
    Madhya Pradesh), or None where they are too few to tell a name by."""
    parts = whole.split()
    onsets = "".join(phonetic_key(part).split("a", 1)[0] for part in parts)
    return onsets if len(parts) > 1 and len(onsets) >= _MIN_INITIALS else None


def _shortens(name: Word, source: Sequence[Word]) -> bool:
    """Whether another word of the sentence begins with the name and is longer by two
    letters or more: the name abbreviates it ("Ang" and "angiotensin")."""
    short = name.text.lower()
    return len(short) >= 2 and any(
        w is not name and len(w.text) >= len(short) + 2 and w.text.lower().startswith(short) for w in source
    )


#: a word run onto the next without its space is read as two where the first is a word
#: of the lexicon this long, and what follows it this long (in code points)
_RUN_ON_HEAD = 3
_RUN_ON_TAIL = 3


def _bare(text: str, fronts: tuple[str, ...], conjunctions: tuple[str, ...]) -> str:
    """``text`` without a title or clitic written onto its front or a conjunction onto its
    end, where a name is left between them."""
    for front in fronts:
        if text.startswith(front) and len(text) > len(front) + 1:
            text = text[len(front):]
            break
    for conjunction in conjunctions:
        if text.endswith(conjunction) and len(text) > len(conjunction) + 1:
            return text[: -len(conjunction)]
    return text


def _run_on_tail(text: str, lexicon: Lexicon) -> str:
    """What follows the longest word of ``lexicon`` at the front of ``text``, a word it
    does not know, typed on without a space; ``text`` itself where no such word is there.
    The cut never leaves a combining mark (a vowel sign) at the tail's front."""
    for cut in range(len(text) - _RUN_ON_TAIL, _RUN_ON_HEAD - 1, -1):
        if not unicodedata.category(text[cut]).startswith("M") and lexicon.knows(text[:cut], lemma=False):
            return text[cut:]
    return text


def _runs(
    texts: list[str], content: list[bool], unknown: list[bool], longest: int
) -> list[tuple[str, bool]]:
    """Every run of 2 to ``longest`` consecutive words, joined by spaces, with whether it
    may spell a name that is no acronym: all its words are ``content`` words, or one is
    ``unknown`` to the lexicon."""
    return [
        (" ".join(texts[k : k + n]), all(content[k : k + n]) or any(unknown[k : k + n]))
        for n in range(2, longest + 1) for k in range(len(texts) - n + 1)
    ]


def _written_near(pair: CheckedPair, view: PairView, name: Word, reach: int = 2) -> bool:
    """Whether the translation writes the name: its sound key anywhere, or a spelling
    alike enough within ``reach`` sentences of the pair (a sentence moved nearby)."""
    if name.name in pair.target_pivot.vocabulary:
        return True
    first, last = min(view.bead.target) - reach, max(view.bead.target) + reach
    near = pair.target_pivot.words[max(first, 0) : last + 1]
    return any(
        name_similarity(name.text, w.text, pair.target.lang) >= NAME_MATCH
        for sentence in near for w in sentence if w.text and w.content
    )
