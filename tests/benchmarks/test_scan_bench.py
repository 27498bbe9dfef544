"""The scan benchmark's synthetic collections (benchmarks/scan_bench.py)."""

from __future__ import annotations

from collections import Counter

import pytest

from benchmarks.scan_bench import FLORES, build_collection, read_flores

pytestmark = pytest.mark.skipif(not FLORES.exists(), reason="FLORES-200 dev not in ../shared")


def _name_spread(background: str) -> float:
    """Unrelated documents holding a planted English document's names, per name: names
    (capitalised words) FLORES holds once, which a real archive holds in few documents."""
    docs, planted = build_collection(1000, 0, background)
    counts = Counter(w for line in read_flores()["en"] for w in line.split())
    names = {w for w, c in counts.items() if c == 1 and w[:1].isupper()}
    members = {d for pair in planted for d in pair}
    planted_names = {w for d in docs if d["id"] in members and d["lang"] == "en" for w in d["text"].split()} & names
    spread = sum(1 for d in docs if d["id"] not in members for w in set(d["text"].split()) if w in planted_names)
    return spread / len(planted_names)


@pytest.mark.parametrize(("background", "families"), [
    ("wordfreq", {"translation": 26, "near_duplicate": 26, "partial_overlap": 25}),
    # the collection the benchmark first published figures on, draw for draw
    ("flores", {"translation": 25, "near_duplicate": 25, "partial_overlap": 25}),
])
def test_collection_holds_the_planted_families_and_the_size_asked(background, families):
    docs, planted = build_collection(1000, 0, background)
    ids = {d["id"] for d in docs}
    assert len(docs) == len(ids) == 1000
    assert {d for pair in planted for d in pair} <= ids
    assert Counter(planted.values()) == families


def test_general_frequencies_keep_the_planted_names_rare():
    # drawn at their FLORES frequency (1 in 21,000 for a name seen once), a planted pair's
    # names turn up in unrelated documents of even 1,000 (2.1 each), at their general
    # frequency far less often (0.65)
    general, flores = _name_spread("wordfreq"), _name_spread("flores")
    assert general < 0.5 * flores
    assert flores > 1.5


@pytest.mark.parametrize(("lang", "script"), [("en", r"\p{Latin}"), ("hi", r"\p{Devanagari}"), ("ur", r"\p{Arabic}")])
def test_made_up_words_are_written_in_the_language_s_script(lang, script):
    # names in a Hindi article are written in Devanagari: made-up words of mixed scripts
    # would meet nothing across languages, Latin ones would meet English words by chance
    import random

    import regex

    from benchmarks.scan_bench import Background

    background = Background(read_flores()[lang], lang, random.Random(0), vocabulary=1000)
    words = {background._pseudo_word() for _ in range(300)}
    assert len(words) > 100
    assert all(regex.fullmatch(rf"(?:{script})+", w) for w in words)
