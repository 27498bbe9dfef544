"""Per-document cost of the scan's load and pivot stages, with and without word caches.

    PYTHONPATH=. /work/venv/bin/python benchmarks/pivot_speed.py [--docs 1000] [--seed 0]
        [--baseline REV]

Times ``dupcheck.duplicates.collection.load_source`` and ``dupcheck.duplicates.pipeline.side`` (offline lexical
pivot, no encoder) on each document of a ``scan_bench`` collection (English, Hindi and
Urdu documents of 5–15 sentences built from FLORES-200 dev), one pass in collection order
as a scan makes it. Variants, each in a fresh interpreter:

- ``warm``: the code as it runs in a scan, its per-word caches filling as it goes;
- ``cold``: the per-word caches of ``dupcheck.lexical.lexicon`` and ``dupcheck.lexical.pivot`` cleared
  before each document, so every word is worked out again (what memoisation saves);
- ``baseline``: with ``--baseline REV``, the ``warm`` pass on that git revision of the
  package (``git archive`` into a temporary folder), e.g. the commit before a speed-up;
- ``read``: what a scan's read stage does instead of ``side``: the document's term sets
  (``dupcheck.lexical.pivot.pivot_terms``, no pivot words built) and their sketch, caches warm.
  Verification still builds sides, for the documents of candidate pairs only.

Printed per variant: median ms per document for load and for side() (read: terms and
sketch), their sum, the total seconds, and the ratio of each variant's medians to
``warm``'s. The word caches' fill after the warm pass shows how far they are from their
bound.
FLORES-200: CC BY-SA 4.0, NLLB Team, Meta AI.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _word_caches() -> dict[str, Any]:
    """The bounded per-word caches by name: functions of the lexicon and pivot modules, and
    each lexicon's ``lookup``."""
    from dupcheck.lexical import lexicon, pivot

    caches = {
        name: f
        for module in (lexicon, pivot)
        for name, f in vars(module).items()
        if hasattr(f, "cache_info") and f.cache_info().maxsize == lexicon.WORD_CACHE_SIZE
    }
    return caches | {f"lookup[{lang}]": lexicon.load_lexicon(lang).lookup for lang in lexicon.LANGS}


def measure(docs: int, seed: int, variant: str) -> dict:
    from benchmarks.scan_bench import build_collection
    from dupcheck.backends.registry import BackendConfig
    from dupcheck.duplicates.collection import Source, load_source
    from dupcheck.duplicates.pipeline import side
    from dupcheck.records import ScanDocument

    if variant == "read":
        from dupcheck.duplicates.candidates import sketch
        from dupcheck.duplicates.pipeline import pivot_translator
        from dupcheck.lexical.pivot import pivot_terms

        def pivot(backends: BackendConfig, document: ScanDocument) -> object:
            return sketch(pivot_terms(document.document, pivot_translator(backends, document.lang)))
    else:
        pivot = side

    collection, _ = build_collection(docs, seed)
    sources = [Source(d["id"], d["id"], d["text"], d["lang"]) for d in collection]
    backends = BackendConfig(translator="lexical", encoder="none")
    # tables and models load once per process; that is not a per-document cost
    for lang in ("en", "hi", "ur"):
        first = next(s for s in sources if s.lang == lang)
        pivot(backends, load_source(first))
    caches = list(_word_caches().values()) if variant == "cold" else []
    for cache in caches:
        cache.cache_clear()
    load_ms, side_ms = [], []
    for source in sources:
        for cache in caches:
            cache.cache_clear()
        start = time.perf_counter()
        document = load_source(source)
        loaded = time.perf_counter()
        if isinstance(document, ScanDocument):
            pivot(backends, document)
            side_ms.append((time.perf_counter() - loaded) * 1e3)
        load_ms.append((loaded - start) * 1e3)
    # an older revision may have no bounded caches to report
    fill = (
        {}
        if variant != "warm"
        else {name: c.cache_info().currsize for name, c in _word_caches().items()}
    )
    return {
        "docs": len(sources),
        "load_ms": statistics.median(load_ms),
        "side_ms": statistics.median(side_ms),
        "total_s": (sum(load_ms) + sum(side_ms)) / 1e3,
        "cache_fill": fill,
    }


def run_variant(package_root: Path, docs: int, seed: int, variant: str) -> dict:
    """One variant in a fresh interpreter, importing ``dupcheck`` from ``package_root``."""
    command = [sys.executable, __file__, "--one", variant, "--docs", str(docs), "--seed", str(seed)]
    out = subprocess.run(
        command,
        check=False,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": f"{package_root}:{ROOT}"},
    )
    if out.returncode:
        sys.exit(f"{variant} variant failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--baseline", help="git revision whose package to time as well")
    parser.add_argument("--one", choices=("warm", "cold", "read", "baseline"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.docs, args.seed, args.one)))
        return
    results = {name: run_variant(ROOT, args.docs, args.seed, name) for name in ("warm", "cold", "read")}
    if args.baseline:
        with tempfile.TemporaryDirectory() as tmp:
            archive = subprocess.run(
                ["git", "archive", args.baseline, "dupcheck", "models"],
                capture_output=True,
                check=True,
                cwd=ROOT,
            ).stdout
            subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
            results[f"baseline {args.baseline}"] = run_variant(
                Path(tmp), args.docs, args.seed, "baseline"
            )
    warm = results["warm"]
    print(f"{warm['docs']} documents (seed {args.seed}); median ms per document")
    print(
        f"{'variant':<24}{'load':>8}{'side':>8}{'sum':>8}{'total s':>9}"
        f"{'load/warm':>11}{'side/warm':>11}{'sum/warm':>10}"
    )
    for name, r in results.items():
        both = r["load_ms"] + r["side_ms"]
        print(
            f"{name:<24}{r['load_ms']:>8.3f}{r['side_ms']:>8.3f}{both:>8.3f}{r['total_s']:>9.2f}"
            f"{r['load_ms'] / warm['load_ms']:>11.2f}{r['side_ms'] / warm['side_ms']:>11.2f}"
            f"{both / (warm['load_ms'] + warm['side_ms']):>10.2f}"
        )
    print("word cache fill after the warm pass:", json.dumps(warm["cache_fill"]))


if __name__ == "__main__":
    main()
