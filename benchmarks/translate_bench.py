"""Pivot translation throughput on CPU: the `hf` backend, its cache, and CTranslate2.

A random MarianMT model of opus-mt size (6+6 layers, d_model 512, 8 heads, FFN 2048,
58,101-token vocabulary) is built in a temporary folder; its weights are random, so it
never emits ``</s>`` early and every sentence decodes exactly ``--max-new-tokens`` tokens
(a real opus-mt stops at the end of the sentence: ~40 tokens for a FLORES line). Figures:
sentences/s at batch sizes 1, 8 and 32 (median of ``--repeats`` runs), a warm-cache re-run
as a ratio to the cold run, and CTranslate2 against transformers on the same model and
sentences (when ``ctranslate2`` is installed).

Run: PYTHONPATH=. /work/venv/bin/python -m benchmarks.translate_bench
(FLORES-200 Hindi dev lines; NLLB Team, Meta AI; CC BY-SA 4.0.)
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from dupcheck.backends.cache import Cache
from dupcheck.backends.translate.base import Translator
from dupcheck.backends.translate.hf import Generation, HFTranslator
from tests.neural_models import OPUS_MT, OPUS_MT_VOCAB, build_marian, train_sentencepiece

ROOT = Path(__file__).resolve().parents[1]
FLORES = ROOT.parent / "shared" / "data" / "flores200-dev" / "hin_Deva.dev"
FALLBACK = ROOT / "fixtures" / "flores" / "dev100.hin_Deva.txt"
BATCH_SIZES = (1, 8, 32)


def median_seconds(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def throughput(translator: Translator, sentences: list[str], repeats: int) -> float:
    translator.cache = None
    return len(sentences) / median_seconds(lambda: translator.translate(sentences, "hi", "en"), repeats)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--max-new-tokens", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    source = FLORES if FLORES.is_file() else FALLBACK
    sentences = source.read_text(encoding="utf-8").splitlines()[: args.sentences]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        start = time.perf_counter()
        folder = build_marian(
            work / "random-opus-mt-hi-en", train_sentencepiece(work / "spm", 2000), OPUS_MT, OPUS_MT_VOCAB
        )
        print(f"built a random opus-mt-size Marian model in {time.perf_counter() - start:.1f} s; "
              f"{len(sentences)} FLORES hi sentences from {source.name}, {args.max_new_tokens} new tokens each, "
              f"{args.threads} threads, median of {args.repeats}")
        settings = {
            "device": "cpu", "generation": Generation(max_new_tokens=args.max_new_tokens),
            "num_threads": args.threads,
        }
        rows: list[tuple[str, int, float]] = []
        hf = {b: throughput(HFTranslator(str(folder), batch_size=b, **settings), sentences, args.repeats)
              for b in BATCH_SIZES}
        rows += [("hf (transformers, float32)", b, s) for b, s in hf.items()]

        cached = HFTranslator(str(folder), batch_size=8, **settings)
        cached.cache = Cache(work / "cache")
        cold = median_seconds(lambda: cached.translate(sentences, "hi", "en"), 1)
        warm = median_seconds(lambda: cached.translate(sentences, "hi", "en"), args.repeats)

        ct2: dict[tuple[str, int], float] = {}
        if importlib.util.find_spec("ctranslate2") is not None:
            from dupcheck.backends.translate.ct2 import CT2Translator

            for compute in ("int8", "float32"):
                for b in BATCH_SIZES:
                    translator = CT2Translator(
                        str(folder), batch_size=b, compute_type=compute, converted_dir=work / "ct2", **settings
                    )
                    ct2[compute, b] = throughput(translator, sentences, args.repeats)
            rows += [(f"ctranslate2 ({c})", b, s) for (c, b), s in ct2.items()]

    print(f"\n{'backend':<28} {'batch':>5} {'sentences/s':>12} {'vs hf':>7}")
    for name, batch, rate in rows:
        print(f"{name:<28} {batch:>5} {rate:>12.2f} {rate / hf[batch]:>6.2f}x")
    print(f"\nwarm-cache re-run (hf, batch 8): {warm * 1000:.1f} ms vs cold {cold * 1000:.0f} ms "
          f"= {warm / cold:.1e} of the cold run ({cold / warm:,.0f}x faster)")
    if not ct2:
        print("ctranslate2 is not installed (pip install 'dupcheck[ct2]'): no CTranslate2 figures")


if __name__ == "__main__":
    main()
