"""The desk's termbase: required and forbidden renderings of English terms, per language.

Read from TOML, CSV or TBX; checked per aligned bead (a term in the source sentences, its
rendering in the target sentences facing them), or over the whole document when there is no
alignment. Matching is case-insensitive and allows the common inflections: English plural
-s/-es on the term, Hindi oblique/plural endings and Arabic clitics on the renderings.

TOML::

    [ironclad]
    hi = { required = ["अटूट", "फौलादी"], forbidden = ["परेशान"] }

CSV (header ``source,lang,target,status`` with status ``required`` or ``forbidden``).
TBX (2008 ``termEntry``/``langSet``/``tig`` or 2019 ``conceptEntry``/``langSec``/``termSec``):
an entry with an English language set and one per target language; a term whose
``administrativeStatus`` (or ``normativeAuthorization``) is ``deprecatedTerm...`` or
``supersededTerm...`` is forbidden, the others are required.
"""

from __future__ import annotations

import csv
import io
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import defusedxml.ElementTree as SafeET
import regex
from defusedxml import DefusedXmlException

from dupcheck.errors import ConfigError
from dupcheck.records import Bead, Document, Finding, FindingType, Severity
from dupcheck.text.load import read_text_file

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_FORBIDDEN_STATUS = ("deprecatedterm", "supersededterm")

#: endings a Hindi word takes (oblique, plural, feminine); tried after the full rendering and
#: after the rendering less its final vowel sign (लड़का → लड़के, लड़कों)
_HINDI_ENDINGS = ("ों", "ें", "ां", "ीं", "ियों", "ियां", "ियाँ", "ाओं", "ा", "ी", "े", "ो")
_ARABIC_PREFIX = "(?:[وف])?(?:[بلك])?(?:ال)?"
_ARABIC_ENDINGS = ("ة", "ات", "ون", "ين", "ان", "ها", "هم", "ه", "ي")
_EDGE_BEFORE = r"(?<![\p{L}\p{M}\p{N}])"
_EDGE_AFTER = r"(?![\p{L}\p{M}\p{N}])"
#: a language key: an ISO 639-1 (or 639-3) code
_LANG_KEY = regex.compile(r"[a-z]{2,3}")


@dataclass(frozen=True, slots=True)
class Term:
    """One English term and how it may (required) and may not (forbidden) be rendered in ``lang``."""

    source: str
    lang: str
    required: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()

    def source_pattern(self) -> regex.Pattern[str]:
        words = [regex.escape(w) for w in self.source.split()]
        words[-1] += "(?:e?s)?"
        return regex.compile(_EDGE_BEFORE + r"\s+".join(words) + _EDGE_AFTER, regex.I)

    def rendering_pattern(self, renderings: Sequence[str]) -> regex.Pattern[str]:
        return regex.compile("|".join(_inflected(r, self.lang) for r in renderings), regex.I)


@dataclass(frozen=True, slots=True)
class Glossary:
    terms: tuple[Term, ...]

    def for_lang(self, lang: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.lang == lang)


def _inflected(rendering: str, lang: str) -> str:
    words = [regex.escape(w) for w in rendering.split()]
    last = words[-1]
    if lang == "hi":
        stem = regex.escape(rendering.split()[-1][:-1]) if rendering[-1] in "ाीे" else last
        ending = "|".join(regex.escape(e) for e in _HINDI_ENDINGS)
        words[-1] = f"(?:{last}(?:{ending})?|{stem}(?:{ending}))"
    elif lang in {"ar", "ur", "fa"}:
        words[0] = _ARABIC_PREFIX + words[0]
        ending = "|".join(regex.escape(e) for e in _ARABIC_ENDINGS)
        words[-1] = f"{words[-1]}(?:{ending})?"
    else:
        words[-1] += "(?:e?s)?"
    return _EDGE_BEFORE + r"\s+".join(words) + _EDGE_AFTER


# ---------------------------------------------------------------- reading


def load_glossary(path: Path) -> Glossary:
    """Read a TOML, CSV or TBX termbase; a row with no rendering is a ``ConfigError`` with its line."""
    text = read_text_file(path)
    suffix = path.suffix.lower()
    if suffix == ".toml":
        terms = _from_toml(path, text)
    elif suffix == ".csv":
        terms = _from_csv(path, text)
    elif suffix in {".tbx", ".xml"}:
        terms = _from_tbx(path, text)
    else:
        raise ConfigError(f"{path}: unknown glossary format {suffix!r} (use .toml, .csv or .tbx)")
    if not terms:
        raise ConfigError(f"{path}: glossary holds no terms")
    return Glossary(tuple(terms))


