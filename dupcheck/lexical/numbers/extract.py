"""Finding the quantities of a text, with the number words of its language.

The tables (number words, scales, vague magnitudes, bound and percent phrases, ordinal
suffixes) are data in ``dupcheck/languages/``; ``_rules`` builds one pattern from the
tables of the languages a text may use (``languages.with_pivot``), and the functions
here read what it matches. The package docstring says what a quantity is.

Long because one grammar covers digits, number words, ranges, bounds, vague magnitudes
and percentages, and its parts (pattern, evaluation, spelling variants) read the same
compiled rules.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from dupcheck.languages import Language, merged, with_pivot

INF = math.inf


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number or magnitude found in a text; ``start``/``end`` index that text."""

    low: float
    high: float
    text: str
    start: int
    end: int
    #: number, year, decade, percent, ordinal, time, range, magnitude, bound, both, dual
    #: or first_rank
    kind: str

    @property
    def exact(self) -> bool:
        return self.low == self.high


# --- what every language shares -------------------------------------------------------

_DASHES = "-–—"
_MINUS = "-−"
#: signs any text may use: percent signs, and "+" after a number ("30+")
_PERCENT_SIGNS = ("%", "٪")
_PLUS = r"\+"
# Digits: Western (1,000 and 1,051,635) or Indian (1,00,000) grouping, optional decimals; a
# Latin letter or digit right before means an identifier (A1GP), not a quantity, and a
# separator right after a digit means the middle of a number, unless a lone digit follows
# the comma (no grouping has groups of one: "sectors 4, 5,6" lists three); after anything
# else a dot or comma is punctuation ("Rs.70", "था,31").
_DIGITS = (
    r"(?<![\p{Latin}\d_])(?<!\d[.٫])(?:(?<!\d[,٬،])|(?=\d(?!\d)))(?:−|(?<![\p{L}\p{M}\d]\s*)-)?"
    r"(?:\d{1,3}(?:[,٬،]\d{3}){2,}(?!\d)|\d{1,3}(?:[,٬،]\d{2})*[,٬،]\d{3}(?!\d)|\d+)"
    r"(?:[.٫]\d+(?![.,]?\d))?"
)
_TIME = r"(?<![\d:])\d{1,2}:\d{2}(?!\d)"
_TOKEN = regex.compile(
    r"(?P<digits>(?:\d{1,3}(?:[,٬،]\d{3}){2,}(?!\d)|\d{1,3}(?:[,٬،]\d{2})*[,٬،]\d{3}(?!\d))"
    r"(?:[.٫]\d+)?|\d+(?:[.٫]\d+)?)|[\p{L}\p{M}]+"
)
# Western, Arabic and Urdu (Arabic comma) grouping; Arabic decimal separator
_DIGIT_SEPARATORS = str.maketrans({",": None, "٬": None, "،": None, "٫": "."})
_LEFT, _RIGHT = r"(?<![\p{L}\p{M}])", r"(?![\p{L}\p{M}])"
#: currency signs, which may stand between a bound and its number ("more than $30")
_MONEY = r"[$£€¥₹]"
_WORD = regex.compile(r"[\p{L}\p{M}]+")
_BARE_ONE = 1
# longer than any bound phrase before a number ("ما لا يقل عن ", "in excess of ")
_PREFIX_REACH = 24


