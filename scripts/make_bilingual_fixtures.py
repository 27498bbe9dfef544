"""Write the seed pair as the bilingual files a desk has: XLIFF 1.2, XLIFF 2.0, TMX and TSV.

    .venv/bin/python scripts/make_bilingual_fixtures.py   # writes fixtures/bilingual/

The segments are the 1-1 pairs of the desk's seed story (fixtures/desk/stories, the AP
original and its Hindi translation) as ``dupcheck check --encoder none`` aligns them, so
the files hold the translation's errors as they are: the "ironclad" mistranslation and the
changed "tens of thousands". ``seed-misaligned.tsv`` is the same TSV with one segment's
target swapped with its neighbour's, the mistake a desk makes pasting into a CAT tool.
Written with translate-toolkit (TSV with the standard library's csv).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from translate.storage import tmx, xliff, xliff2

from dupcheck.backends.registry import BackendConfig
from dupcheck.fidelity.pipeline import Checker

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "fixtures" / "desk" / "stories"
OUT = ROOT / "fixtures" / "bilingual"
#: the segment (1-based) whose target is swapped with the next one's in seed-misaligned.tsv
SWAPPED = 5


def segments() -> list[tuple[str, str]]:
    report = Checker(BackendConfig(encoder="none")).check_files(
        STORIES / "2022-02-05-xi-egypt.en.txt", STORIES / "2022-02-05-xi-egypt.hi.txt",
        source_lang="en", target_lang="hi",
    )
    return [
        (report.source.sentences[b.source[0]].text, report.target.sentences[b.target[0]].text)
        for b in report.alignment if b.kind == "1-1"
    ]


def xliff1(pairs: list[tuple[str, str]]) -> bytes:
    store = xliff.xlifffile(sourcelanguage="en", targetlanguage="hi")
    for source, target in pairs:
        unit = store.addsourceunit(source)
        unit.target = target
    # translate-toolkit writes the 1.1 namespace; the units are the same in 1.2
    return bytes(store).replace(b"xliff:document:1.1", b"xliff:document:1.2").replace(
        b'version="1.1"', b'version="1.2"')


def xliff_2(pairs: list[tuple[str, str]]) -> bytes:
    store = xliff2.Xliff2File(sourcelanguage="en", targetlanguage="hi")
    for source, target in pairs:
        unit = store.addsourceunit(source)
        unit.target = target
    return bytes(store)


def tmx_file(pairs: list[tuple[str, str]]) -> bytes:
    store = tmx.tmxfile(sourcelanguage="en", targetlanguage="hi")
    for source, target in pairs:
        store.addtranslation(source, "en", target, "hi")
    return bytes(store)


def tsv(pairs: list[tuple[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(["en", "hi"])
    writer.writerows(pairs)
    return out.getvalue().encode("utf-8")


def main(out: Path = OUT) -> None:
    pairs = segments()
    misaligned = list(pairs)
    k = SWAPPED - 1
    misaligned[k], misaligned[k + 1] = (pairs[k][0], pairs[k + 1][1]), (pairs[k + 1][0], pairs[k][1])
    out.mkdir(parents=True, exist_ok=True)
    for name, data in {
        "seed.xlf": xliff1(pairs), "seed.xliff": xliff_2(pairs), "seed.tmx": tmx_file(pairs),
        "seed.tsv": tsv(pairs), "seed-misaligned.tsv": tsv(misaligned),
    }.items():
        (out / name).write_bytes(data)
        print(f"wrote {out / name} ({len(pairs)} segments)")


if __name__ == "__main__":
    main()
