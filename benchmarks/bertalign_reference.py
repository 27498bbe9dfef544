"""Bertalign, with e5 in place of LaBSE, on align_calibration's pairs: the reference to beat.

    PYTHONPATH=.:/tmp/bertalign-src /tmp/bertalign-venv/bin/python -m benchmarks.bertalign_reference
        [--sets flores-hi wmt14-hi tico19-hi tico19-ar] [--pairs 10] [--seed 0]
        [--cache-dir /tmp/e5-cache] [--json OUT]

Bertalign (Liu & Zhu, 2022; the PyPI release 2.0.1, whose DP kernels are the paper's, in
numba, with the top-k search in torch) is not a dependency of dupcheck. Set it up outside
the project's venv::

    pip download --no-deps --ignore-requires-python bertalign==2.0.1 -d /tmp/bertalign-pkg
    python3 -m zipfile -e /tmp/bertalign-pkg/bertalign-2.0.1-py3-none-any.whl /tmp/bertalign-src
    # on Python 3.11: the wheel's one 3.12-only line, a `type` alias statement
    sed -i 's/^type SplitterFn = /SplitterFn = /' /tmp/bertalign-src/bertalign/aligner.py
    python3 -m venv /tmp/bertalign-venv
    /tmp/bertalign-venv/bin/pip install torch==2.13.0 numba -e '.[neural]'

sentence-transformers, lingua and sentence-splitter (its other dependencies) are not
needed and, where absent, stand-in modules are put in their place before bertalign is
imported: its ``Encoder`` is replaced by one whose ``transform`` embeds the same overlapping
windows of 1..max_align-1 consecutive sentences with dupcheck's ``E5Encoder.encode``
(L2-normalised rows, as LaBSE's are), and its language detection (lingua restricted to the
languages of its splitter: no Hindi or Arabic) is bypassed, since with ``is_split=True``
the languages only name the sides in its log. Everything else is bertalign's: its defaults
(max_align 5, top_k 3, win 5, skip -0.1, margin and length penalty on), the sentences one a
line (``is_split=True``).

The pairs are align_calibration's (``benchmarks.synth.alignment_pairs``, same seed and
count), and so are the figures (``align_calibration.score``: strict bead F1, 1-1 beads and
merges found exactly). In the same run, on the same pairs, dupcheck's aligner with e5
(``AlignSettings()``) and with ``--encoder none`` (``AlignSettings.lexical_only()``), and
the alignment a check reports with e5 (``Checker.aligned_pair``: the aligner, then
``fidelity.repair``; its "align" seconds include the word states the repair reads).
Seconds: "embed" is the embedding (and, for dupcheck, the lexical pivot) of all the set's
pairs, "align" the alignment alone; with a warm ``--cache-dir`` the embedding is a lookup.
Bertalign's numba kernels are compiled on a tiny pair before any timing.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
import types
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.align_calibration import case, cells, checked, lexical, score
from benchmarks.corpora import ARTICLE_SETS, DATA, SETS, read_set
from benchmarks.synth import alignment_pairs
from dupcheck.backends.registry import CPU_DEFAULT, BackendConfig, load_encoder, load_translator
from dupcheck.fidelity.align import AlignSettings, align_sentences
from dupcheck.fidelity.pipeline import Checker, CheckSettings
from dupcheck.records import Bead

SETUP = "see the docstring of benchmarks/bertalign_reference.py or benchmarks/README.md"


def _stand_in(name: str, **attributes: Any) -> None:
    """An empty module under ``name``, where the real one is not installed."""
    if importlib.util.find_spec(name) is None:
        module = types.ModuleType(name)
        module.__dict__.update(attributes)
        sys.modules[name] = module


def _absent(what: str) -> Any:
    class Absent:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            raise RuntimeError(f"{what} is not used by this benchmark")

    return Absent


def import_bertalign() -> Any:
    """bertalign's aligner module, with stand-ins for what this benchmark does not use."""
    _stand_in("sentence_transformers", SentenceTransformer=_absent("LaBSE (sentence-transformers)"))
    _stand_in("sentence_splitter", SentenceSplitter=_absent("bertalign's sentence splitter"))
    _stand_in("lingua", IsoCode639_1=None, LanguageDetector=None,
              LanguageDetectorBuilder=_absent("bertalign's language detection"))
    try:
        from bertalign import aligner
    except (ImportError, SyntaxError) as error:
        sys.exit(f"bertalign is not importable ({type(error).__name__}: {error}); {SETUP}")
    aligner.detect_lang = lambda text: "given"  # is_split=True: only the log names it
    return aligner