class _Spelling:
    """The spelling variation of the scripts in play: one-to-one folds (Arabic alefs)
    and marks writers may omit or precompose (the Devanagari nukta)."""

    def __init__(self, languages: Sequence[Language]) -> None:
        self.folds = tuple(dict.fromkeys(p for lang in languages for p in lang.script.fold))
        #: mark → {base letter: precomposed letter}
        self.marks: dict[str, dict[str, str]] = {}
        for lang in languages:
            if lang.script.optional_mark:
                self.marks.setdefault(lang.script.optional_mark, {}).update(lang.script.precomposed)
        self._decomposed = str.maketrans(
            {pre: base for table in self.marks.values() for base, pre in table.items()}
            | {mark: None for mark in self.marks}
        )
        self._combining = str.maketrans(
            {pre: base + mark for mark, table in self.marks.items() for base, pre in table.items()}
        )

    def fold(self, text: str) -> str:
        # str.replace runs in C per character class; str.translate with a dict is far slower
        for variant, plain in self.folds:
            if variant in text:
                text = text.replace(variant, plain)
        return text

    def key(self, word: str) -> str:
        """Lookup key for a number word: lower case, no optional mark."""
        return word.lower().translate(self._decomposed)

    def flexible(self, pattern: str) -> str:
        """The pattern with each optional mark allowed combining, precomposed or left out."""
        out: list[str] = []
        for char in pattern.translate(self._combining):
            table = self.marks.get(char)
            if table is not None and out and out[-1] in table:
                base = out.pop()
                out.append(f"(?:{base}{char}?|{table[base]})")
            else:
                out.append(char)
        return "".join(out)

    def spellings(self, word: str) -> set[str]:
        """The word with each optional mark combining, precomposed and left out."""
        spellings = {word}
        for mark, table in self.marks.items():
            for base, precomposed in table.items():
                combining = base + mark
                spellings |= {
                    variant
                    for spelling in spellings
                    for variant in (
                        spelling.replace(combining, precomposed),
                        spelling.replace(combining, base),
                    )
                }
        return spellings


