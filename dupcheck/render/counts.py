"""Counts in words, as every renderer's summary line writes them ("1 document", "2 documents")."""

from __future__ import annotations


def counted(n: int, noun: str) -> str:
    """``n`` and the noun, singular for one (every noun the renderers count takes an "s")."""
    return f"{n} {noun if n == 1 else noun + 's'}"