def _line_of(text: str, needle: str, start_line: int = 1) -> int:
    """Line of a TOML key or table header ``needle`` (else of any text containing it)."""
    key = regex.compile(
        rf'^\s*(?:\[\s*"?{regex.escape(needle)}"?\s*\]|"?{regex.escape(needle)}"?\s*=)'
    )
    lines = text.splitlines()[start_line - 1 :]
    for test in (key.match, lambda line: needle in line):
        for number, line in enumerate(lines, start_line):
            if test(line):
                return number
    return start_line


def _from_toml(path: Path, text: str) -> list[Term]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    terms = []
    for source, langs in data.items():
        term_line = _line_of(text, source)
        if not source.strip():
            raise ConfigError(f"{path}:{term_line}: {source!r}: a term needs a word")
        if not isinstance(langs, dict) or not langs:
            raise ConfigError(
                f"{path}:{term_line}: {source}: expected a table of languages with renderings"
            )
        for lang, entry in langs.items():
            line = _line_of(text, lang, term_line)
            _check_lang(lang, path, line, f"{source}.{lang}")
            if not isinstance(entry, dict) or set(entry) - {"required", "forbidden"}:
                raise ConfigError(
                    f"{path}:{line}: {source}.{lang}: expected {{ required = [...], forbidden = [...] }}"
                )
            required, forbidden = (
                _renderings(entry.get(k, []), path, line, f"{source}.{lang}.{k}")
                for k in ("required", "forbidden")
            )
            if not required and not forbidden:
                raise ConfigError(f"{path}:{line}: {source}.{lang}: no target rendering given")
            terms.append(Term(source.strip(), lang, required, forbidden))
    return terms


def _check_lang(lang: str, path: Path, line: int, key: str) -> None:
    if not _LANG_KEY.fullmatch(lang):
        raise ConfigError(
            f"{path}:{line}: {key}: {lang!r} is not an ISO 639-1 language code such as hi or ar"
        )