class _Rules:
    """The compiled number grammar of a set of languages (see ``_rules``)."""

    def __init__(self, languages: Sequence[Language]) -> None:
        tables = [lang.numbers for lang in languages]
        self.spelling = spell = _Spelling(languages)

        def folded(table: Iterable[tuple[str, float]]) -> dict[str, float]:
            return {spell.fold(word): value for word, value in table}

        words = merged(folded(t.words).items() for t in tables)
        words |= {
            word + ending: value
            for t in tables for word, value in folded(t.words).items()
            if value >= 5 and value == int(value) for ending in t.word_ordinals
        }
        scales = merged(folded(t.scales).items() for t in tables)
        after_number = merged(folded(t.scales_after_number).items() for t in tables)
        after_money = merged(folded(t.scales_after_money).items() for t in tables)
        decades = merged(folded(t.decades).items() for t in tables)
        vague = {t.clitics + p: (low, high) for t in tables for p, low, high in t.vague}
        heads = _heads(p for t in tables for p, _, _ in t.vague)

        def alternation(table: Iterable[str]) -> str:
            return "|".join(sorted({spell.fold(w) for w in table}, key=len, reverse=True))

        def phrases(name: str, *shared: str) -> str:
            return "|".join([*(p for t in tables for p in getattr(t, name)), *shared])

        self.word_prefixes = tuple(dict.fromkeys(t.word_prefix for t in tables if t.word_prefix))
        clitics = "|".join(dict.fromkeys(t.clitics for t in tables if t.clitics))
        # clitics are written onto number words of the text's own language (the last, see
        # ``languages.with_pivot``): Urdu reads Arabic's number words, not its clitics
        own = languages[-1]
        attached = "|".join(filter(None, (own.numbers.clitics, *self.word_prefixes)))
        prefix = f"(?:{attached})?" if attached else ""
        #: what may be written onto a number word, whole (stripped before the look-up)
        self.attached = regex.compile(attached) if attached else None
        self.teens = frozenset(spell.key(spell.fold(w)) for t in tables for w in t.teens)
        self.not_numbers = frozenset(spell.key(spell.fold(w)) for t in tables for w in t.not_numbers)
        # so is the dual
        #: (suffix, restored ending) of the text's language, looked up in its lexicon
        self.dual = own.numbers.dual
        self.dual_lexicon = own.code
        suffixes = "|".join(suffix for suffix, _ in self.dual)
        self.dual_word = (
            regex.compile(rf"{_LEFT}(?:{own.numbers.clitics})(\p{{L}}{{2,}}?)(?:{suffixes}){_RIGHT}")
            if self.dual else None
        )
        word = rf"{_LEFT}{prefix}(?:{alternation(words)}|{alternation(scales)}){_RIGHT}"
        not_scale_before = phrases("not_scale_before")
        homograph = rf"(?!\s+(?:{not_scale_before}){_RIGHT})" if not_scale_before else ""
        # after digits or number words alike: "2 अरब" and "दो अरब" are two billion
        scale_after_number = rf"(?:{alternation(after_number)}){_RIGHT}{homograph}" if after_number else ""
        scale_forms = [rf"(?:{alternation(scales)}){_RIGHT}", scale_after_number]
        if after_money:
            scale_forms.append(rf"(?<={_MONEY}\s?[\d.,]+)(?:{alternation(after_money)}){_RIGHT}")
        scale = rf"{_LEFT}{prefix}(?:{'|'.join(filter(None, scale_forms))})"
        sep = "|".join([r"[\s\-]+", *(j for t in tables for j in t.joiners)])
        ordinal = phrases("ordinal")
        articles = [
            rf"{_LEFT}{t.article}\s+(?:{alternation(w for w, _ in t.scales)}){_RIGHT}(?:(?:{sep}){word})*"
            for t in tables if t.article
        ]
        # a scale follows digits after spaces or a hyphen ("$700-billion"), but not the
        # digits of a name's hyphenated number (كوف-2 مليون: "CoV-2 a million")
        scales_after = rf"(?:(?<![\p{{L}}\p{{M}}]-\d+)(?:\s*|-){scale})*"
        # "$300+ billion": the plus of "more than" between the digits and their scale
        plus_scale = rf"(?:{_PLUS}(?=\s*{scale}))?"
        number = "|".join([
            rf"(?:{_DIGITS})(?:{ordinal}|{plus_scale}{scales_after})" if ordinal
            else rf"(?:{_DIGITS}){plus_scale}{scales_after}",
            *articles,
            rf"{word}(?:(?:{sep}){word})*"
            + (rf"(?:(?:{sep}){_LEFT}{prefix}{scale_after_number})?" if after_number else ""),
        ])
        percent = phrases("percent", *_PERCENT_SIGNS)
        core = rf"(?:{number})(?:\s?(?:{percent}){_RIGHT})?"
        # tables list "tens of thousands" before "thousands": alternation takes the first fit
        vague_alt = "|".join(f"(?:{p})" for p in vague)
        more_before, less_before = phrases("more_before"), phrases("less_before")
        decade_words = (
            rf"|(?P<decade>{_LEFT}{prefix}(?:{alternation(decades)}){_RIGHT})" if decades else ""
        )
        pattern = (
            rf"(?:(?P<more>{_LEFT}(?:{more_before})\s+(?:{_MONEY}\s?)?)"
            rf"|(?P<less>{_LEFT}(?:{less_before})\s+(?:{_MONEY}\s?)?))?"
            rf"(?:(?P<time>{_TIME}){decade_words}"
            rf"|(?P<vague>{_LEFT}(?:{vague_alt}){_RIGHT})"
            rf"|(?P<a>{core})(?:\s*(?:[{_DASHES}]|{phrases('range_joins')})\s*(?P<b>{core}))?)"
            rf"(?:(?P<moreafter>\s*(?:{phrases('more_after', _PLUS)}){_RIGHT})"
            rf"|(?P<lessafter>\s*(?:{phrases('less_after')}){_RIGHT}))?"
        )
        values = {**words, **scales, **after_number, **after_money}
        # A superset of where quantities are, found fast: stdlib re on lower-cased text,
        # words as a character trie, no check of the word's end (the full pattern does it).
        anchor_words = {
            spelling.lower()
            # a percent word anchors the one before it, which alone is no anchor ("एक फीसद")
            for w in [*heads, *decades, *_heads(p for t in tables for p in t.percent),
                      *(w for w, value in values.items() if value != _BARE_ONE)]
            for spelling in spell.spellings(spell.fold(w))
        }
        anchor = rf"\d+|(?<!\w)(?:{clitics}){_trie(anchor_words)}(?!\w)"
        ones = alternation(w for w, value in values.items() if value == _BARE_ONE)
        bare_articles = "|".join(t.article for t in tables if t.article)
        opener = (
            rf"{_LEFT}(?:(?:{more_before}|{less_before})\s+)?"
            rf"(?:(?:{'|'.join(filter(None, (bare_articles, ones)))})[\s-]+)?(?:{_MONEY}\s?)?$"
            rf"|[{_MINUS}]$"
        )

        def compiled(p: str) -> regex.Pattern[str]:
            return regex.compile(spell.flexible(p), regex.IGNORECASE)

        self.pattern = compiled(pattern)
        self.values = {spell.key(spell.fold(k)): v for k, v in values.items()}
        self.decades = {spell.key(spell.fold(k)): v for k, v in decades.items()}
        decade_after = phrases("decade_after")
        #: what makes the number before it a decade ("s" of "1960s")
        self.decade_after = compiled(rf"(?:{decade_after})") if decade_after else None
        self.vague = tuple((compiled(p), v) for p, v in vague.items())
        #: a digit or number word: every quantity contains one
        self.anchor = re.compile(anchor)
        #: what may open a quantity before its first anchor ("more than", "a", "−")
        self.opener = compiled(opener)
        #: a word for one, which alone the reader leaves unread (it is also the article)
        self.one = compiled(rf"{_LEFT}(?:{ones}){_RIGHT}") if ones else None
        self.percent = compiled(rf"(?:{percent})$")
        self.ordinal = regex.compile(rf"\d(?:{ordinal})$", regex.IGNORECASE) if ordinal else None
        # "hundred" and "dozen" multiply the words before them; "twelve" (also 12) adds
        self.multipliers = frozenset(spell.key(w) for w, value in scales.items() if value < 1000)
        # "both" is a two only when the other side says two: languages use it at
        # different rates ("the two leaders" → "दोनों नेता"), so alone it is neither
        # missing nor extra
        self.both = frozenset(spell.key(w) for t in tables for w in t.both)
        rank_before = phrases("rank_before")
        #: what makes the number after it a rank ("No. 1")
        self.rank_before = compiled(rf"{_LEFT}(?:{rank_before})\s*$") if rank_before else None


