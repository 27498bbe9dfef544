"""Real translations cut into documents (benchmarks/corpora.py), and the synthetic errors
injected into Arabic as into Hindi (benchmarks/synth.py)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import regex

from benchmarks.corpora import SETS, Corpus, documents, part, read_parallel, read_set
from benchmarks.synth import (
    DROPPED_CLAUSE,
    INJECTED_TYPES,
    NUMBER,
    _change_number,
    _drop_clause,
    _split,
    _split_point,
    error_pairs,
)
from tests.paths import SHARED

DATA = SHARED / "data"


def _corpus(name: str) -> Corpus:
    folder, _, target, _ = SETS[name]
    if not (DATA / folder / target).exists():
        pytest.skip(f"{name} not found under {DATA}")
    return read_set(name, DATA)


@pytest.mark.parametrize("name", ["tatoeba-hi", "tatoeba-ar"])
def test_a_mixed_set_is_its_set_shuffled_with_each_line_kept_beside_its_translation(name: str) -> None:
    sorted_lines, mixed = _corpus(name), _corpus(f"{name}-mixed")
    assert mixed.english != sorted_lines.english
    assert sorted(zip(mixed.english, mixed.target)) == sorted(zip(sorted_lines.english, sorted_lines.target))
    assert mixed == _corpus(f"{name}-mixed")  # the same order every time


@pytest.mark.parametrize("name", sorted(SETS))
def test_documents_are_consecutive_lines_of_the_set(name: str) -> None:
    corpus = _corpus(name)
    docs = documents(corpus, seed=1)
    assert docs == documents(corpus, seed=1)
    assert docs != documents(corpus, seed=2)
    line = 1
    for doc in docs:
        assert doc.first_line == line
        assert doc.lang == SETS[name][3] and doc.corpus == name
        assert 15 <= len(doc.source) == len(doc.target) <= 25
        start = doc.first_line - 1
        assert doc.source == corpus.english[start : start + len(doc.source)]
        assert doc.target == corpus.target[start : start + len(doc.target)]
        line += len(doc.source)
    # all the set but a remainder shorter than a document
    assert 0 <= len(corpus.english) - (line - 1) < 15


def test_parts_alternate_and_cover_the_documents() -> None:
    corpus = Corpus(tuple(f"line {n}" for n in range(200)), tuple(f"पंक्ति {n}" for n in range(200)))
    docs = documents(corpus)
    calibration, report = part(docs, "calibration"), part(docs, "report")
    assert calibration == docs[0::2] and report == docs[1::2]
    assert not set(calibration) & set(report)
    with pytest.raises(ValueError, match="part must be one of"):
        part(docs, "test")


def test_unequal_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "en").write_text("one\ntwo\n", encoding="utf-8")
    (tmp_path / "ar").write_text("واحد\n", encoding="utf-8")
    with pytest.raises(ValueError, match="1 lines but 2"):
        read_parallel(tmp_path / "en", tmp_path / "ar", "ar")


# --- Arabic errors ---------------------------------------------------------------------

# TICO-19 en–ar line 4 (CC0), and the same sentence with its digits written Arabic-Indic
ENGLISH = (
    "On 31 December 2019, a cluster of pneumonia cases of unknown etiology was reported "
    "in Wuhan City, Hubei Province, China."
)
ARABIC = (
    "في 31 ديسمبر 2019، تم الإبلاغ عن مجموعة من حالات الالتهاب الرئوي لمسببات مرضية "
    "غير معروفة في مدينة ووهان، بمقاطعة هوبي، في الصين."
)
ARABIC_INDIC = ARABIC.replace("31", "٣١").replace("2019", "٢٠١٩")


@pytest.mark.parametrize(("target", "digits"), [(ARABIC, r"[0-9]+"), (ARABIC_INDIC, r"[٠-٩]+")])
def test_a_changed_number_keeps_the_translations_digits(target: str, digits: str) -> None:
    for seed in range(10):
        altered, note, inserted = _change_number(ENGLISH, target, random.Random(seed))
        assert regex.fullmatch(digits, inserted), note
        assert inserted in altered and altered != target
        assert len(regex.findall(digits, altered)) == 2


def test_a_clause_is_dropped_at_the_arabic_comma() -> None:
    seen = set()
    for seed in range(10):
        altered, note, _ = _drop_clause(ARABIC, random.Random(seed))
        clause = note.removeprefix("dropped clause: ")
        assert clause in ARABIC and clause not in altered
        assert altered.endswith(".")
        seen.add(clause)
    assert seen <= {
        "في 31 ديسمبر 2019",
        "تم الإبلاغ عن مجموعة من حالات الالتهاب الرئوي لمسببات مرضية غير معروفة في مدينة ووهان",
    }


def test_an_arabic_sentence_split_at_a_comma_ends_with_a_stop() -> None:
    at = _split_point(ARABIC)
    assert at is not None and ARABIC[at] == "،"
    head, tail = _split(ARABIC, at, "ar")
    assert head.endswith(".") and "،" not in head[-2:]
    assert head[:-1].rstrip() + "، " + tail == ARABIC


def test_every_error_type_is_injected_into_tico19_arabic() -> None:
    corpus = _corpus("tico19-ar")
    pairs = error_pairs(corpus, 10, seed=0)
    assert {p.kind for p in pairs} == set(INJECTED_TYPES)
    assert all(p.lang == "ar" for p in pairs)
    for p in pairs:
        (error,) = p.errors
        if p.kind in (NUMBER, DROPPED_CLAUSE):
            assert p.target[error[2]] != corpus.target[corpus.english.index(p.source[error[1]])]
