"""Whether the encoder can tell a name written otherwise from a name dropped, for
``entity.missing``, on the calibration part of the real translations.

    python -m benchmarks.name_calibration [--limit 16] [--sets ...] [--part calibration]

Two kinds of names, both from the calibration documents of ``benchmarks.corpora``,
acronyms (``translit.is_acronym``) apart from other names:

- **unwritten**: a source name of an aligned 1-1 bead that no target word (nor run of up
  to four) spells (``names.unwritten_names``). The translations are professional, so
  these are names rendered otherwise (an acronym written out, ARDS → متلازمة الضائقة
  التنفسية الحادة): every one the check gates on is a false alarm;
- **dropped**: a source name the translation spells, checked again with that target
  word deleted from the sentence. (Where the translation writes an acronym beside its
  expansion, "متلازمة ... (ARDS)", the expansion stays: the simulated drop is then no
  error at all, one more reason the two cannot be told apart.)

For each, the name's best similarity to any target word in context (layer-8 word
vectors, ``fidelity.wordalign``) is printed with the ROC AUC of the two and a trade-off
over floors: the share of dropped names below the floor against the unwritten names
below it (false alarms per 100 real sentences). One run, ``--limit 8 --sets tico19-ar``:
5 unwritten acronyms in 168 sentences (all of TICO-19 ar's unwritten names), AUC 0.40,
so the similarity is no evidence and a missing acronym is reported below the gate
(``names.ACRONYM_CONFIDENCE``).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

import numpy as np

from benchmarks.check_bench import auc
from benchmarks.corpora import add_document_arguments, documents, part, read_set
from dupcheck.backends.registry import CPU_DEFAULT
from dupcheck.fidelity.findings.names import MissingNames, unwritten_names
from dupcheck.lexical.lexicon import name_similarity
from dupcheck.lexical.translit import is_acronym
from dupcheck.text.load import document_from_text

FLOORS = (0.40, 0.42, 0.45, 0.48, 0.50, 0.55)


def _checked(checker, source: Sequence[str], target: Sequence[str], lang: str):
    src = document_from_text("\n".join(source), lang="en", input_format="lines")
    tgt = document_from_text("\n".join(target), lang=lang, input_format="lines")
    pair, _ = checker.aligned_pair(src, tgt)
    return pair


def name_similarities(checker, source: Sequence[str], target: Sequence[str], lang: str):
    """(the unwritten names, the dropped names), each as (an acronym?, best similarity)."""
    variant = MissingNames.variant
    unwritten: list[tuple[bool, float]] = []
    dropped: list[tuple[bool, float]] = []
    pair = _checked(checker, source, target, lang)
    for view in pair.views():
        if len(view.bead.source) != 1 or len(view.bead.target) != 1:
            continue
        best = view.words.source_best()
        if best is None:
            continue
        missing = {i for i, _, _ in unwritten_names(view, lang, variant)}
        unwritten += [(is_acronym(view.words.source[i].text), float(best[i])) for i in missing]
        for i, w in enumerate(view.words.source):
            if not w.name or i in missing:
                continue
            spellings = [(name_similarity(w.text, t.text, lang), t) for t in view.words.target if t.text]
            alike, written = max(spellings, key=lambda x: x[0], default=(0.0, None))
            if written is None or alike < variant:
                continue
            text = view.target_text
            cut = (text[: written.start] + text[written.end :]).replace("  ", " ")
            again = _checked(checker, [view.source_text], [cut], lang)
            views = [v for v in again.views() if v.bead.source and v.bead.target]
            if views and views[0].words.source_best() is not None:
                dropped.append((is_acronym(w.text), float(views[0].words.source_best()[i])))
    return unwritten, dropped


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_document_arguments(parser)
    args = parser.parse_args(argv)

    from dupcheck.backends.registry import BackendConfig
    from dupcheck.fidelity.pipeline import Checker, CheckSettings

    checker = Checker(BackendConfig(encoder=CPU_DEFAULT, cache=True), CheckSettings(input_format="lines"))
    for name in args.sets:
        corpus = read_set(name, args.data)
        unwritten: list[tuple[bool, float]] = []
        dropped: list[tuple[bool, float]] = []
        sentences = 0
        for doc in part(documents(corpus, args.seed), args.part)[: args.limit]:
            u, d = name_similarities(checker, doc.source, doc.target, doc.lang)
            unwritten += u
            dropped += d
            sentences += len(doc.source)
        print(f"{name}: {sentences} sentences")
        for kind, acronyms in (("acronyms", True), ("other names", False)):
            u = [b for a, b in unwritten if a == acronyms]
            d = [b for a, b in dropped if a == acronyms]
            print(f"  {kind}: {len(u)} unwritten, {len(d)} dropped")
            if not u or not d:
                continue
            print(f"    mean best similarity: unwritten {np.mean(u):.3f}, dropped {np.mean(d):.3f}; "
                  f"AUC {auc(d, u):.3f}")
            for floor in FLOORS:
                kept = sum(b < floor for b in u)
                print(f"    floor {floor:.2f}: dropped below {np.mean([b < floor for b in d]):.2f}, "
                      f"unwritten below {kept} ({100 * kept / sentences:.2f} per 100 sentences)")


if __name__ == "__main__":
    main()