@lru_cache(maxsize=16)
def _rules(languages: tuple[Language, ...]) -> _Rules:
    return _Rules(languages)


def _heads(patterns: Iterable[str]) -> set[str]:
    """First words of the vague-magnitude patterns ("tens" of "tens of thousands"):
    where a magnitude without digits or number words starts."""
    heads = set()
    for pattern in patterns:
        depth = 0
        alternative_starts = [0]
        for i, char in enumerate(pattern):
            depth += {"(": 1, ")": -1}.get(char, 0)
            if char == "|" and not depth:
                alternative_starts.append(i + 1)
        heads |= {
            head.group() for start in alternative_starts if (head := _WORD.match(pattern, start))
        }
    return heads


def _trie(words: Iterable[str]) -> str:
    """An alternation of ``words`` as a character trie: the engine then branches on
    each character instead of trying every word in turn."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        group = f"(?:{'|'.join(branches)})"
        return group + "?" if "" in node else group

    return emit(root)


def _digits_value(digits: str) -> float:
    return float(digits.translate(_DIGIT_SEPARATORS))


def _evaluate(phrase: str, rules: _Rules) -> tuple[float, int] | None:
    """Value of a number phrase ("twenty-five", "1.2 million", "दो लाख पचास हज़ार")
    and how many tokens it has; None when no token is a number."""
    values = rules.values
    total = 0.0
    group = 0.0
    tokens = 0
    for token in _TOKEN.finditer(phrase):
        key = ""
        prefixed = token.group().startswith(rules.word_prefixes) if rules.word_prefixes else False
        if token.group("digits"):
            value = _digits_value(token.group("digits"))
        else:
            key = _known_key(rules.spelling.key(token.group()), rules)
            if key is None:
                continue  # "a", "an"
            value = values[key]
        tokens += 1
        if key in rules.teens and 0 < group % 100 < 10:
            group += value  # أربعة عشر: "four ten" is fourteen
            continue
        joined = prefixed or key in rules.multipliers
        if _cannot_follow(group, value, and_joined=joined):
            group = 0  # "एक तीन पहियों" ("a three-wheeled"): an article, then the number
        if key in rules.multipliers:
            group = (group or 1) * value
        elif value >= 1000:
            total += (group or 1) * value
            group = 0
        else:
            group += value
    if not tokens:
        return None
    return total + group, tokens


def _known_key(key: str, rules: _Rules, table: dict[str, float] | None = None) -> str | None:
    """The key in ``table`` (the number words) of a word, once what is written onto it (a
    conjunction, an article: الثلاثة, وخمسة) is taken off; None for a word that is no number."""
    table = rules.values if table is None else table
    if key in rules.not_numbers:
        return None
    if key in table:
        return key
    if rules.attached is not None:
        for cut in range(1, min(4, len(key))):
            if key[cut:] in table and rules.attached.fullmatch(key[:cut]):
                return key[cut:]
    return None


def _cannot_follow(group: float, value: float, *, and_joined: bool) -> bool:
    """Whether ``value`` cannot add to the running group: "twenty five" and Arabic
    "خمسة وعشرون" (five and twenty) add up, "one three" does not."""
    if not group or value >= 100 or and_joined:
        return False
    units = group % 100
    return bool(units) and (units % 10 != 0 or value >= 10)


def _is_year(value: float, text: str) -> bool:
    return 1900 <= value <= 2100 and value == int(value) and text.strip().isdigit()


def _single(match_text: str, offset: int, rules: _Rules) -> Quantity | None:
    """One number (no range, no bound) from the text of a `core` group."""
    stripped = match_text.rstrip()
    percent = rules.percent.search(stripped)
    number_text = stripped[: percent.start()].rstrip() if percent else stripped
    ordinal = rules.ordinal.search(number_text) if rules.ordinal else None
    if ordinal:
        number_text = number_text[: ordinal.start() + 1]
    evaluated = _evaluate(number_text, rules)
    if evaluated is None:
        return None
    value, tokens = evaluated
    negative = number_text.lstrip()[:1] in _MINUS
    if negative:
        value = -value
    # a word for one stands alone as the article, not before a percent sign ("एक फीसद")
    if value == _BARE_ONE and tokens == 1 and not number_text[:1].isdigit() and not percent:
        return None
    if tokens == 1 and rules.spelling.key(number_text.strip()) in rules.both:
        kind = "both"
    elif percent:
        kind = "percent"
    elif ordinal:
        kind = "ordinal"
    elif _is_year(value, number_text):
        kind = "year"
    else:
        kind = "number"
    return Quantity(value, value, stripped, offset, offset + len(stripped), kind)


def _expand_short_high(low: Quantity, high: Quantity, joiner: str) -> float:
    """1995-96 → 1996: after a dash, a shorter second number replaces the first one's
    last digits ("2014 से 30" is "since 2014, 30")."""
    low_text, high_text = low.text.strip(), high.text.strip()
    if (
        joiner.strip() in _DASHES
        and high.low < low.low
        and low_text.isdigit()
        and high_text.isdigit()
        and len(high_text) < len(low_text)
    ):
        return float(low_text[: len(low_text) - len(high_text)] + high_text)
    return high.low


def says_one(text: str, lang: str) -> bool:
    """Whether ``text`` holds a word for one ("one", एक, واحد) that, standing alone, the
    number reader leaves unread: the language's indefinite article, or "one of"."""
    rules = _rules(with_pivot(lang))
    return rules.one is not None and rules.one.search(rules.spelling.fold(text)) is not None


