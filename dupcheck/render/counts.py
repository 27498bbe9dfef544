"""Counts in words, as every renderer's summary line writes them ("1 document", "2 documents")."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the noun, singular for one; ``plural`` where adding "s" is wrong."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