def e5_encoder_for(aligner: Any, encoder: Any) -> Any:
    """A bertalign ``Encoder`` whose model is dupcheck's e5 (its ``transform`` unchanged)."""

    class E5Model:
        def encode(self, texts: Sequence[str]) -> np.ndarray:
            return encoder.encode(list(texts))

    class E5InPlaceOfLaBSE(aligner.Encoder):
        def __init__(self) -> None:  # no SentenceTransformer is loaded
            self.model = E5Model()
            self.model_name = "e5 (dupcheck's E5Encoder)"

    return E5InPlaceOfLaBSE()


def bertalign_beads(aligner: Any, model: Any, source: Sequence[str], target: Sequence[str]) -> tuple[Any, float, float]:
    """Bertalign's beads for one pair as dupcheck ``Bead``s, with its embed and align seconds."""
    for line in (*source, *target):  # its clean_text drops blank lines and would shift indices
        if not line.strip():
            raise ValueError("a blank line in a pair")
    start = time.perf_counter()
    run = aligner.Bertalign("\n".join(source), "\n".join(target), is_split=True, model=model)
    embedded = time.perf_counter()
    result = run.align_sents()
    done = time.perf_counter()
    beads = tuple(Bead(tuple(map(int, s)), tuple(map(int, t)), 0.0) for s, t in result)
    return beads, embedded - start, done - embedded


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", choices=tuple(SETS), default=list(ARTICLE_SETS))
    parser.add_argument("--pairs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--cache-dir", default=None,
        help="keep the embeddings in dupcheck's cache there (a rerun then only aligns)",
    )
    args = parser.parse_args(argv)

    aligner = import_bertalign()
    config = BackendConfig(encoder=CPU_DEFAULT, cache=args.cache_dir is not None, cache_dir=args.cache_dir)
    encoder = load_encoder(config)
    checker = Checker(config, CheckSettings(input_format="lines"),
                      translator=load_translator(config), encoder=encoder)
    model = e5_encoder_for(aligner, encoder)
    bertalign_beads(aligner, model, ["One.", "Two.", "Three."], ["Un.", "Deux.", "Trois."])  # numba's JIT

    results: dict = {"load_average_1min_start": os.getloadavg()[0], "sets": {}}
    for name in args.sets:
        corpus = read_set(name, args.data)
        pairs = alignment_pairs(corpus, args.pairs, args.seed)
        print(f"{name}: {len(pairs)} pairs", file=sys.stderr, flush=True)
        figures = {}

        embed = align = 0.0
        aligned = []
        for p in pairs:
            beads, e, a = bertalign_beads(aligner, model, p.source, p.target)
            aligned.append((beads, p.beads))
            embed, align = embed + e, align + a
        figures["Bertalign (e5 in place of LaBSE)"] = {**score(aligned), "embed_s": embed, "align_s": align}

        start = time.perf_counter()
        built = [case(checker, p.name, p.source, p.target, p.lang, p.beads) for p in pairs]
        embed = time.perf_counter() - start
        for label, settings, embeddings in (
            ("dupcheck, e5 (AlignSettings())", AlignSettings(), True),
            ("dupcheck, --encoder none (lexical_only)", AlignSettings.lexical_only(), False),
        ):
            start = time.perf_counter()
            aligned = []
            for c in built:
                src, tgt = (c.source, c.target) if embeddings else (lexical(c.source), lexical(c.target))
                aligned.append((align_sentences(src, tgt, settings), c.gold))
            figures[label] = {**score(aligned), "embed_s": embed if embeddings else None,
                              "align_s": time.perf_counter() - start}
        start = time.perf_counter()
        aligned = [(checked(c, checker), c.gold) for c in built]
        figures["dupcheck, e5, the check's alignment (+ repair)"] = {
            **score(aligned), "embed_s": None, "align_s": time.perf_counter() - start,
        }
        results["sets"][name] = figures
        print(render({**results, "sets": {name: figures}}), file=sys.stderr, flush=True)
    results["load_average_1min_end"] = os.getloadavg()[0]
    print(render(results))
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def render(results: dict) -> str:
    lines = [f"load average (1 min) at the start {results['load_average_1min_start']:.2f}"
             + (f", at the end {results['load_average_1min_end']:.2f}" if "load_average_1min_end" in results else ""),
             "| set | aligner | strict F1 | 1-1 found | merges found | embed s | align s |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, figures in results["sets"].items():
        for label, row in figures.items():
            embed = "—" if row["embed_s"] is None else f"{row['embed_s']:.1f}"
            lines.append(f"| {name} | {label} | {cells(row)} | {embed} | {row['align_s']:.2f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
