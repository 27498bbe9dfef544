"""Wall time of ``dupcheck check`` on a typical news article, with and without the encoder.

    PYTHONPATH=. .venv/bin/python -m benchmarks.article_speed --articles 5

An article is 30 consecutive lines of a news set (WMT14 newstest2014 en-hi by default),
written as a desk would have it: paragraphs of five sentences, each side a file of its own.
Each article is checked two ways with each encoder, the encoders taking turns:

- *a command*: ``dupcheck check SRC TGT --no-cache --format json`` in a process of its own,
  what an editor waits for at a terminal (starting Python and loading the models included);
- *warm*: ``Checker.check_files`` in this process, its backends loaded once before timing
  (what a long-lived caller such as a server pays per article), without the cache, after
  one untimed check of an article not timed.

Medians over the articles; "against" is each article's time divided by the same
article's time with the first encoder given (``none`` by default), then the median of
those ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.corpora import ARTICLE_SETS, DATA, documents, read_set
from benchmarks.long_bench import measure, write_paragraphs

if TYPE_CHECKING:
    from dupcheck.fidelity.pipeline import Checker


def write_article(folder: Path, name: str, lines: Sequence[str], lang: str) -> Path:
    return write_paragraphs(folder / f"{name}.{lang}.txt", lines)


def warm_checker(encoder: str) -> Checker:
    """A checker with its backends loaded (imported here, so that ``--help`` stays fast)."""
    from dupcheck.backends.registry import BackendConfig, load_encoder, load_translator
    from dupcheck.fidelity.pipeline import Checker, CheckSettings

    config = BackendConfig(encoder=encoder, cache=False)
    return Checker(config, CheckSettings(), translator=load_translator(config), encoder=load_encoder(config))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=ARTICLE_SETS, default="wmt14-hi", dest="corpus")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--articles", type=int, default=5)
    parser.add_argument("--lines", type=int, default=30, help="sentences an article holds")
    parser.add_argument("--encoders", nargs="+", default=["none", "auto"])
    args = parser.parse_args(argv)

    corpus = read_set(args.corpus, args.data)
    # articles spread over the set, not its first stories only
    cut = documents(corpus, 0, (args.lines, args.lines))
    step = max(len(cut) // (args.articles + 1), 1)
    articles = cut[::step][: args.articles]
    checkers = {encoder: warm_checker(encoder) for encoder in args.encoders}
    command = [sys.executable, "-m", "dupcheck", "check"]
    times: dict[tuple[str, str], list[float]] = {}
    print(f"load average {os.getloadavg()[0]:.2f}; {len(articles)} articles of {args.lines} lines from {args.corpus}")
    print("article            encoder   command s   warm s")
    with tempfile.TemporaryDirectory() as tmp:
        # an untimed check of another article first: what loads on first use (the
        # lexicon's tables, the runtime's kernels) is loading, not checking; not one of
        # the timed articles, whose vectors the encoder would then remember
        spare = next(doc for doc in reversed(cut) if doc not in articles)
        for checker in checkers.values():
            checker.check_files(write_article(Path(tmp), "warm-up", list(spare.source), "en"),
                                write_article(Path(tmp), "warm-up", list(spare.target), corpus.lang))
        for article in articles:
            source = write_article(Path(tmp), article.name, list(article.source), "en")
            target = write_article(Path(tmp), article.name, list(article.target), corpus.lang)
            for encoder in args.encoders:
                wall, _, code = measure([*command, str(source), str(target), "--encoder", encoder,
                                         "--no-cache", "--format", "json"])
                if code not in (0, 1):
                    raise SystemExit(f"{article.name}: dupcheck check exited {code}")
                start = time.perf_counter()
                checkers[encoder].check_files(source, target)
                warm = time.perf_counter() - start
                times.setdefault(("command", encoder), []).append(wall)
                times.setdefault(("warm", encoder), []).append(warm)
                print(f"{article.name:18} {encoder:8} {wall:10.2f} {warm:8.2f}", flush=True)
    print(f"\nmedian of {len(articles)} articles (load average {os.getloadavg()[0]:.2f} at the end)")
    base = args.encoders[0]
    print(f"encoder   command s   warm s   command against {base}   warm against {base}")
    for encoder in args.encoders:
        ratios = [
            statistics.median(a / b for a, b in zip(times[(way, encoder)], times[(way, base)], strict=True))
            for way in ("command", "warm")
        ]
        print(f"{encoder:8} {statistics.median(times[('command', encoder)]):10.2f} "
              f"{statistics.median(times[('warm', encoder)]):8.2f} {ratios[0]:22.1f}× {ratios[1]:18.1f}×")


if __name__ == "__main__":
    main()
