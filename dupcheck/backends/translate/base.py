"""The ``Translator`` interface: turns sentences of one language into another.

The loop over sentences is written once here (deduplication, cache lookup, batching by
length, storing what was translated); a backend fills the single hook ``_translate_batch``.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence

from dupcheck.backends.base import Backend


class Translator(Backend):
    @abstractmethod
    def covers(self, src_lang: str, tgt_lang: str) -> bool:
        """Whether this backend can translate ``src_lang`` into ``tgt_lang``."""

    @abstractmethod
    def _translate_batch(self, texts: list[str], src_lang: str, tgt_lang: str) -> list[str]:
        """Translate one batch; ``texts`` has no duplicates."""

    def translate(self, texts: Sequence[str], src_lang: str, tgt_lang: str) -> list[str]:
        done = self._cached(
            texts, lambda batch: self._translate_batch(batch, src_lang, tgt_lang),
            ("translation", src_lang, tgt_lang), dump=str.encode, load=bytes.decode,
        )
        return [done[t] for t in texts]