def extract_quantities(text: str, lang: str) -> tuple[Quantity, ...]:
    """Every number, magnitude, range and bound in ``text``, in order.

    ``lang`` (ISO 639-1) picks the number words besides English, which every language
    gets for code-mixed text; a code no language file describes gets all of them.
    Digits may be ASCII, Devanagari or Arabic-Indic.
    """
    rules = _rules(with_pivot(lang))
    folded = rules.spelling.fold(text)
    found: list[Quantity] = []
    end = 0
    # The full pattern costs microseconds per position, so it is tried only where a
    # quantity can start: at a digit or number word, or at the bound words, "a", "one"
    # or minus sign just before it ("more than 30", "a dozen", "एक लाख", "−5").
    lowered = folded.lower()
    if len(lowered) != len(folded):  # a rare letter whose lower case is longer ("İ")
        lowered = folded
    for anchor_match in rules.anchor.finditer(lowered):
        anchor = anchor_match.start()
        if anchor < end:
            continue
        opener = rules.opener.search(folded, max(end, anchor - _PREFIX_REACH), anchor)
        starts = (opener.start(), anchor) if opener and opener.start() < anchor else (anchor,)
        for start in starts:
            match = rules.pattern.match(folded, start)
            if match and match.end() > anchor:
                found.extend(_from_match(match, text, rules))
                end = match.end()
                break
    if rules.dual_word is not None:
        found = sorted([*found, *_duals(text, folded, found, rules)], key=lambda q: q.start)
    return tuple(_join_descending_scales(found, text, rules))


