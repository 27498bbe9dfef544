
import pytest

from dupcheck.duplicates.spin import is_spin, load_wordnet, pair_substitutions, substitutions
from tests.paths import FIXTURES

SEEDS = FIXTURES / "seeds"


@pytest.fixture(scope="module")
def wordnet():
    return load_wordnet()


@pytest.mark.parametrize(
    ("old", "new", "spin"),
    [
        # a spinner's swaps: linked in WordNet, but not through both words' usual senses
        ("model", "mannequin", True),
        ("said", "mentioned", True),
        ("power", "energy", True),
        ("war", "conflict video", True),
        ("series", "collection", True),
        # an editor's rewording: synonyms in their first senses
        ("leader", "chief", False),
        ("big", "large", False),
        ("countries", "nations", False),
        ("website", "web site", False),
        # not synonyms at all, or the same word inflected
        ("Egypt", "pandemic", False),
        ("says", "said", False),
        ("thousands", "1000’s", False),
        ("the government arrested dozens of students", "dozens were arrested", False),
    ],
)
def test_is_spin(wordnet, old, new, spin):
    assert is_spin(old, new, wordnet) is spin


def _paragraph(name: str, start: str) -> str:
    text = (SEEDS / name).read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if line.startswith(start))


def test_substitutions_in_a_spun_seed_sentence(wordnet):
    original = _paragraph("002_ad68b3a4021bdc8c.txt", "Xi \"hailed").split(". ")[1]
    spun = _paragraph("001_0b4fe45e40df300f.txt", "Xi “hailed").split(". ")[1]
    found = {(s.before, s.after): s.spin for s in substitutions(3, original, 5, spun, wordnet)}
    assert found[("model", "mannequin")] is True
    assert found[("comprehensive", "complete")] is False
    assert found[("said", "mentioned")] is True
    assert all(s.a_sentence == 3 and s.b_sentence == 5
               for s in substitutions(3, original, 5, spun, wordnet))


def test_typography_alone_is_no_substitution(wordnet):
    assert pair_substitutions([(0, "Egypt's \"model\" - here", 0, "Egypt’s “model” – here")], wordnet) == ()
