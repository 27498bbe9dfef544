"""Build the list of given names an English dictionary also knows (``models/names/``).

A capitalised word the dictionary knows is not looked for as a name, since a translation
renders it as a word; but the dictionary (simplemma's, built from Wiktionary) also knows
hundreds of first names ("Kate", "Sara", "Donald"), so "Kate O'Malley" written सारा
ओ'मैली passed. This list names those that are nothing but names, for
``fidelity.findings.names``. Run by hand, never at run time; it reads the first names of
the ``Faker`` wheel's English locales (MIT) and Princeton WordNet 3.0 as Debian's
``wordnet-base`` ships it::

    pip download --no-deps faker==40.63.0 -d /tmp/fk
    python3 -m zipfile -e /tmp/fk/faker-40.63.0-py3-none-any.whl /tmp/fk/x
    apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb /tmp/wn/x
    PYTHONPATH=/tmp/fk/x .venv/bin/python models/build_given_names.py /tmp/wn/x/usr/share/wordnet

Kept: first names that simplemma's English dictionary knows (the others are names
already) and that WordNet never writes in lower case, that is, that have no sense as a
common word ("Will", "Grace", "Mark" and "John", a toilet, are left out; "James" and
"Kate" kept); less the places of ``models/places/`` (India → भारत is the place check's),
and the few words that a translation renders as a word (``RENDERED``).
"""

from __future__ import annotations

import argparse
import importlib
import re
from pathlib import Path

import simplemma
from build_places import write_names  # models/ is the script's folder, so on its path

OUT = Path(__file__).resolve().parent / "names" / "given.txt"
PLACES = Path(__file__).resolve().parent / "places" / "places.txt"
#: Faker's locales whose first names are written in Latin letters, as an English source has them
LOCALES = ("en_US", "en_GB", "en_IE", "en_IN", "en_KE", "en_NG", "en_NZ", "en_PK")
#: names a translation renders by a word of its own, not by their sound: Jesus (ईसा,
#: عيسى), a Tory (a Conservative), a Scot, the Kaiser (an emperor); and months
RENDERED = frozenset({"Jesus", "Tory", "Scot", "Kaiser", "April", "June"})
#: a lemma of WordNet's data files, with its syntactic marker ("(a)") left off
_LEMMA = re.compile(r"\(.*\)$")


def first_names() -> set[str]:
    names: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            names |= set(getattr(provider, attr, ()))
    return names


def common_words(wordnet: Path) -> set[str]:
    """Every lemma WordNet writes in lower case somewhere: a common word."""
    common: set[str] = set()
    for pos in ("noun", "verb", "adj", "adv"):
        for line in (wordnet / f"data.{pos}").read_text(encoding="utf-8").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split()
            for k in range(int(fields[3], 16)):
                word = _LEMMA.sub("", fields[4 + 2 * k])
                if not word[:1].isupper():
                    common.add(word.lower())
    return common


def given_names(wordnet: Path) -> set[str]:
    places = set(PLACES.read_text(encoding="utf-8").split())
    common = common_words(wordnet)
    return {
        n for n in first_names() - places - RENDERED
        if n.isalpha() and simplemma.is_known(n.lower(), lang="en") and n.lower() not in common
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wordnet", type=Path, help="WordNet 3.0's dict folder (data.noun, ...)")
    write_names(given_names(parser.parse_args().wordnet), OUT)


if __name__ == "__main__":
    main()