def _join_descending_scales(found: list[Quantity], text: str, rules: _Rules) -> list[Quantity]:
    """Digits with a scale followed, after a space, by digits with a smaller one add up:
    "2 लाख 44 हज़ार" is 244,000, "1 करोड़ 20 लाख" 12 million (Indian writing groups a
    number by its scales; number words do so within one phrase already). A bound after
    the second part bounds the whole ("2 लाख 44 हज़ार से अधिक")."""
    joined: list[Quantity] = []
    for quantity in found:
        last = joined[-1] if joined else None
        if last is None or last.kind != "number" or not last.exact or text[last.end : quantity.start].strip():
            joined.append(quantity)
            continue
        upper = _scale(last.text, rules, -1)
        lower = _scale(quantity.text, rules, 1)
        # the second part's own number: a lower bound's low edge, an upper bound's high one
        part = quantity.low if quantity.exact or quantity.high == INF else quantity.high
        fits = (quantity.kind == "number" and quantity.exact) or quantity.kind == "bound"
        if not (fits and upper is not None and lower is not None and lower < upper and part < upper):
            joined.append(quantity)
            continue
        total = last.low + part
        low = 0.0 if quantity.kind == "bound" and quantity.low == 0 else total
        high = INF if quantity.high == INF else total
        joined[-1] = Quantity(low, high, text[last.start : quantity.end], last.start, quantity.end, quantity.kind)
    return joined


def _scale(number_text: str, rules: _Rules, at: int) -> float | None:
    """The scale of a thousand or more that a number phrase ends in (``at`` -1: "लाख" of
    "2 लाख") or that follows its first digits (``at`` 1: "हज़ार" of "44 हज़ार से अधिक")."""
    tokens = list(_TOKEN.finditer(number_text))
    if len(tokens) < 2 or (at == 1 and not tokens[0].group("digits")):
        return None
    key = _known_key(rules.spelling.key(rules.spelling.fold(tokens[at].group())), rules)
    value = rules.values.get(key) if key is not None else None
    return value if value is not None and value >= 1000 else None


def _duals(
    text: str, folded: str, found: Sequence[Quantity], rules: _Rules
) -> list[Quantity]:
    """Nouns in the dual (البلدين, مرتين): a two, of kind ``dual``, where the language's
    lexicon knows the noun's stem and not the word itself (سلطان is no dual)."""
    from dupcheck.lexical.lexicon import load_lexicon

    taken = [(q.start, q.end) for q in found]
    duals = []
    for match in rules.dual_word.finditer(folded):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        word = text[match.start(1) : match.end()]
        lexicon = load_lexicon(rules.dual_lexicon)
        for suffix, ending in rules.dual:
            if not word.endswith(suffix):
                continue
            stem = text[match.start(1) : match.end() - len(suffix)] + ending
            if lexicon.knows(stem) and not lexicon.knows(word, lemma=False):
                start, end = match.span()
                duals.append(Quantity(2.0, 2.0, text[start:end], start, end, "dual"))
                break
    return duals


