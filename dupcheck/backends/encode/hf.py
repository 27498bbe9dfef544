"""Sentence embeddings from transformers encoders: LaBSE, multilingual-e5 and the like.

Models differ in how a sentence vector is pooled from the token states and in the prefix
they were trained with: LaBSE takes BERT's pooler output of the ``[CLS]`` token, e5
averages the token states of a text prefixed with ``query: `` or ``passage: ``. A model
saved by sentence-transformers says its pooling in ``1_Pooling/config.json``; otherwise it
is told by its name, and can always be given.
"""

from __future__ import annotations

import json
from typing import Literal

import numpy as np

from dupcheck.backends.device import Device, DType, load_model
from dupcheck.backends.encode.base import Encoder
from dupcheck.backends.models import LocalModel

Pooling = Literal["auto", "cls", "pooler", "mean"]


class HFEncoder(Encoder):
    name = "hf"
    worth_caching = True

    def __init__(
        self,
        model: str,
        *,
        revision: str | None = None,
        device: Device = "auto",
        dtype: DType = "auto",
        pooling: Pooling = "auto",
        prefix: str | None = None,
        max_tokens: int = 256,
        batch_size: int = 32,
        num_threads: int | None = None,
    ) -> None:
        from transformers import AutoModel

        loaded = load_model(
            AutoModel, model, revision=revision, device=device, dtype=dtype, num_threads=num_threads
        )
        self.local, self._model, self._tokenizer = loaded.local, loaded.model, loaded.tokenizer
        self._device, self._dtype_name = loaded.device, loaded.dtype_name
        self.pooling = _pooling(self.local) if pooling == "auto" else pooling
        # e5 was trained with "query: " for symmetric tasks such as bitext mining
        self.prefix = prefix if prefix is not None else ("query: " if _is_e5(self.local) else "")
        self.max_tokens = max_tokens
        self.batch_size = batch_size

    def signature(self) -> str:
        return (
            f"hf:{self.local.ref}(pooling={self.pooling},prefix={self.prefix.strip() or 'none'},"
            f"max-tokens={self.max_tokens},dtype={self._dtype_name})"
        )

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        import torch

        inputs = self._tokenizer(
            [self.prefix + t for t in texts], return_tensors="pt", padding=True,
            truncation=True, max_length=self.max_tokens,
        ).to(self._device)
        with torch.inference_mode():
            output = self._model(**inputs)
            if self.pooling == "pooler":
                vectors = output.pooler_output
            elif self.pooling == "cls":
                vectors = output.last_hidden_state[:, 0]
            else:
                mask = inputs["attention_mask"].unsqueeze(-1).to(output.last_hidden_state.dtype)
                vectors = (output.last_hidden_state * mask).sum(1) / mask.sum(1).clamp(min=1)
            vectors = torch.nn.functional.normalize(vectors.float(), dim=-1)
        return vectors.cpu().numpy().astype(np.float32)


def _is_e5(model: LocalModel) -> bool:
    return "e5" in model.name.lower()


def _pooling(model: LocalModel) -> Pooling:
    pooling_config = model.path / "1_Pooling" / "config.json"
    if pooling_config.is_file():
        modes = json.loads(pooling_config.read_text(encoding="utf-8"))
        if modes.get("pooling_mode_cls_token"):
            return "cls"
        return "mean"
    return "pooler" if "labse" in model.name.lower() else "mean"
