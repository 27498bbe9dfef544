"""The ``Encoder`` interface: sentence embeddings, L2-normalised, one row per text, and,
for encoders that can say so, each token's hidden states with its characters in the text."""

from __future__ import annotations

from abc import abstractmethod
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from dupcheck.backends.base import Backend
from dupcheck.errors import BackendError


@dataclass(frozen=True, slots=True, eq=False)
class TokenStates:
    """One text as the encoder saw it: its tokens, where they are, their hidden states.

    Only the text's own tokens: not ``<s>``, ``</s>`` or the prompt prefix (``query: ``),
    though they were in the forward pass and shaped the states.
    """

    text: str
    #: the vocabulary pieces, e.g. ``▁Hind``, ``i``
    pieces: tuple[str, ...]
    #: ``[start, end)`` character offsets into ``text``, one per piece; a piece that only
    #: marks a space has an empty span
    spans: tuple[tuple[int, int], ...]
    #: the layers asked for: 0 is the embedding layer, 1.. the transformer layers
    layers: tuple[int, ...]
    #: float32, shape ``(len(layers), len(pieces), hidden)``
    states: np.ndarray


#: rows kept in memory per encoder (1.5 kB each at 384 dimensions)
MEMO_TEXTS = 20_000


class Encoder(Backend):
    #: whether ``token_states`` gives per-token states (the word-level checks need them)
    gives_token_states: bool = False

    @abstractmethod
    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        """Embed one batch; returns float32 of shape (len(texts), dim), rows L2-normalised."""

    def token_states(self, texts: Sequence[str], layers: Sequence[int]) -> list[TokenStates]:
        """Each text's tokens and their states in ``layers``, from one forward pass (not
        cached: they are large). Encoders that cannot give them raise ``BackendError``."""
        raise BackendError(f"the {self.name} encoder gives sentence vectors only, not token states")

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised row per text. A check asks for the same texts more than once
        (the aligner, the word checks, the scores): what this encoder embedded lately is
        kept in memory, so each is embedded once even without the on-disk cache."""
        memo = self._memo()
        missing = [t for t in dict.fromkeys(texts) if t not in memo]
        rows = self._cached(
            missing, lambda batch: list(self._encode_batch(batch)), ("embedding",),
            dump=lambda row: np.asarray(row, dtype="<f4").tobytes(),
            load=lambda blob: np.frombuffer(blob, dtype="<f4"),
        )
        for text in texts:
            if text in memo:
                memo.move_to_end(text)
        self._remember(rows)
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([rows[t] if t in rows else memo[t] for t in texts]).astype(np.float32, copy=False)

    def _remember(self, rows: Mapping[str, np.ndarray]) -> None:
        """Keep sentence vectors as the most recent in memory: those ``encode`` computed,
        and those computed on the way to something else (token states), so that ``encode``
        of the same texts needs no second forward pass."""
        memo = self._memo()
        for text, row in rows.items():
            memo[text] = row
            memo.move_to_end(text)
        while len(memo) > MEMO_TEXTS:
            memo.popitem(last=False)

    def _memo(self) -> OrderedDict[str, np.ndarray]:
        # created on first use: subclasses need not call an __init__ here
        return self.__dict__.setdefault("_recent", OrderedDict())
