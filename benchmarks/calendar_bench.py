"""Weekdays and months on every line of the real sets: how often a correct translation
reads as a changed one, and how often a changed one is found.

    PYTHONPATH=. python -m benchmarks.calendar_bench [--sets wmt14-hi tico19-hi ...]

Each line pair (line k of the English against line k of the translation) is read with
``lexical.numbers.calendar`` as the check reads a sentence pair. "changed" and "missing"
on the real lines are false alarms unless the translation is wrong there (they are
printed, to read); the injected part takes every line whose translation keeps a day or
month the source names, writes the next day or month in its place (the translation's
own first spelling of it) and counts the changes found. No threshold is involved: the
rules were written from the languages' calendars, not fitted on these lines.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from benchmarks.corpora import DATA, SETS, read_set
from dupcheck.languages import language
from dupcheck.lexical.numbers.calendar import DAY, calendar_names, compare_calendar

DEFAULT_SETS = ("wmt14-hi", "tico19-hi", "flores-hi", "tico19-ar", "tatoeba-hi", "tatoeba-ar")


def _next_name(lang: str, kind: str, index: int) -> str:
    calendar = language(lang).calendar  # type: ignore[union-attr]
    table = calendar.days if kind == DAY else calendar.months
    return table[(index + 1) % len(table)][0]


def measure(name: str, data: Path) -> dict:
    corpus = read_set(name, data)
    real = {"lines": len(corpus.english), "names": 0, "changed": 0, "missing": 0, "added": 0}
    injected = {"changes": 0, "found": 0}
    examples = []
    for k, (english, target) in enumerate(zip(corpus.english, corpus.target)):
        source = calendar_names(english, "en")
        names = calendar_names(target, corpus.lang)
        result = compare_calendar(source, names)
        real["names"] += len(source)
        for key in ("changed", "missing", "added"):
            real[key] += len(getattr(result, key))
        examples += [(k + 1, s.text, t.text) for s, t in result.changed]
        kept = {(s.kind, s.index) for s in source}
        for t in names:
            if (t.kind, t.index) not in kept:
                continue
            altered = target[:t.start] + _next_name(corpus.lang, t.kind, t.index) + target[t.end:]
            injected["changes"] += 1
            injected["found"] += bool(compare_calendar(source, calendar_names(altered, corpus.lang)).changed)
    return {"real": real, "injected": injected, "examples": examples}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", choices=tuple(SETS), default=list(DEFAULT_SETS))
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    print("| set | lines | source days and months | changed (real lines) | per 100 lines | missing | added "
          "| injected changes found |")
    print("|---|---|---|---|---|---|---|---|")
    for name in args.sets:
        m = measure(name, args.data)
        r, i = m["real"], m["injected"]
        print(f"| {name} | {r['lines']} | {r['names']} | {r['changed']} | {100 * r['changed'] / r['lines']:.2f} "
              f"| {r['missing']} | {r['added']} | {i['found']}/{i['changes']} |")
        for line, s, t in m["examples"]:
            print(f"|   line {line}: {s} → {t} | | | | | | | |")


if __name__ == "__main__":
    main()
