"""Names an English dictionary knows, on the lines of the real sets: how often a correct
translation loses a place (or a first name) the English names, and how often a dropped or
changed one is found.

    PYTHONPATH=. python -m benchmarks.places_bench [--sets wmt14-hi tico19-hi flores-hi tico19-ar] [--limit N] [--kind given]

Every line whose English names a place of ``models/places/`` (a country, capital, great
city or US state an English dictionary knows), or with ``--kind given`` a first name of
``models/names/`` ("Kate", "Donald"), is checked as a one-sentence pair (``--encoder
none``: the name check reads the lexicon and the sound keys, not the encoder): a major
``entity.missing`` on that name is a false alarm unless the translation is wrong there
(printed, to read). Then the translation word that writes the name (the one most alike
to it, at least a variant's 0.5, or the word the lexicon links) is taken out ("dropped")
or replaced by a stand-in none of the sets' lines names, in the translation's script
(Nairobi for a place, Ingrid for a first name: "changed"), and the major
``entity.missing`` findings on the name are counted. Nothing is fitted here.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import regex

from benchmarks.corpora import ARTICLE_SETS, DATA, SETS, read_set
from dupcheck.backends.registry import BackendConfig
from dupcheck.fidelity.pipeline import Checker, CheckSettings
from dupcheck.lexical.lexicon import is_given_name, is_place, load_lexicon, name_similarity
from dupcheck.records import Severity
from dupcheck.text.load import document_from_text

#: for each kind of name: whether a word is one, and a name of that kind none of the
#: sets' lines names, as each language writes it
KINDS = {
    "places": (is_place, {"hi": "नैरोबी", "ar": "نيروبي"}),
    "given": (is_given_name, {"hi": "इंग्रिड", "ar": "إنغريد"}),
}
_WORD = regex.compile(r"[\p{L}\p{M}]+")


def _rendering(name: str, target: str, lang: str) -> regex.Match[str] | None:
    """The target word that writes ``name``: linked by the lexicon, else the most alike."""
    stems = load_lexicon(lang).renderings(name)
    words = list(_WORD.finditer(target))
    linked = [m for m in words if any(m.group().endswith(s) or m.group().startswith(s) for s in stems)]
    if linked:
        return linked[0]
    scored = [(name_similarity(name, m.group(), lang), m) for m in words]
    best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    return best[1] if best[0] >= 0.5 else None


def _missing(checker: Checker, english: str, target: str, lang: str, name: str) -> bool:
    report = checker.check_documents(
        document_from_text(english, lang="en", input_format="lines"),
        document_from_text(target, lang=lang, input_format="lines"),
        paired=True,
    )
    return any(f.code == "entity.missing" and f.severity.rank >= Severity.MAJOR.rank and f.source_text == name
               for f in report.findings)


def measure(set_name: str, data: Path, checker: Checker, limit: int | None, kind: str = "places") -> dict:
    is_kind, stand_ins = KINDS[kind]
    corpus = read_set(set_name, data)
    out = {"lines": 0, "names": 0, "false": 0, "dropped": [0, 0], "changed": [0, 0], "examples": []}
    for k, (english, target) in enumerate(zip(corpus.english, corpus.target)):
        names = [w for w in _WORD.findall(english) if is_kind(w)]
        if not names:
            continue
        if limit is not None and out["lines"] >= limit:
            break
        out["lines"] += 1
        for name in dict.fromkeys(names):
            out["names"] += 1
            if _missing(checker, english, target, corpus.lang, name):
                out["false"] += 1
                out["examples"].append((k + 1, name, target[:90]))
                continue
            found = _rendering(name, target, corpus.lang)
            if found is None:
                continue
            for change, stand_in in (("dropped", ""), ("changed", stand_ins[corpus.lang])):
                # every time the line writes it: a name named twice is still written once
                altered = regex.sub(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(found.group())}(?![\p{{L}}\p{{M}}])",
                                    stand_in, target)
                out[change][1] += 1
                out[change][0] += _missing(checker, english, altered, corpus.lang, name)
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", choices=tuple(SETS), default=list(ARTICLE_SETS))
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=None, help="lines naming one, per set")
    parser.add_argument("--kind", choices=tuple(KINDS), default="places",
                        help="places of models/places/ or first names of models/names/")
    args = parser.parse_args(argv)
    checker = Checker(BackendConfig(translator="lexical", encoder="none", cache=False),
                      CheckSettings(input_format="aligned"))
    print(f"| set | lines naming one | {args.kind} | major entity.missing on the real lines | per 100 "
          "| dropped found | changed found |")
    print("|---|---|---|---|---|---|---|")
    for name in args.sets:
        m = measure(name, args.data, checker, args.limit, args.kind)
        rate = 100 * m["false"] / m["names"] if m["names"] else 0.0
        print(f"| {name} | {m['lines']} | {m['names']} | {m['false']} | {rate:.2f} "
              f"| {m['dropped'][0]}/{m['dropped'][1]} | {m['changed'][0]}/{m['changed'][1]} |", flush=True)
        for line, name, target in m["examples"]:
            print(f"|   line {line}: {name} | {target} | | | | | |", flush=True)


if __name__ == "__main__":
    main()