def _from_match(match: regex.Match[str], text: str, rules: _Rules) -> tuple[Quantity, ...]:
    start, end = match.span()
    if match.group("time"):
        hours, minutes = match.group("time").split(":")
        value = int(hours) + int(minutes) / 60
        quantity = Quantity(value, value, "", *match.span("time"), "time")
    elif match.group("vague"):
        # which magnitude matched, judged in place: some look past the words ("scores of")
        span = match.span("vague")
        low, high = next(
            v for p, v in rules.vague if (m := p.match(match.string, span[0])) and m.end() == span[1]
        )
        quantity = Quantity(float(low), float(high), "", *span, "magnitude")
    elif "decade" in match.re.groupindex and match.group("decade"):
        key = _known_key(rules.spelling.key(match.group("decade")), rules, rules.decades)
        tens = rules.decades[key] if key is not None else 0.0
        quantity = Quantity(tens, tens + 9, "", *match.span("decade"), "decade")
    else:
        if _in_title(match, text):
            return ()
        first = _single(match.group("a"), match.start("a"), rules)
        second = _single(match.group("b"), match.start("b"), rules) if match.group("b") else None
        if first is None:
            return ()
        if second is not None:
            joiner = match.string[match.end("a") : match.start("b")]
            high = _expand_short_high(first, second, joiner)
            if high <= first.low:
                # a score (5-3) or a fall (from 5 to 3): two numbers, not a range
                return (_with_text(first, text), _with_text(second, text))
            quantity = Quantity(first.low, high, "", first.start, second.end, "range")
        else:
            quantity = _decade(first, match.string, rules) or _first_rank(first, match.string, rules) or first
    if match.group("more") or match.group("moreafter") or "+" in (match.group("a") or ""):
        quantity = Quantity(quantity.low, INF, "", start, end, "bound")
    elif match.group("less") or match.group("lessafter"):
        quantity = Quantity(0.0, quantity.high, "", start, end, "bound")
    return (_with_text(quantity, text),)


def _decade(number: Quantity, folded: str, rules: _Rules) -> Quantity | None:
    """``number`` as the decade it opens when the language's decade words follow it
    ("1960s", "1970 के दशक"): the years 1960–1969, or 60–69 of "the sixties"."""
    if rules.decade_after is None or number.kind not in ("number", "year") or number.low % 10:
        return None
    after = rules.decade_after.match(folded, number.end)
    if after is None:
        return None
    return Quantity(number.low, number.low + 9, "", number.start, after.end(), "decade")


def _first_rank(number: Quantity, folded: str, rules: _Rules) -> Quantity | None:
    """``number`` as a first rank when it is a one after the language's rank words
    ("No. 1", "number 1"), which ``compare`` does not miss alone."""
    if rules.rank_before is None or number.kind != "number" or number.low != 1 or not number.exact:
        return None
    if rules.rank_before.search(folded, max(0, number.start - _PREFIX_REACH), number.start) is None:
        return None
    return Quantity(1.0, 1.0, number.text, number.start, number.end, "first_rank")


_NEXT_CAPITALISED = regex.compile(r"[ \t]+\p{Lu}")


def _in_title(match: regex.Match[str], text: str) -> bool:
    """A capitalised number word before another capitalised word is part of a name
    ("Six Days in Fallujah", "The Two Towers"), which translations transliterate."""
    return (
        text[match.start()].isupper()
        and not match.group("a")[:1].isdigit()
        and _NEXT_CAPITALISED.match(text, match.end()) is not None
    )


def _with_text(quantity: Quantity, text: str) -> Quantity:
    surface = text[quantity.start : quantity.end]
    stripped = surface.strip()
    lead = len(surface) - len(surface.lstrip())
    start = quantity.start + lead
    return Quantity(
        quantity.low, quantity.high, stripped, start, start + len(stripped), quantity.kind
    )
