"""Word links inside a bead: shared keys first, then names by sound across scripts."""

from dupcheck.fidelity.wordalign import align_words
from dupcheck.lexical.pivot import Word


def word(text, *keys, name="", meanings=()):
    return Word(text, 0, len(text), frozenset(keys), True, frozenset(meanings), name)


def test_shared_keys_link_in_order_and_repeated_words_pair_up():
    src = [word("say", "say"), word("China", "china"), word("say", "say")]
    tgt = [word("कहा", "say", "tell"), word("चीन", "china"), word("कहा", "say")]
    wa = align_words(src, tgt, "hi")
    assert wa.links == ((0, 0), (1, 1), (2, 2))
    assert wa.source_coverage() == 1.0 and wa.target_coverage() == 1.0


def test_a_name_the_keys_miss_links_by_sound():
    src = [word("Tokayev", "tokayev", "~tkyf", name="~tkyf"), word("thanked", "thank")]
    tgt = [word("टोकायव", "~tkv"), word("धन्यवाद", "gratitude", meanings=("gratitude",))]
    wa = align_words(src, tgt, "hi")
    assert wa.links == ((0, 0),)
    assert wa.source_coverage() == 0.5


def test_unlike_names_stay_unlinked():
    src = [word("Medvedev", "medvedev", name="~mdvdv")]
    tgt = [word("पुतिन", "~ptn")]
    assert align_words(src, tgt, "hi").links == ()
