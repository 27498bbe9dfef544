"""Scan benchmark: planted relations in synthetic collections built from FLORES-200 dev.

    python benchmarks/scan_bench.py [--sizes 1000 10000 100000] [--seed 0] [--background wordfreq|flores]

Each size runs in a fresh process (peak memory is that process's max RSS). A collection
holds planted families, each made of FLORES lines used by no other family:

- translated pairs: the same line ids in English and Hindi (5–10 sentences);
- near-duplicates: an English, Hindi or Urdu document and a copy with a word replaced and
  a word deleted in most sentences;
- partial overlaps: two documents of 7–12 sentences sharing 2–3 consecutive lines (the
  second copy in English or in Hindi);

and, around them, background documents of 5–15 sentences in English, Hindi or Urdu. FLORES
has 997 lines, so background sentences are synthetic: words drawn at their frequency in
general text of the language (wordfreq), with one word in four a pseudo-word from a
vocabulary that grows with the collection (Heaps' law), as names and rare words do in a
real archive. ``--background flores`` draws the words at their frequency in FLORES dev
itself instead, as this benchmark did first: a word seen once in FLORES then stands for
a frequency of 1 in 21,000, so at 100,000 documents every word of a planted pair, names
included, is in hundreds of unrelated documents, which no real archive does.
Urdu has no offline lexicon, so translated pairs are English–Hindi only.

Printed: precision and recall of the planted pairs (and of their relation), wall time and
peak memory per size, the fitted exponent of time against size, and the MinHash
implementation comparison (numpy here vs datasketch ``MinHash.bulk``), as a ratio.
FLORES-200: CC BY-SA 4.0, NLLB Team, Meta AI.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np
import regex

ROOT = Path(__file__).resolve().parent.parent
FLORES = ROOT.parent / "shared" / "data" / "flores200-dev"
LANG_FILES = {"en": "eng_Latn.dev", "hi": "hin_Deva.dev", "ur": "urd_Arab.dev"}
END_MARK = {"en": ".", "hi": "।", "ur": "۔"}
SCRIPTS = {"en": r"\p{Latin}", "hi": r"\p{Devanagari}", "ur": r"\p{Arabic}"}
PSEUDO_SHARE = 0.25


def read_flores() -> dict[str, list[str]]:
    if not FLORES.exists():
        sys.exit(f"FLORES-200 dev not found at {FLORES}")
    return {lang: (FLORES / name).read_text(encoding="utf-8").splitlines()
            for lang, name in LANG_FILES.items()}


class Background:
    """Synthetic sentences: a language's word frequencies and a growing rare vocabulary.

    ``frequencies="wordfreq"`` draws words at their frequency in general text (the
    wordfreq package's lists, which ship in its wheel), English words in the case FLORES
    writes them in mid-sentence, digits filled in at random; ``"flores"`` draws them at
    their frequency in FLORES dev itself (the module's docstring says why that is harsh).
    """

    def __init__(self, lines: list[str], lang: str, rng: random.Random, vocabulary: int,
                 frequencies: str = "wordfreq"):
        general = frequencies == "wordfreq"
        if general:
            counts = _general_frequencies(lines, lang)
        else:
            counts = Counter(w for line in lines for w in line.split())
        self.words, weights = zip(*counts.items())
        self.cumulative = np.cumsum(np.array(weights, dtype=np.float64))
        self.lengths = [len(line.split()) for line in lines]
        # pseudo-words in the language's own script (FLORES's Hindi lines hold Latin names
        # too), made of a letter and a letter or vowel sign, lower-case: English ones are
        # capitalised as names are
        script = regex.compile(SCRIPTS[lang])
        chars = {c for line in lines for c in line if script.match(c)}
        letters = sorted(c for c in chars if c.isalpha() and c == c.lower())
        marks = sorted(c for c in chars if unicodedata.category(c) in ("Mn", "Mc"))
        pairs = [a + b for a in letters for b in letters + marks]
        self.syllables = random.Random(f"syllables-{lang}").sample(pairs, min(400, len(pairs)))
        self.lang, self.rng, self.vocabulary = lang, rng, vocabulary
        # wordfreq writes every digit of a multi-digit number as 0; FLORES words are real
        self.fill_digits = general

    def _pseudo_word(self) -> str:
        # Zipf-like rank over a vocabulary of `vocabulary` pseudo-words, fixed by their rank
        rank = int(self.vocabulary ** self.rng.random())
        local = random.Random(rank * 7919 + len(self.lang))
        word = "".join(local.choice(self.syllables) for _ in range(local.randint(2, 4)))
        return word.capitalize()

    def _word(self, k: int) -> str:
        word = self.words[k]
        if self.fill_digits and "0" in word:
            word = "".join(str(self.rng.randint(1 if i == 0 else 0, 9)) if c == "0" else c
                           for i, c in enumerate(word))
        return word

    def sentence(self) -> str:
        n = self.rng.choice(self.lengths)
        picks = np.searchsorted(self.cumulative, [self.rng.random() * self.cumulative[-1] for _ in range(n)])
        words = [self._pseudo_word() if self.rng.random() < PSEUDO_SHARE else self._word(k) for k in picks]
        return " ".join(words).rstrip(".।۔") + END_MARK[self.lang]


def _general_frequencies(lines: list[str], lang: str) -> dict[str, float]:
    from wordfreq import get_frequency_dict

    cased: Counter[str] = Counter()
    for line in lines:
        cased.update(w.strip(".,;:!?\"'()") for w in line.split()[1:])
    case = {}
    for form, _ in cased.most_common():
        case.setdefault(form.lower(), form)
    return {case.get(w, w): f for w, f in get_frequency_dict(lang, "best").items()}


def perturb(line: str, rng: random.Random, vocabulary: list[str]) -> str:
    words = line.split()
    if len(words) > 6:
        words[rng.randrange(len(words))] = rng.choice(vocabulary)
        del words[rng.randrange(len(words))]
    return " ".join(words)


def build_collection(n: int, seed: int, background: str = "wordfreq"
                     ) -> tuple[list[dict], dict[tuple[str, str], str]]:
    rng = random.Random(seed)
    flores = read_flores()
    backgrounds = {lang: Background(lines, lang, rng, vocabulary=20 * n, frequencies=background)
                   for lang, lines in flores.items()}
    docs: list[dict] = []
    planted: dict[tuple[str, str], str] = {}
    free = list(range(len(flores["en"])))
    rng.shuffle(free)
    # blocks of consecutive lines stay on one article's topic, like a real story
    blocks = sorted(free[: len(free) // 8])

    def add(lang: str, sentences: list[str]) -> str:
        doc_id = f"d{len(docs):06d}"
        docs.append({"id": doc_id, "lang": lang, "text": "\n".join(sentences)})
        return doc_id

    def background(lang: str, k: int) -> list[str]:
        return [backgrounds[lang].sentence() for _ in range(k)]

    used: set[int] = set()

    def take(k: int) -> list[int] | None:
        for start in blocks:
            ids = list(range(start, start + k))
            if ids[-1] < len(flores["en"]) and not used.intersection(ids):
                used.update(ids)
                return ids
        return None

    kinds = ["translation", "near_duplicate", "partial_overlap"]
    while True:
        kind = kinds[len(planted) % 3]
        if kind == "partial_overlap":
            ids = take(rng.randint(2, 3))
        else:
            ids = take(rng.randint(5, 10))
        if ids is None or len(docs) + 2 > n:
            break
        if kind == "translation":
            a = add("en", [flores["en"][i] for i in ids])
            b = add("hi", [flores["hi"][i] for i in ids])
        elif kind == "near_duplicate":
            lang = rng.choice(list(LANG_FILES))
            lines = [flores[lang][i] for i in ids]
            a = add(lang, lines)
            b = add(lang, [perturb(line, rng, backgrounds[lang].words) for line in lines])
        else:
            other = rng.choice(["en", "hi"])
            a = add("en", background("en", rng.randint(3, 5)) + [flores["en"][i] for i in ids]
                    + background("en", rng.randint(2, 4)))
            b = add(other, background(other, rng.randint(2, 5)) + [flores[other][i] for i in ids]
                    + background(other, rng.randint(2, 4)))
        planted[(a, b)] = kind
    while len(docs) < n:
        lang = rng.choice(list(LANG_FILES))
        add(lang, background(lang, rng.randint(5, 15)))
    order = list(range(len(docs)))
    rng.shuffle(order)
    return [docs[k] for k in order], planted


def run_one(n: int, seed: int, background: str) -> dict:
    from dupcheck.backends.registry import BackendConfig
    from dupcheck.duplicates.pipeline import scan_paths

    docs, planted = build_collection(n, seed, background)
    with tempfile.TemporaryDirectory() as tmp:
        manifest = Path(tmp) / "collection.jsonl"
        manifest.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n", encoding="utf-8")
        stages: dict[str, float] = {}
        last = [time.perf_counter()]

        def progress(stage: str, done: int, total: int) -> None:
            now = time.perf_counter()
            stages[stage] = stages.get(stage, 0.0) + now - last[0]
            last[0] = now

        start = time.perf_counter()
        # the offline default: lexical pivot; scan does not use sentence embeddings
        report = scan_paths([manifest], progress=progress,
                            backends=BackendConfig(translator="lexical", encoder="none"))
        wall = time.perf_counter() - start
    found = {tuple(sorted((p.a, p.b))): p.relation.value for p in report.pairs}
    truth = {tuple(sorted(k)): v for k, v in planted.items()}
    hits = [k for k in truth if k in found]
    right = [k for k in hits if found[k] == truth[k]]
    per_kind = {kind: f"{sum(1 for k in hits if truth[k] == kind)}/{sum(1 for v in truth.values() if v == kind)}"
                for kind in ("translation", "near_duplicate", "partial_overlap")}
    return {
        "n": n, "planted": len(truth), "found": len(found), "candidates": report.candidates,
        "recall": len(hits) / len(truth), "precision": len(hits) / max(len(found), 1),
        "relation_accuracy": len(right) / max(len(hits), 1), "recall_by_kind": per_kind,
        "wall_s": round(wall, 2), "stage_s": {k: round(v, 2) for k, v in stages.items()},
        # this process's peak: it holds every document and sketch; a worker holds one chunk
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def compare_minhash(sets: int = 5000, terms: int = 60, repeats: int = 5) -> dict:
    """Median seconds of our MinHash (one thread, as datasketch has) and of datasketch's
    ``MinHash.bulk`` on the same sets, run alternately."""
    from datasketch import MinHash

    from dupcheck.duplicates.candidates import PASSAGE_LSH, minhash_signatures, term_hashes

    rng = random.Random(1)
    vocab = [f"w{k}" for k in range(50_000)]
    data = [[rng.choice(vocab) for _ in range(terms)] for _ in range(sets)]
    hashed = [term_hashes(d) for d in data]
    encoded = [[t.encode() for t in d] for d in data]
    ours, theirs = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        minhash_signatures(hashed, PASSAGE_LSH)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        MinHash.bulk(encoded, num_perm=PASSAGE_LSH.num_perm)
        theirs.append(time.perf_counter() - start)
    ours_s, theirs_s = statistics.median(ours), statistics.median(theirs)
    return {"sets": sets, "numpy_s": round(ours_s, 3), "datasketch_bulk_s": round(theirs_s, 3),
            "datasketch_over_numpy": round(theirs_s / ours_s, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--background", choices=["wordfreq", "flores"], default="wordfreq",
                        help="word frequencies of the background articles (see Background)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.seed, args.background)))
        return
    print(json.dumps({"minhash": compare_minhash()}))
    results = []
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--seed", str(args.seed),
                              "--background", args.background],
                             capture_output=True, text=True, check=True, cwd=ROOT)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), flush=True)
    if len(results) > 1:
        exponent = np.polyfit(np.log([r["n"] for r in results]), np.log([r["wall_s"] for r in results]), 1)[0]
        print(json.dumps({"time_growth_exponent": round(float(exponent), 3)}))


if __name__ == "__main__":
    main()
