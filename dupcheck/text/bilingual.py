"""Bilingual files a translation desk already has: XLIFF 1.2/2.0, TMX, PO, and TSV/CSV of two
columns. Each becomes a source and a target ``Document`` of one sentence per segment, already
paired (segment k faces segment k), for ``dupcheck check`` to check without re-aligning.

XLIFF, TMX and PO are read with translate-toolkit (the parser CAT-tool users rely on);
TSV/CSV with the standard library. Both documents keep the file's decoded text as ``raw``,
so findings are located in the bilingual file itself.
"""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import regex

from dupcheck.errors import InputError
from dupcheck.records import Document
from dupcheck.text.load import MAX_BYTES, Decoded, decode_bytes, document_from_text
from dupcheck.text.segment import segment

XLIFF_SUFFIXES = frozenset({".xlf", ".xliff"})
TRANSLATE_TOOLKIT = XLIFF_SUFFIXES | {".tmx", ".po"}
DELIMITED = {".tsv": "\t", ".csv": ","}
SUFFIXES = TRANSLATE_TOOLKIT | set(DELIMITED)
_LANG = regex.compile(r"(?i)([a-z]{2,3})(?:[-_][a-z0-9]+)*")
_SPACE = regex.compile(r"\s+")
_XLIFF2 = regex.compile(rb"urn:oasis:names:tc:xliff:document:2\.")
_TUV_LANG = regex.compile(r'<tuv[^>]*\blang="([^"]+)"')


def is_bilingual(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def load_bilingual(
    path: str | Path, *, source_lang: str | None = None, target_lang: str | None = None,
    encoding: str | None = None,
) -> tuple[Document, Document]:
    """The two sides of a bilingual file, one sentence per segment, languages from the file
    (or the given ones, which win). ``encoding`` forces a TSV's or CSV's; XLIFF, TMX and PO
    are read in the encoding they declare."""
    file, name = Path(path), str(path)
    if not file.is_file():
        raise InputError(name, "no such file" if not file.exists() else "is not a regular file")
    if file.stat().st_size > MAX_BYTES:
        raise InputError(name, f"file is over the {MAX_BYTES:,}-byte limit")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from None
    suffix = file.suffix.lower()
    if encoding and suffix not in DELIMITED:
        raise InputError(name, "an encoding cannot be forced on XLIFF, TMX or PO, which declare their own")
    raw = decode_bytes(data, path=name, encoding=encoding)
    if suffix in DELIMITED:
        pairs, langs = _delimited(raw.text, DELIMITED[suffix], name)
    else:
        pairs, langs = _translate_toolkit(data, name)
    if not pairs:
        raise InputError(name, "holds no translated segment")
    src_lang = source_lang or langs[0]
    tgt_lang = target_lang or langs[1]
    if tgt_lang is None:
        raise InputError(name, "names no target language (target-language, xml:lang or a header row); "
                               "give --target-lang")
    return (
        _side(name, raw, [s for s, _ in pairs], src_lang),
        _side(name, raw, [t for _, t in pairs], tgt_lang),
    )


def _side(name: str, raw: Decoded, segments: list[str], lang: str | None) -> Document:
    # a segment is one line: line breaks inside a segment are spaces
    text = "\n".join(_SPACE.sub(" ", s).strip() for s in segments)
    doc = document_from_text(text, path=name, lang=lang, input_format="lines", encoding=raw.encoding)
    doc = segment(replace(doc, raw=raw.text), input_format="lines")
    if len(doc.sentences) != len(segments):
        raise InputError(name, "a segment holds only characters that normalisation removes")
    return doc


def _code(value: str | None) -> str | None:
    """ISO 639 code of a language tag: "hi-IN" → "hi"."""
    match = _LANG.fullmatch(value.strip()) if value else None
    return match.group(1).lower() if match else None


def _translate_toolkit(data: bytes, name: str) -> tuple[list[tuple[str, str]], tuple[str | None, str | None]]:
    from io import BytesIO

    from translate.storage import factory, xliff2

    handle = BytesIO(data)
    handle.name = name  # the factory picks the format by the file name's suffix
    try:
        # the factory takes every .xlf/.xliff for XLIFF 1.x, whose parser refuses 2.0
        store = (xliff2.Xliff2File.parsestring(data) if _XLIFF2.search(data[:4096])
                 else factory.getobject(handle))
    except Exception as exc:  # noqa: BLE001 - lxml, the PO parser and the factory each raise their own types
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(name, f"not a readable {Path(name).suffix[1:].upper()} file ({first})") from None
    pairs = []
    for number, unit in enumerate(translated_units(store), start=1):
        source, target = str(unit.source or "").strip(), str(unit.target or "").strip()
        if not target:
            # translate-toolkit ids are "file\x04id"
            unit_id = (unit.getid() or "").split("\x04")[-1] or "no id"
            raise InputError(name, f"segment {number} (id {unit_id}) has an empty target; "
                                   "dupcheck checks translated segments")
        pairs.append((source, target))
    source_lang, target_lang = _code(store.getsourcelanguage()), _code(store.gettargetlanguage())
    if target_lang is None and name.lower().endswith(".tmx"):
        # a TMX header names only the source language; the target's is on its <tuv>s
        others = {_code(m) for m in _TUV_LANG.findall(data.decode("utf-8", "replace"))} - {source_lang}
        target_lang = others.pop() if len(others) == 1 else None
    return pairs, (source_lang, target_lang)


def translated_units(store) -> list:
    """The units that are segments: not a header, with a source (``render.xliff`` writes
    back into the same ones)."""
    return [u for u in store.units if not u.isheader() and str(u.source or "").strip()]


def _delimited(raw: str, delimiter: str, name: str) -> tuple[list[tuple[str, str]], tuple[str | None, str | None]]:
    """Rows of two columns, source then target; a first row of two language codes is a header."""
    rows = [
        (line, row) for line, row in enumerate(csv.reader(raw.splitlines(), delimiter=delimiter), start=1)
        if any(cell.strip() for cell in row)
    ]
    langs: tuple[str | None, str | None] = (None, None)
    if rows and len(rows[0][1]) == 2 and all(_code(c) and len(c.strip()) <= 8 for c in rows[0][1]):
        langs = (_code(rows[0][1][0]), _code(rows[0][1][1]))
        rows = rows[1:]
    pairs = []
    for line, row in rows:
        if len(row) != 2:
            raise InputError(name, f"line {line}: expected 2 columns (source, target), found {len(row)}")
        source, target = row[0].strip(), row[1].strip()
        if not source or not target:
            raise InputError(name, f"line {line}: empty {'source' if not source else 'target'} column")
        pairs.append((source, target))
    return pairs, langs
