"""The ``Translator`` interface: turns sentences of one language into another.

The loop over sentences is written once here (deduplication, cache lookup, batching by
length, storing what was translated); a backend fills the single hook ``_translate_batch``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from dupcheck.backends.cache import Cache, map_cached


class Translator(ABC):
    #: registry name, e.g. ``lexical`` or ``hf``
    name: str = ""
    batch_size: int = 32
    #: where translations are kept between runs; ``None`` translates everything each time
    cache: Cache | None = None
    #: whether a cache pays: computing is slower than a lookup (``backends`` attaches one)
    worth_caching: bool = False

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
        done = map_cached(
            texts,
            lambda batch: self._translate_batch(batch, src_lang, tgt_lang),
            batch_size=self.batch_size,
            cache=self.cache,
            namespace=(self.signature(), "translation", src_lang, tgt_lang),
            dump=str.encode,
            load=bytes.decode,
        )
        return [done[t] for t in texts]
