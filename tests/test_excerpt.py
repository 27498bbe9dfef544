import pytest

from dupcheck.excerpt import excerpt


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("short", 10, "short"),
    ("exactly ten", 11, "exactly ten"),
    # back to the last space, not inside a word
    ("the Department of Health and Human Services", 24, "the Department of…"),
    ("the Department of Health, and", 26, "the Department of Health…"),  # no comma before "…"
    # one long word: cut inside it rather than keep almost nothing
    ("https://example.org/a/very/long/path", 20, "https://example.org…"),
    ("a Gesundheitsministeriumsverordnung", 20, "a Gesundheitsminist…"),
])
def test_excerpts_end_at_a_word(text, limit, expected):
    assert excerpt(text, limit) == expected
    assert len(excerpt(text, limit)) <= limit
