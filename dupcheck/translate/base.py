"""The ``Translator`` interface: turns sentences of one language into another.

The loop over sentences is written once here (deduplication, batching); a backend
fills the single hook ``_translate_batch``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence


class Translator(ABC):
    #: registry name, e.g. ``lexical`` or ``hf``
    name: str = ""
    batch_size: int = 32

    @abstractmethod
    def covers(self, src_lang: str, tgt_lang: str) -> bool:
        """Whether this backend can translate ``src_lang`` into ``tgt_lang``."""

    @abstractmethod
    def signature(self) -> str:
        """Backend, model id and revision, and settings, e.g. ``lexical:freedict-2022.04.21``."""

    @abstractmethod
    def _translate_batch(self, texts: list[str], src_lang: str, tgt_lang: str) -> list[str]:
        """Translate one batch; ``texts`` has no duplicates."""

    def translate(self, texts: Sequence[str], src_lang: str, tgt_lang: str) -> list[str]:
        unique = list(dict.fromkeys(texts))
        done: dict[str, str] = {}
        for start in range(0, len(unique), self.batch_size):
            batch = unique[start : start + self.batch_size]
            done.update(zip(batch, self._translate_batch(batch, src_lang, tgt_lang)))
        return [done[t] for t in texts]
