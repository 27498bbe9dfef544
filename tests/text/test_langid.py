from __future__ import annotations

from pathlib import Path

import pytest

from dupcheck.errors import InputError
from dupcheck.text.langid import (
    _foreign_word_start,
    _words_by_script,
    detect_language,
    find_foreign_runs,
    script_of_language,
)
from dupcheck.text.load import normalize_text
from tests.paths import FIXTURES, SHARED

SEED = {p.name[:3]: p for p in (FIXTURES / "seeds").glob("*.txt")}
FLORES = SHARED / "data" / "flores200-dev"
FLORES_LANGS = {"eng_Latn": "en", "hin_Deva": "hi", "urd_Arab": "ur"}


def _seed_text(seed: str) -> str:
    return normalize_text(SEED[seed].read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("seed", "lang"), [("000", "hi"), ("001", "en"), ("002", "en"), ("003", "ar"), ("004", "hi")]
)
def test_seed_languages(seed: str, lang: str) -> None:
    assert detect_language(_seed_text(seed)) == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The government arrested dozens of students.", "en"),
        ("सरकार ने दर्जनों छात्रों को गिरफ्तार किया।", "hi"),
        ("اعتقلت الحكومة العشرات من الطلاب في القاهرة.", "ar"),
        ("حکومت نے درجنوں طلباء کو گرفتار کر لیا ہے۔", "ur"),
        ("Le gouvernement a arrêté des dizaines d'étudiants.", "fr"),
        ("Правительство арестовало десятки студентов в Каире.", "ru"),
        ("รัฐบาลจับกุมนักศึกษาหลายสิบคนในกรุงไคโร", "th"),
    ],
)
def test_short_texts(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["", "2022 17 30", "!!! --- ...", "a", "12:45, 3.5%"])
def test_too_little_signal_raises(text: str) -> None:
    with pytest.raises(InputError, match="too little text"):
        detect_language(text, path="x.txt")


def test_seed_004_english_tweets_are_foreign_runs() -> None:
    text = _seed_text("004")
    runs = find_foreign_runs(text, "hi")
    assert [run.lang for run in runs] == ["en", "en"]
    first, second = (text[run.start : run.end] for run in runs)
    assert first.startswith("China is ready to work with #Russia")
    assert "VFM Ma Zhaoxu met w/ #Russian FM Sergey Lavrov" in first
    assert second.startswith("Xi Jinping has met with Vladimir Putin one-on-one 39 times")
    for run in runs:
        assert not any("\u0900" <= ch <= "\u097f" for ch in text[run.start : run.end])


@pytest.mark.parametrize("seed", ["000", "001", "002", "003"])
def test_single_script_seeds_have_no_foreign_runs(seed: str) -> None:
    text = _seed_text(seed)
    assert find_foreign_runs(text, detect_language(text)) == ()


@pytest.mark.parametrize(
    ("text", "main", "expected"),
    [
        (
            "शी ने कहा कि यह meeting बहुत productive रही।",
            "hi",
            [("meeting", "en"), ("productive", "en")],
        ),
        ("وقال إن NATO تتوسع شرقا.", "ar", [("NATO", "en")]),
        ("The word स्वराज means self-rule.", "en", [("स्वराज", "hi")]),
        ("It was called مرحبا in the text.", "en", [("مرحبا", "ar")]),
        (
            "A single x letter is not a run in हिंदी",
            "hi",
            [("A single x letter is not a run in", "en")],
        ),
        ("सरकार ने कहा कि x और y बराबर हैं।", "hi", []),
    ],
)
def test_untranslated_words(text: str, main: str, expected: list[tuple[str, str]]) -> None:
    runs = find_foreign_runs(text, main)
    assert [(text[r.start : r.end], r.lang) for r in runs] == expected


@pytest.mark.skipif(not FLORES.is_dir(), reason="FLORES-200 dev not at ../shared/data")
@pytest.mark.parametrize(("stem", "lang"), FLORES_LANGS.items())
def test_flores_lines_and_documents(stem: str, lang: str) -> None:
    lines = (FLORES / f"{stem}.dev").read_text(encoding="utf-8").splitlines()
    # measured (benchmarks/bench_langid_candidates.py): 1.0 per line; lines cut to their
    # first 4 words 0.969 en, 0.997 hi, 0.970 ur
    line_accuracy = sum(detect_language(line) == lang for line in lines) / len(lines)
    assert line_accuracy >= 0.99
    heads = [" ".join(line.split()[:4]) for line in lines]
    assert sum(detect_language(head) == lang for head in heads) / len(heads) >= 0.95
    # whole documents: Urdu is never called Arabic, nor anything else
    documents = ["\n".join(lines[i : i + 8]) for i in range(0, len(lines), 8)]
    assert {detect_language(doc) for doc in documents} == {lang}


def test_a_language_in_an_unlisted_script_has_no_foreign_runs_of_its_own() -> None:
    text = "รัฐบาลจับกุมนักศึกษาหลายสิบคนในกรุงไคโร (Cairo) เมื่อวันเสาร์"
    runs = find_foreign_runs(text, detect_language(text))
    assert [(text[r.start : r.end], r.lang) for r in runs] == [("Cairo", "en")]


@pytest.mark.parametrize(
    ("path", "lang"),
    [
        (SEED[seed], lang)
        for seed, lang in (("000", "hi"), ("002", "en"), ("003", "ar"), ("004", "hi"))
    ]
    + [
        (FIXTURES / "flores" / f"dev100.{name}.txt", lang)
        for name, lang in FLORES_LANGS.items()
    ],
    ids=lambda v: getattr(v, "name", v),
)
def test_single_script_shortcut_is_taken_only_for_one_script_text(path: Path, lang: str) -> None:
    """A text where no character can start a foreign word is one whose words are all in the
    main script (the converse need not hold: a tatweel inside an Arabic word is a letter of
    no script, but starts no word); lines of every fixture are tried, with and without a
    word in another script."""
    main = script_of_language(lang)
    lines = normalize_text(path.read_text(encoding="utf-8")).splitlines()
    shortcut_taken = 0
    for line in lines + [line + " CGTN" for line in lines] + [line + " सीजीटीएन" for line in lines]:
        if _foreign_word_start(main).search(line) is None:
            assert all(script == main for _, _, script in _words_by_script(line)), line
            assert find_foreign_runs(line, lang) == ()
            shortcut_taken += 1
    assert shortcut_taken >= len(lines) // 2
