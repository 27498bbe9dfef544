"""Build dupcheck's offline Hindi/Arabic <-> English lexicons from Debian's FreeDict packages.

Run by hand (needs apt-get, network access to Debian and the ``lexicon-build`` extra,
i.e. ``wordfreq``), never at run time:

    /work/venv/bin/python models/build_lexicon.py            # download, parse, write
    /work/venv/bin/python models/build_lexicon.py --dictd DIR  # use unpacked .index/.dict.dz

Writes ``models/lexicon/{hi,ar}.tsv.gz`` (foreign key, English lemmas in sense order,
stopword flag), ``models/lexicon/loans.tsv.gz`` (every English lemma of both by sound
key, to recognise English loans) and ``models/lexicon/meta.json`` (package versions).
Keys are normalised and lemmatised exactly as ``dupcheck.lexical.lexicon`` does at run time, so
the build imports that module for it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wordfreq import zipf_frequency  # build-time only: not a dupcheck dependency

from dupcheck.lexical.lexicon import (
    ENGLISH_STOPWORDS,
    MIN_LOAN_CONSONANTS,
    english_lemma,
    foreign_keys,
    normalize,
)
from dupcheck.lexical.translit import phonetic_key, sound_similarity

PACKAGES = {
    "hi": ["dict-freedict-eng-hin"],
    "ar": ["dict-freedict-ara-eng", "dict-freedict-eng-ara"],
}
OUT = ROOT / "models" / "lexicon"
SUPPLEMENT = ROOT / "models" / "supplement"
#: the most English meanings kept per foreign key; later senses are mostly noise
MAX_MEANINGS = 12
BOTH_WAYS_BONUS = 1.0
#: sense ranks one Zipf unit (10x corpus frequency) of the English word is worth
FREQUENCY_WEIGHT = 0.5
# A sense that merely transliterates the foreign word is mostly a person's name the
# dictionaries list among common words (دولي = Dooley, Dolly, International): it goes
# after the real senses, unless it is the only one (بكين = Beijing).
TRANSLITERATION = 0.8
NAME_PENALTY = 3.0

# Words that only carry grammar inside a multi-word dictionary rendering ("घृणा~करना" =
# hatred + do): dropped to find the one content word the phrase hangs on.
LIGHT_WORDS = {
    "hi": {
        "करना", "होना", "देना", "लेना", "जाना", "रखना", "पड़ना", "लगना", "का", "की", "के",
        "को", "से", "में", "पर", "एक", "और", "या", "वाला", "वाली", "वाले", "हुआ", "हुई",
        "हुए", "कर", "हो", "जो",
    },
    "ar": {"في", "من", "إلى", "على", "عن", "مع", "ال", "و", "أو", "الـ", "بـ", "لـ"},
}  # fmt: skip

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def b64_number(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + B64.index(char)
    return value


def download(packages: list[str], into: Path) -> dict[str, str]:
    """apt-get download + dpkg -x; returns {package: version}."""
    versions: dict[str, str] = {}
    subprocess.run(["apt-get", "download", *packages], cwd=into, check=True)
    for deb in sorted(into.glob("*.deb")):
        name, version = deb.name.split("_")[:2]
        versions[name] = version.replace("%3a", ":")
        subprocess.run(["dpkg", "-x", str(deb), str(into / "x")], check=True)
    return versions


def read_dictd(dictd: Path, name: str) -> list[tuple[str, str]]:
    """(headword, entry body) pairs of one dictd database, in index order."""
    data = gzip.decompress((dictd / f"freedict-{name}.dict.dz").read_bytes())
    entries = []
    for line in (dictd / f"freedict-{name}.index").read_text(encoding="utf-8").splitlines():
        head, offset, length = line.split("\t")[:3]
        if head.startswith("00database") or not head.strip():
            continue
        start = b64_number(offset)
        body = data[start : start + b64_number(length)].decode("utf-8")
        entries.append((head, body))
    return entries


SENSE = re.compile(r"^(?:(\d+)\.\s+)?(.+)$")


def senses(body: str) -> list[str]:
    """The translation lines of an entry body, in sense order (examples and header dropped)."""
    lines = body.splitlines()[1:]
    return [
        SENSE.match(line.strip()).group(2)
        for line in lines
        if line.strip() and not line.startswith(" ") and not line.startswith('"')
    ]


def english_meaning(text: str) -> str | None:
    """One English lemma for a dictionary rendering, or None if it is not a single content word."""
    words = [w for w in re.findall(r"[a-z][a-z'-]*", text.lower()) if w not in ENGLISH_STOPWORDS]
    if len(words) != 1 or "(" in text:
        return None
    return english_lemma(words[0])


def foreign_items(text: str, lang: str) -> list[tuple[str, float]]:
    """Foreign content words of a rendering with a penalty: 0 for a one-word rendering."""
    text = re.sub(r"\{[^}]*\}|\[[^\]]*\]|\([^)]*\)", " ", text)
    out: list[tuple[str, float]] = []
    for item in re.split(r"[,،;/]", text):
        words = [w for w in re.split(r"[~\s]+", item.strip()) if w]
        content = [w for w in words if normalize(w, lang) not in LIGHT_WORDS[lang]]
        if len(words) == 1:
            out.append((words[0], 0.0))
        elif len(content) == 1:
            out.append((content[0], 0.5))
        elif len(content) == 2:
            out.extend((w, 2.0) for w in content)
    return out


class Table:
    """foreign key -> {english lemma: best rank}; lower rank = earlier sense.

    A pair attested in both directions (ara-eng and eng-ara) gains a sense rank:
    one-directional pairs are where transliterated names (Dole = دولة) slip in.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.ranks: dict[str, dict[str, float]] = defaultdict(dict)
        self.stop: set[str] = set()
        self.sources: dict[tuple[str, str], set[str]] = defaultdict(set)

    def add(
        self,
        foreign: str,
        english: str,
        rank: float,
        source: str = "",
        keys: tuple[str, ...] | None = None,
    ) -> None:
        if source and sound_similarity(english, foreign, self.lang) >= TRANSLITERATION:
            rank += NAME_PENALTY
        for key in keys or foreign_keys(foreign, self.lang):
            seen = self.sources[key, english]
            bonus = BOTH_WAYS_BONUS if seen and source not in seen else 0.0
            seen.add(source)
            best = self.ranks[key].get(english)
            if best is None or rank - bonus < best:
                self.ranks[key][english] = rank - bonus

    def add_supplement(self, path: Path) -> None:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            word, meanings, *flags = line.split("\t") + [""]
            # "form": the word is stored under its own form only, for a fused particle
            # whose lemma is another word (عما "about what" lemmatises to عم "uncle")
            keys = (normalize(word, self.lang),) if "form" in flags else None
            for i, meaning in enumerate(m for m in meanings.split("|") if m):
                self.add(word, meaning.strip().lower(), -10.0 + i, keys=keys)
            if "stop" in flags:
                for key in keys or foreign_keys(word, self.lang):
                    self.stop.add(key)
                    self.ranks.setdefault(key, {})

    def write(self, path: Path) -> int:
        # The dictionaries order senses per English headword, not per foreign word: the
        # English word's corpus frequency puts common senses first (देश: country before
        # soil, परेशान: trouble before distraught).
        rows = []
        for key in sorted(self.ranks):
            ranked = sorted(
                self.ranks[key].items(),
                key=lambda kv: (kv[1] - FREQUENCY_WEIGHT * zipf_frequency(kv[0], "en"), kv[0]),
            )
            meanings = "|".join(e for e, _ in ranked[:MAX_MEANINGS])
            rows.append(f"{key}\t{meanings}\t{'s' if key in self.stop else ''}\n")
        with gzip.GzipFile(path, "wb", mtime=0) as fh:
            fh.write("".join(rows).encode("utf-8"))
        return len(rows)


