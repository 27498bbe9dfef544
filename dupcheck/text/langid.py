"""Language of a document and of the foreign-language runs embedded in it.

Script (Unicode blocks) is the first signal: it separates Hindi, Arabic-script and Latin
text for free and finds embedded runs (English tweets inside a Hindi article). Within a
script, py3langid decides (en vs fr, ar vs ur vs fa). On FLORES-200 dev lines it scores
0.999/0.998/1.0 (en/hi/ur) where lingua's high-accuracy mode scores 0.994/0.978/1.0
(Hindi lost to Marathi), and it loads in 0.5 s and ~130 MB where lingua needs 10 s and
~1.2 GB (1.4 s and ~260 MB restricted to 11 languages, still 0.978 on Hindi);
benchmarks/bench_langid_candidates.py.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import regex

from dupcheck.errors import InputError
from dupcheck.languages import language, languages
from dupcheck.records import Span

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

#: fewest letters from which a language is named rather than guessed
MIN_LETTERS = 3
#: a foreign run shorter than this (in letters) takes its script's usual language: the
#: classifier is unreliable on one or two words
MIN_CLASSIFIED_LETTERS = 40
#: below this many characters a text is short, and the script's desk language is preferred
#: while its probability is at least _PLAUSIBLE (Arabic script has none: ar and ur are both
#: desk languages)
_SHORT_TEXT_CHARS = 200
_PLAUSIBLE = 0.05
#: how much of a document's head is scanned for its dominant script
_SCAN_CHARS = 200_000
#: enough text to name a document's language; classifying megabytes adds nothing
_SAMPLE_CHARS = 20_000

_SCRIPT_NAMES = ("Latin", "Devanagari", "Arabic", "Han", "Cyrillic", "Bengali", "Hebrew", "Greek")
#: a word, in a named group for its script (of its first letter); "Other" for the rest
_SCRIPT_WORD = regex.compile(
    "|".join(rf"(?P<{name}>\p{{Script={name}}}[\p{{L}}\p{{M}}]*)" for name in _SCRIPT_NAMES)
    + r"|(?P<Other>\p{L}[\p{L}\p{M}]*)"
)
#: the language a run in this script most likely is, when it is too short to classify, for
#: scripts no language file claims (``script_default`` in ``dupcheck/languages/``)
_SCRIPT_DEFAULT = {
    "Han": "zh",
    "Cyrillic": "ru",
    "Bengali": "bn",
    "Hebrew": "he",
    "Greek": "el",
}
#: the script of each non-Latin language py3langid knows; any other language is Latin
_SCRIPT_LANGS = {
    "Devanagari": "hi mr ne sa gom",
    "Arabic": "ar ur fa ps ug sdh",
    "Cyrillic": "ru uk bg be sr mk kk ky mn ba tt tg",
    "Han": "zh ja",
    "Bengali": "bn as",
    "Hebrew": "he hbo",
    "Greek": "el grc",
    "Other": "am dz gu hy ka km kn ko lo ml my or pa si ta te th",
}
_LANG_SCRIPT = {lang: script for script, langs in _SCRIPT_LANGS.items() for lang in langs.split()}
#: py3langid labels that are varieties of an ISO 639-1 language; "zxx" (no language) is
#: never an answer
_ALIASES = {"ary": "ar", "arz": "ar", "yue": "zh", "wuu": "zh", "uzs": "uz"}
_NOT_A_LANGUAGE = "zxx"


@cache
def _foreign_word_start(script: str) -> regex.Pattern[str]:
    """A character that can start a word of another script than ``script`` (one of
    ``_SCRIPT_NAMES``): a character of another named script, or any letter of a script
    other than ``script``. Where none occurs, every word is in ``script``."""
    others = "".join(rf"\p{{Script={name}}}" for name in _SCRIPT_NAMES if name != script)
    return regex.compile(rf"[{others}]|[\p{{L}}--\p{{Script={script}}}]", regex.V1)


def _words_by_script(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), str(m.lastgroup)) for m in _SCRIPT_WORD.finditer(text)]


@cache
def _identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _classify(text: str, script: str) -> str:
    """Most likely language of ``text`` among those written in ``script``.

    On short text a close sibling often wins (Marathi or Nepali for Hindi); there the
    desk's language for the script is kept while it is still plausible. FLORES dev lines
    cut to 4 words: Hindi 84% -> 99.9%, English 93% -> 97%.
    """
    sample = text[:_SAMPLE_CHARS]
    ranked = [
        (_ALIASES.get(str(lang), str(lang)), float(p))
        for lang, p in _identifier().rank(sample)
        if lang != _NOT_A_LANGUAGE
    ]
    in_script = [(lang, p) for lang, p in ranked if script_of_language(lang) == script]
    if not in_script:
        return _script_default(script) or ranked[0][0]
    prior = _short_text_prior(script)
    if prior and len(sample) < _SHORT_TEXT_CHARS and dict(in_script).get(prior, 0.0) >= _PLAUSIBLE:
        return prior
    return in_script[0][0]


def script_of_language(lang: str) -> str:
    """The script a language is normally written in (Latin unless known otherwise)."""
    own = language(lang)
    return own.script.name if own is not None else _LANG_SCRIPT.get(lang, "Latin")


def _script_default(script: str) -> str | None:
    """The language a short run of ``script`` is taken to be in."""
    claimed = [lang.code for lang in languages() if lang.script_default and lang.script.name == script]
    return claimed[0] if claimed else _SCRIPT_DEFAULT.get(script)


def _short_text_prior(script: str) -> str | None:
    """The language a short text of ``script`` is taken to be in while it is plausible."""
    claimed = [lang.code for lang in languages() if lang.short_text_prior and lang.script.name == script]
    return claimed[0] if claimed else None


def detect_language(text: str, *, path: str = "<text>") -> str:
    """ISO 639-1 code of the language most of ``text`` is written in.

    Only words in the dominant script are classified, so embedded runs in another script
    (English tweets in a Hindi article) do not sway the answer. Raises ``InputError``
    when the text has too few letters to tell (only digits, punctuation, one letter).
    """
    words = _words_by_script(text[:_SCAN_CHARS])
    letters: dict[str, int] = {}
    for start, end, script in words:
        letters[script] = letters.get(script, 0) + end - start
    if sum(letters.values()) < MIN_LETTERS:
        raise InputError(path, "too little text to detect its language (state it: --source-lang or --target-lang, or a manifest's \"lang\")")
    dominant = max(letters, key=letters.__getitem__)
    sample = " ".join(text[s:e] for s, e, script in words if script == dominant)
    return _classify(sample, dominant)


#: share of a text's letters below which it does not use a script
_LEAST_SCRIPT_SHARE = 0.1


def check_declared_language(text: str, lang: str, *, path: str = "<text>") -> str | None:
    """Check a stated language against the text: an ``InputError`` when the text is not in
    the language's script (Arabic script stated as Hindi), a warning when the detector names
    another language of that script (Urdu stated as Arabic), else ``None``.

    Languages whose script is not known here, and texts too short to tell, are trusted.
    """
    if lang not in _LANG_SCRIPT:
        return None
    words = _words_by_script(text[:_SCAN_CHARS])
    letters: dict[str, int] = {}
    for start, end, script in words:
        letters[script] = letters.get(script, 0) + end - start
    if sum(letters.values()) < MIN_LETTERS:
        return None
    dominant = max(letters, key=letters.__getitem__)
    expected = script_of_language(lang)
    # a Hindi article may quote English at length (or carry markup): only a text that
    # barely uses the language's script is in the wrong one
    if letters.get(expected, 0) < _LEAST_SCRIPT_SHARE * sum(letters.values()):
        raise InputError(
            path, f"stated to be in {lang!r}, written in {expected} script, but the text is in {dominant} script"
        )
    if dominant != expected:
        return None
    detected = _classify(" ".join(text[s:e] for s, e, script in words if script == dominant), dominant)
    if detected != lang:
        return f"{path}: stated to be in {lang!r}, but the text reads as {detected!r}"
    return None


def find_foreign_runs(text: str, main_lang: str) -> tuple[Span, ...]:
    """Stretches of ``text`` written in a script other than ``main_lang``'s.

    A run spans from its first to its last foreign word and may cross punctuation, digits
    and line breaks, but never a word in the main script. Single letters are ignored.
    Text in the main language's own script (French inside English) is not detected.
    """
    main_script = script_of_language(main_lang)
    # most documents are in one script: a search in C then spares listing every word
    if main_script in _SCRIPT_NAMES and not _foreign_word_start(main_script).search(text):
        return ()
    runs: list[Span] = []
    run: list[tuple[int, int, str]] = []

    def close() -> None:
        n_letters = sum(e - s for s, e, _ in run)
        if n_letters < 2:
            return
        start, end = run[0][0], run[-1][1]
        runs.append(Span(start, end, _run_language(text[start:end], run, n_letters)))

    for word in _words_by_script(text):
        if word[2] == main_script:
            if run:
                close()
                run = []
        else:
            run.append(word)
    close()
    return tuple(runs)


def _run_language(run_text: str, words: list[tuple[int, int, str]], n_letters: int) -> str:
    counts: dict[str, int] = {}
    for s, e, script in words:
        counts[script] = counts.get(script, 0) + e - s
    script = max(counts, key=counts.__getitem__)
    default = _script_default(script) or "und"
    if n_letters < MIN_CLASSIFIED_LETTERS:
        return default
    return _classify(run_text, script)