def _renderings(value: object, path: Path, line: int, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{path}:{line}: {key}: expected a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _from_csv(path: Path, text: str) -> list[Term]:
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or not {"source", "lang", "target"} <= set(reader.fieldnames):
        raise ConfigError(f"{path}:1: header: expected columns source,lang,target[,status]")
    rows: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    try:
        for row in reader:
            _csv_row(row, reader.line_num, path, rows)
    except csv.Error as exc:  # a field over the csv module's size limit, a stray NUL, ...
        # the reader counts a line once it has parsed it: the bad one is the next
        raise ConfigError(f"{path}:{reader.line_num + 1}: not a readable CSV row ({exc})") from None
    return [Term(s, lang, tuple(req), tuple(forb)) for (s, lang), (req, forb) in rows.items()]


def _csv_row(
    row: dict[str, str | None], line: int, path: Path,
    rows: dict[tuple[str, str], tuple[list[str], list[str]]],
) -> None:
    """Add one CSV row to ``rows`` (by term and language: required and forbidden renderings)."""
    source, lang, target = ((row.get(k) or "").strip() for k in ("source", "lang", "target"))
    status = (row.get("status") or "required").strip().lower()
    if not source:
        raise ConfigError(f"{path}:{line}: source: row has no source term")
    if not target:
        raise ConfigError(f"{path}:{line}: target: row for {source!r} has no target rendering")
    if status not in {"required", "forbidden"}:
        raise ConfigError(f"{path}:{line}: status: {status!r} is not required or forbidden")
    _check_lang(lang, path, line, "lang")
    required, forbidden = rows.setdefault((source, lang), ([], []))
    (forbidden if status == "forbidden" else required).append(target)


def _from_tbx(path: Path, text: str) -> list[Term]:
    try:
        root = SafeET.fromstring(text)
    except (SafeET.ParseError, DefusedXmlException) as exc:
        raise ConfigError(f"{path}: not a readable TBX file ({exc})") from None
    terms = []
    for entry in root.iter():
        if _local(entry.tag) not in {"termEntry", "conceptEntry"}:
            continue
        by_lang = {
            (ls.get(_XML_LANG) or ls.get("lang") or "").lower(): ls
            for ls in entry
            if _local(ls.tag) in {"langSet", "langSec"}
        }
        english = [t for t in _tbx_terms(by_lang.pop("en", None))]
        if not english:
            continue
        source = english[0][0]
        for lang, lang_set in sorted(by_lang.items()):
            found = _tbx_terms(lang_set)
            if not found:
                raise ConfigError(
                    f"{path}:{_line_of(text, source)}: {source}.{lang}: langSet has no term"
                )
            required = tuple(t for t, bad in found if not bad)
            forbidden = tuple(t for t, bad in found if bad)
            _check_lang(lang.split("-")[0], path, _line_of(text, source), f"{source}.{lang}")
            terms.append(Term(source, lang.split("-")[0], required, forbidden))
    return terms


def _tbx_terms(lang_set: object) -> list[tuple[str, bool]]:
    if lang_set is None:
        return []
    out = []
    for group in lang_set.iter():  # type: ignore[attr-defined]
        if _local(group.tag) not in {"tig", "ntig", "termSec"}:
            continue
        term = next(
            (e.text for e in group.iter() if _local(e.tag) == "term" and e.text and e.text.strip()),
            None,
        )
        if term is None:
            continue
        status = " ".join(
            (e.text or "").lower()
            for e in group.iter()
            if _local(e.tag) in {"termNote", "descrip"}
            and e.get("type") in {"administrativeStatus", "normativeAuthorization"}
        )
        out.append((term.strip(), any(s in status for s in _FORBIDDEN_STATUS)))
    return out


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


# ---------------------------------------------------------------- checking


def check_glossary(
    glossary: Glossary, source: Document, target: Document, alignment: tuple[Bead, ...] = ()
) -> tuple[Finding, ...]:
    """Glossary findings for a translation; per aligned bead, or over the whole text without alignment."""
    terms = glossary.for_lang(target.lang)
    if not terms:
        return ()
    if alignment:
        units = [(b.source, b.target) for b in alignment if b.source and b.target]
    else:
        units = [
            (tuple(s.index for s in source.sentences), tuple(s.index for s in target.sentences))
        ]
    whole = not alignment
    findings = [
        f
        for term in terms
        for src, tgt in units
        for f in _check_unit(term, source, target, src, tgt, whole)
    ]
    return tuple(sorted(findings, key=lambda f: (f.target_span or (0, 0), f.source, f.code)))


def _check_unit(
    term: Term,
    source: Document,
    target: Document,
    src: tuple[int, ...],
    tgt: tuple[int, ...],
    whole: bool,
) -> Iterator[Finding]:
    """Findings for one term in one unit; ``whole``: the unit is the whole document (no alignment)."""
    src_hits = [
        (i, m) for i in src for m in term.source_pattern().finditer(source.sentences[i].text)
    ]
    if not src_hits:
        return
    src_index, src_match = src_hits[0]
    src_sentence = source.sentences[src_index]
    source_span = (src_sentence.start + src_match.start(), src_sentence.start + src_match.end())
    forbidden = term.rendering_pattern(term.forbidden) if term.forbidden else None
    required = term.rendering_pattern(term.required) if term.required else None
    allowed = " or ".join(f"“{r}”" for r in term.required)
    found_required = found_forbidden = False
    for j in tgt:
        sentence = target.sentences[j]
        if required is not None and required.search(sentence.text):
            found_required = True
        for m in forbidden.finditer(sentence.text) if forbidden else ():
            found_forbidden = True
            yield Finding(
                type=FindingType.GLOSSARY,
                severity=Severity.MAJOR,
                code="glossary.forbidden",
                source=(src_index,),
                target=(j,),
                source_text=src_sentence.text,
                target_text=sentence.text,
                message=f"“{src_match.group()}” is rendered as forbidden “{m.group()}”"
                + (f"; the glossary requires {allowed}" if allowed else ""),
                source_span=source_span,
                target_span=(sentence.start + m.start(), sentence.start + m.end()),
            )
    # a forbidden rendering already says what is wrong with the term here
    if required is not None and not found_required and not found_forbidden and tgt:
        yield Finding(
            type=FindingType.GLOSSARY,
            severity=Severity.MINOR,
            code="glossary.missing",
            # over the whole document, no one target sentence is where the rendering is missing
            source=(src_index,),
            target=() if whole else tgt[:1],
            source_text=src_sentence.text,
            target_text="" if whole else target.sentences[tgt[0]].text,
            message=f"“{src_match.group()}” should be rendered as {allowed}; none found in the translation",
            source_span=source_span,
        )