def from_english(table: Table, entries: list[tuple[str, str]]) -> None:
    """eng-X: the English headword is a meaning of each foreign word in its renderings."""
    for head, body in entries:
        english = english_meaning(head)
        if english is None:
            continue
        for sense_index, sense in enumerate(senses(body) or [body.split("\n", 1)[-1]]):
            for position, (word, penalty) in enumerate(foreign_items(sense, table.lang)):
                table.add(word, english, sense_index + penalty + 0.01 * position, "from-english")


def from_foreign(table: Table, entries: list[tuple[str, str]]) -> None:
    """X-eng: each English rendering of the foreign headword is a meaning of it."""
    for head, body in entries:
        if len(head.split()) != 1:
            continue
        for sense_index, sense in enumerate(senses(body)):
            english = english_meaning(sense)
            if english is not None:
                table.add(head, english, float(sense_index), "from-foreign")


def build(dictd: Path, versions: dict[str, str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    vocabulary: set[str] = set()
    for lang in ("hi", "ar"):
        table = Table(lang)
        table.add_supplement(SUPPLEMENT / f"{lang}.tsv")
        for package in PACKAGES[lang]:
            name = package.removeprefix("dict-freedict-")
            entries = read_dictd(dictd, name)
            if name.startswith("eng-"):
                from_english(table, entries)
            else:
                from_foreign(table, entries)
        count = table.write(OUT / f"{lang}.tsv.gz")
        vocabulary.update(e for meanings in table.ranks.values() for e in meanings)
        print(f"{lang}: {count} keys", file=sys.stderr)
    by_sound: dict[str, list[str]] = defaultdict(list)
    for word in sorted(vocabulary):
        key = phonetic_key(word)
        # Short keys ("sa" = so, say, see, sea, show) match too much to mean anything.
        if len(key.replace("a", "")) >= MIN_LOAN_CONSONANTS:
            by_sound[key].append(word)
    with gzip.GzipFile(OUT / "loans.tsv.gz", "wb", mtime=0) as fh:
        rows = (f"{key}\t{'|'.join(words)}\n" for key, words in sorted(by_sound.items()))
        fh.write("".join(rows).encode("utf-8"))
    meta = {"source": "FreeDict via Debian", "packages": versions}
    (OUT / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dictd", type=Path, help="folder with freedict-*.index/.dict.dz")
    parser.add_argument("--versions", help="JSON {package: version} when --dictd is given")
    args = parser.parse_args()
    if args.dictd:
        build(args.dictd, json.loads(args.versions or "{}"))
        return
    with tempfile.TemporaryDirectory() as tmp:
        packages = [p for names in PACKAGES.values() for p in names]
        versions = download(packages, Path(tmp))
        build(Path(tmp) / "x" / "usr" / "share" / "dictd", versions)


if __name__ == "__main__":
    main()
