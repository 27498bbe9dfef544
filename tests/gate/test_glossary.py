from __future__ import annotations

from pathlib import Path

import pytest

from dupcheck.errors import ConfigError
from dupcheck.gate.glossary import Glossary, Term, check_glossary, load_glossary
from dupcheck.records import Bead, FindingType, Severity
from dupcheck.text.load import document_from_text, load_document
from dupcheck.text.segment import segment
from tests.gate_support import DESK, SEED_EN, SEED_HI

IRONCLAD = Term("ironclad", "hi", required=("अटूट", "फौलादी"), forbidden=("परेशान",))


@pytest.fixture(scope="module")
def seeds():
    return segment(load_document(DESK / SEED_EN, lang="en")), segment(
        load_document(DESK / SEED_HI, lang="hi")
    )


@pytest.mark.parametrize("name", ["glossary.toml", "terms/glossary.csv", "terms/glossary.tbx"])
def test_formats_read_the_same_ironclad_entry(name: str) -> None:
    glossary = load_glossary(DESK / name)
    assert IRONCLAD in glossary.terms


def test_tbx_2008_form(tmp_path: Path) -> None:
    path = tmp_path / "old.tbx"
    path.write_text(
        '<martif type="TBX" xml:lang="en"><text><body><termEntry>'
        '<langSet xml:lang="en"><tig><term>ironclad</term></tig></langSet>'
        '<langSet xml:lang="hi"><tig><term>अटूट</term></tig>'
        '<tig><term>परेशान</term><termNote type="normativeAuthorization">deprecatedTerm</termNote></tig></langSet>'
        "</termEntry></body></text></martif>",
        encoding="utf-8",
    )
    assert load_glossary(path).terms == (Term("ironclad", "hi", ("अटूट",), ("परेशान",)),)


def test_seed_ironclad_caught_by_the_glossary_alone(seeds) -> None:
    """No neural or lexical signal: the whole-document fallback finds the forbidden word."""
    source, target = seeds
    findings = check_glossary(load_glossary(DESK / "glossary.toml"), source, target)
    forbidden = [f for f in findings if f.code == "glossary.forbidden"]
    assert len(forbidden) == 1
    f = forbidden[0]
    assert f.type is FindingType.GLOSSARY and f.severity is Severity.MAJOR
    assert target.text[slice(*f.target_span)] == "परेशान"
    assert source.text[slice(*f.source_span)] == "ironclad"
    assert "ironclad friendship" in f.source_text and "परेशान दोस्ती" in f.target_text
    assert target.sentences[f.target[0]].text == f.target_text
    # the forbidden rendering says it all: no separate "missing" finding for the same term
    assert not [g for g in findings if g.code == "glossary.missing" and g.source == f.source]


def test_per_bead_check_only_looks_at_the_aligned_sentences(seeds) -> None:
    source, target = seeds
    ironclad = next(s.index for s in source.sentences if "ironclad" in s.text)
    troubled = next(s.index for s in target.sentences if "परेशान" in s.text)
    glossary = Glossary((IRONCLAD,))
    aligned = check_glossary(glossary, source, target, (Bead((ironclad,), (troubled,), 0.7),))
    assert [f.code for f in aligned] == ["glossary.forbidden"]
    elsewhere = check_glossary(glossary, source, target, (Bead((ironclad,), (0,), 0.7),))
    assert [f.code for f in elsewhere] == ["glossary.missing"]
    omitted = check_glossary(glossary, source, target, (Bead((ironclad,), (), 0.0),))
    assert omitted == ()


def _pair(en: str, hi: str, lang: str = "hi"):
    return (segment(document_from_text(en, lang="en")), segment(document_from_text(hi, lang=lang)))


@pytest.mark.parametrize(
    ("term", "en", "target", "lang", "codes", "flagged"),
    [
        # English plural and case on the source side
        (
            IRONCLAD,
            "Ironclads were sold.",
            "परेशान जहाज बेचे गए।",
            "hi",
            ["glossary.forbidden"],
            "परेशान",
        ),
        # Hindi inflection of a forbidden rendering
        (
            IRONCLAD,
            "An ironclad deal.",
            "परेशानी वाला सौदा।",
            "hi",
            ["glossary.forbidden"],
            "परेशानी",
        ),
        # required rendering inflected: no finding
        (IRONCLAD, "An ironclad bond.", "फौलादी रिश्ते को बनाए रखा।", "hi", [], None),
        (Term("boy", "hi", required=("लड़का",)), "The boys came.", "लड़के आए।", "hi", [], None),
        (
            Term("boy", "hi", required=("लड़का",)),
            "The boys came.",
            "बच्चे आए।",
            "hi",
            ["glossary.missing"],
            None,
        ),
        # Arabic clitics: the article and a conjunction before the rendering
        (
            Term("treaty", "ar", forbidden=("صفقة",)),
            "The treaty holds.",
            "والصفقة قائمة.",
            "ar",
            ["glossary.forbidden"],
            "والصفقة",
        ),
        # a word that merely contains the rendering is not it
        (Term("bond", "hi", forbidden=("बंध",)), "A strong bond.", "एक मजबूत प्रबंधन।", "hi", [], None),
        # no term in the source: nothing to check
        (IRONCLAD, "A strong friendship.", "परेशान दोस्ती।", "hi", [], None),
    ],
)
def test_inflection_and_case(
    term: Term, en: str, target: str, lang: str, codes: list[str], flagged: str | None
) -> None:
    source, translation = _pair(en, target, lang)
    findings = check_glossary(Glossary((term,)), source, translation)
    assert [f.code for f in findings] == codes
    assert all(
        f.target == () for f in findings if f.code == "glossary.missing"
    )  # no one sentence to blame
    if flagged is not None:
        assert translation.text[slice(*findings[0].target_span)] == flagged


@pytest.mark.parametrize(
    ("name", "text", "line", "key"),
    [
        (
            "g.csv",
            "source,lang,target,status\nironclad,hi,अटूट,required\nironclad,hi,,forbidden\n",
            3,
            "target",
        ),
        ("g.csv", "source,lang,target,status\nironclad,hi,परेशान,banned\n", 2, "status"),
        (
            "g.toml",
            '[ironclad]\nhi = { required = ["अटूट"] }\n\n[steadfast]\nhi = { required = [] }\n',
            5,
            "steadfast.hi",
        ),
        (
            "g.toml",
            '[ironclad]\nhi = { required = ["अटूट"], forbiden = ["परेशान"] }\n',
            2,
            "ironclad.hi",
        ),
    ],
)
def test_bad_glossary_rows_name_file_line_and_key(
    tmp_path: Path, name: str, text: str, line: int, key: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"^{path}:{line}: {key}"):
        load_glossary(path)
