from pathlib import Path

import numpy as np
import pytest

from dupcheck.candidates import (
    DOCUMENT_LSH,
    LshParams,
    candidate_pairs,
    lsh_pairs,
    minhash_signatures,
    pivot_terms,
    term_hashes,
)

FLORES = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "flores200-dev"


@pytest.fixture(scope="module")
def english_lines() -> list[str]:
    path = FLORES / "eng_Latn.dev"
    if not path.exists():
        pytest.skip(f"FLORES-200 dev not found at {path}")
    return path.read_text(encoding="utf-8").splitlines()


def test_pivot_terms_drop_stopwords_and_stem():
    assert pivot_terms("The leaders oversaw the signing of more than 20 agreements") == [
        "leader", "oversa", "signin", "20", "agreem"]


@pytest.mark.parametrize(("shared", "total", "tolerance"), [(50, 100, 0.12), (20, 100, 0.1), (90, 100, 0.1)])
def test_minhash_estimates_jaccard(shared, total, tolerance):
    a = [f"w{k}" for k in range(total)]
    b = a[:shared] + [f"x{k}" for k in range(total - shared)]
    jaccard = shared / (2 * total - shared)
    signatures = minhash_signatures([term_hashes(a), term_hashes(b)], LshParams(bands=64, rows=4))
    assert abs((signatures[0] == signatures[1]).mean() - jaccard) < tolerance


def test_empty_sets_meet_nothing():
    signatures = minhash_signatures([term_hashes([]), term_hashes([])], DOCUMENT_LSH)
    assert len(lsh_pairs(signatures, np.arange(2), DOCUMENT_LSH)) == 0


def _terms(lines: list[str]) -> list[list[str]]:
    return [pivot_terms(line) for line in lines]


def test_candidates_find_copies_and_shared_passages_not_strangers(english_lines):
    # 200 documents of 8 distinct FLORES lines each; 10 pairs are copies with one
    # sentence changed, 10 pairs share two consecutive sentences and nothing else
    docs = [_terms(english_lines[8 * k : 8 * k + 8]) for k in range(100)]
    planted = set()
    for k in range(10):
        copy = [list(s) for s in docs[k]]
        copy[3] = pivot_terms(english_lines[900 + k])
        planted.add((k, len(docs)))
        docs.append(copy)
    for k in range(10, 20):
        stranger = _terms(english_lines[800 + 8 * (k - 10) : 800 + 8 * (k - 10) + 6])
        planted.add((k, len(docs)))
        docs.append(stranger[:3] + docs[k][4:6] + stranger[3:])
    found = {tuple(p) for p in candidate_pairs(docs).tolist()}
    assert planted <= found
    assert len(found - planted) <= 5


def test_candidates_are_deterministic(english_lines):
    docs = [_terms(english_lines[5 * k : 5 * k + 5]) for k in range(50)]
    assert np.array_equal(candidate_pairs(docs), candidate_pairs(docs))
