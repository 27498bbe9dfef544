"""The one way a message or a report cell shortens a text: at a word boundary, with "…"."""

from __future__ import annotations

#: a cut goes back to the last space only while that keeps this share of the limit; a run
#: of one long word (a URL, a Devanagari compound) is cut inside it instead
_KEEP = 0.6


def excerpt(text: str, limit: int) -> str:
    """``text`` if it has at most ``limit`` characters, else its first words and "…" in at
    most ``limit`` characters: "the Department of Health and…", not "the Department of He…"."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if not text[limit - 1].isspace() and space >= _KEEP * limit:
        head = head[:space]
    return head.rstrip(" ,;:") + "…"
