"""Build ``models/wordnet/wordnet-senses.tsv.gz`` from Princeton WordNet 3.0 database files.

The source is Debian's ``wordnet-base`` package (``apt-get download wordnet-base`` and
``dpkg-deb -x``), whose ``/usr/share/wordnet`` holds the ``index.*``, ``data.*`` and
``*.exc`` files. Only what ``dupcheck.duplicates.spin`` needs is kept: for every lemma its synsets in
sense-frequency order, for every synset its hypernyms, similar-to and verb-group links, and
the morphological exception lists.

    python scripts/build_wordnet.py /tmp/wn/x/usr/share/wordnet models/wordnet/wordnet-senses.tsv.gz
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
#: pointer symbols kept: hypernym, instance hypernym, similar to, verb group
KEPT_POINTERS = {"@", "@i", "&", "$"}


def synset_key(offset: str, pos: str) -> str:
    # satellite adjectives ("s") share the adjective index
    return ("a" if pos == "s" else pos) + offset.lstrip("0")


def main(source: Path, target: Path) -> None:
    lines: list[str] = []
    for pos, name in POS_FILES.items():
        for line in (source / f"index.{name}").read_text(encoding="utf-8").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split()
            lemma, synset_count = fields[0], int(fields[2])
            offsets = fields[-synset_count:]
            lines.append("L\t" + lemma + "\t" + pos + "\t" + " ".join(synset_key(o, pos) for o in offsets))
        for line in (source / f"data.{name}").read_text(encoding="utf-8").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split(" | ")[0].split()
            offset, ss_type, word_count = fields[0], fields[2], int(fields[3], 16)
            at = 4 + 2 * word_count
            pointer_count = int(fields[at])
            links = []
            for k in range(pointer_count):
                symbol, target_offset, target_pos = fields[at + 1 + 4 * k : at + 4 + 4 * k]
                if symbol in KEPT_POINTERS:
                    links.append(synset_key(target_offset, target_pos))
            if links:
                lines.append("S\t" + synset_key(offset, ss_type) + "\t" + " ".join(links))
        for line in (source / f"{name}.exc").read_text(encoding="utf-8").splitlines():
            inflected, *bases = line.split()
            lines.append("X\t" + inflected + "\t" + pos + "\t" + " ".join(bases))
    target.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(target, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
