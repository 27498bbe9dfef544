"""First pipeline stage: read a file, normalise its text, name its language.

``load_document`` is the only function here that touches the file system;
``document_from_text`` and ``normalize_text`` are pure.
"""

from __future__ import annotations

import codecs
import functools
import os
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import regex

from dupcheck.errors import InputError
from dupcheck.languages import languages
from dupcheck.records import Document
from dupcheck.text.langid import check_declared_language, detect_language

InputFormat = Literal["text", "lines"]

#: default largest file accepted; a long wire story is ~10 kB, a book ~2 MB
MAX_BYTES = 20_000_000
#: how a user names an encoding that cannot be told (``scan`` says it in its own terms)
ENCODING_HINT = "pass --encoding NAME"
#: share of control characters above which a file is taken for binary
_MAX_CONTROL_SHARE = 0.01

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: UTF-16 without a BOM: at least this share of its code units have a NUL byte (those of
#: ASCII spaces, digits and punctuation, which running text in any script has), ...
_MIN_UTF16_NUL_SHARE = 0.05
#: ... all in the same byte of the unit but for this share of them (U+0600, U+0900, U+2000)
_MAX_UTF16_OTHER_NULS = 0.01
#: the legacy single-byte encodings detected (with charset-normalizer), each with the script
#: its text must be in: a detector's guess that decodes into another script is no detection
_LEGACY_SCRIPTS = {"cp1256": "Arabic", "iso8859_6": "Arabic"}
#: share of a legacy-decoded text's letters that must be in the encoding's script
_MIN_SCRIPT_SHARE = 0.5
#: English saved by Windows tools: curly quotes and dashes as cp1252 bytes (0x93, 0x96).
#: charset-normalizer names one Latin code page or another for such short texts (cp1250
#: for "said \x93we will\x94 \x96 caf\xe9"), which decode English alike; the text is read as
#: cp1252, Windows' Western code page, when nearly all its letters are ASCII (an English
#: source: French or Czech text in a code page stays a question for --encoding)
_LATIN_CODE_PAGES = frozenset({
    "cp1250", "cp1252", "cp1257", "latin_1", "iso8859_2", "iso8859_10", "iso8859_15", "cp850",
    "cp852", "cp775", "mac_latin2", "mac_roman",
})
_MIN_ASCII_SHARE = 0.9
_ASCII_LETTER = regex.compile(r"[A-Za-z]")
_LETTER = regex.compile(r"\p{L}")

# one character in, one character out, so offsets survive the mapping
_REPLACED_BY = {
    "'": "\u2018\u2019\u201a\u201b\u2032",  # curly single quotes, prime
    '"': "\u201c\u201d\u201e\u201f\u2033",  # curly double quotes, double prime
    " ": "\t\u00a0\u2007\u202f\u3000" + "".join(map(chr, range(0x2000, 0x200B))),  # odd spaces
    "\n": "\f\v\u2028\u2029",  # other line and paragraph separators
    "-": "\u2010\u2011\u2212",  # hyphen, non-breaking hyphen, minus sign
    ".": "\u066b",  # Arabic decimal separator
    ",": "\u066c",  # Arabic thousands separator
    "%": "\u066a",  # Arabic percent sign
}
#: Devanagari ०-९, Arabic-Indic ٠-٩, Extended Arabic-Indic ۰-۹
_DIGIT_ZEROS = (0x0966, 0x0660, 0x06F0)
_CHAR_MAP = str.maketrans(
    {ch: plain for plain, chars in _REPLACED_BY.items() for ch in chars}
    | {chr(zero + d): str(d) for zero in _DIGIT_ZEROS for d in range(10)}
)
# most texts hold none of the mapped characters, and a search is far cheaper than a
# translation that looks up every character
_MAPPED = regex.compile("[" + regex.escape("".join(map(chr, _CHAR_MAP))) + "]")
# invisible characters that carry nothing in running text; ZWJ/ZWNJ are kept because they
# change how Devanagari and Perso-Arabic words are spelt
_INVISIBLE = regex.compile("[\u200b\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_TRAILING_SPACE = regex.compile(r"[ ]+$", regex.M)
_EXTRA_BLANK_LINES = regex.compile(r"\n{3,}")

@functools.cache
def _dateline() -> regex.Pattern[str]:
    """Wire-service datelines and feed metadata at the start of a paragraph: "BEIJING (AP)
    --", "WASHINGTON, Feb 5 (Reuters) -", "बीजिंग (एपी) --", "date 2022-02-05"; the
    agencies are each language's (``agencies`` in its file). An English place is in
    capitals; a place in a script without case is up to four words."""
    agencies = [a for lang in languages() for a in lang.sentences.agencies]
    latin = "|".join(regex.escape(a) for a in agencies if regex.search(r"\p{Latin}", a))
    other = "|".join(regex.escape(a) for a in sorted(set(agencies), key=len, reverse=True)
                     if not regex.search(r"\p{Latin}", a))
    return regex.compile(
        rf"""^[ ]*(?:
            \p{{Lu}}[\p{{Lu}}\p{{M}} .'-]+(?:,[\p{{L}}\d .]+?)?[ ]?
            \((?:{latin})\)[ ]*[-\u2013\u2014]{{1,2}}[ ]*
          | [\p{{L}}\p{{M}}]+(?:[ ][\p{{L}}\p{{M}}]+){{0,3}}(?:[,\u060c][\p{{L}}\p{{M}}\d .]+?)?[ ]?
            \((?:{other})\)[ ]*[-\u2013\u2014:]{{1,2}}[ ]*
          | date[ ]+\d{{4}}-\d{{2}}-\d{{2}}[ ]*
        )""",
        regex.M | regex.X,
    )


#: a paragraph that is only a byline: "By Ken Moritsugu", "By JOE McDONALD, Associated Press"
_BYLINE = regex.compile(
    r"^[ ]*By[ ]+(?:\p{Lu}[\p{L}.'-]*[ ]?){1,4}(?:,[ ]*(?:Associated Press|AP|Reuters|AFP))?[ ]*\n",
    regex.M,
)
_HEAD_LINES = 6  # metadata is only looked for in a document's first lines


def fold_characters(text: str) -> str:
    """``text`` with the characters normalisation replaces one for one (digits of any
    script, curly quotes, odd spaces, Arabic separators) replaced: offsets survive it."""
    return text.translate(_CHAR_MAP) if _MAPPED.search(text) else text


def normalize_text(text: str, *, strip_metadata: bool = True) -> str:
    """Canonical form of a document's text.

    LF line ends, NFC, straight quotes, ASCII digits and number signs, plain spaces and
    hyphens, no invisible characters, no trailing spaces, at most one blank line in a row;
    with ``strip_metadata``, datelines and bylines at the head of the text are dropped.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = fold_characters(text)
    text = _INVISIBLE.sub("", text)
    text = _TRAILING_SPACE.sub("", text)
    if strip_metadata:
        lines = text.split("\n", _HEAD_LINES)
        head = "\n".join(lines[:_HEAD_LINES]) + "\n"
        head = _dateline().sub("", _BYLINE.sub("", head))
        text = head + (lines[_HEAD_LINES] if len(lines) > _HEAD_LINES else "")
    return _EXTRA_BLANK_LINES.sub("\n\n", text).strip()


def document_from_text(
    text: str,
    *,
    path: str = "",
    lang: str | None = None,
    input_format: InputFormat = "text",
    encoding: str = "utf-8",
) -> Document:
    """A ``Document`` from text already in memory (no I/O); ``encoding`` is the one its
    bytes were decoded from, recorded for the report's signature.

    ``lang`` is checked when given (``check_declared_language``: an error when the text is
    not in its script, a warning in ``Document.warnings`` when it reads as another language
    of that script); otherwise the language is detected. With ``input_format="lines"`` nothing is stripped: the lines are taken to be segments
    prepared for an aligner, and removing any would shift the line correspondence.
    """
    name = path or "<text>"
    normalized = normalize_text(text, strip_metadata=input_format == "text")
    if not normalized:
        raise InputError(name, "no text (the file is empty or holds only whitespace)")
    warning = None
    detected = lang is None
    if detected:
        lang = detect_language(normalized, path=name)
    elif not regex.fullmatch(r"[a-z]{2,3}", lang):
        raise InputError(name, f"{lang!r} is not an ISO 639-1 language code such as en, hi, ar")
    else:
        warning = check_declared_language(normalized, lang, path=name)
    return Document(
        path=path, text=normalized, lang=lang, raw=text, warnings=(warning,) if warning else (),
        encoding=encoding, lang_detected=detected,
    )


def load_document(
    path: str | Path,
    *,
    lang: str | None = None,
    input_format: InputFormat = "text",
    max_bytes: int = MAX_BYTES,
    encoding: str | None = None,
) -> Document:
    """Read, decode, normalise and language-tag one file.

    The encoding is detected (``decode_bytes``) unless ``encoding`` names it. Raises
    ``InputError`` naming the file and the cause for a missing path, a directory, a file
    over ``max_bytes``, a binary file, bytes in no encoding that can be told (or not in the
    given one), an empty file, or text too short to tell its language.
    """
    name = str(path)
    decoded = decode_bytes(read_input(path, max_bytes), path=name, encoding=encoding)
    return document_from_text(
        decoded.text, path=name, lang=lang, input_format=input_format, encoding=decoded.encoding
    )


#: what a path that is not a regular file is, for the error
_NOT_REGULAR = {
    stat.S_IFDIR: "is a directory, not a file",
    stat.S_IFCHR: "is a character device, not a regular file",
    stat.S_IFBLK: "is a block device, not a regular file",
    stat.S_IFIFO: "is a FIFO (named pipe), not a regular file",
    stat.S_IFSOCK: "is a socket, not a regular file",
}


def read_input(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, or an ``InputError``.

    Devices, FIFOs and sockets are refused before they are opened (a FIFO would block the
    open, ``/dev/zero`` never ends and reports a size of 0), and the limit holds for the
    bytes actually read, not only for the size the file system reports.
    """
    name = str(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(mode):
        raise InputError(name, _NOT_REGULAR.get(stat.S_IFMT(mode), "is not a regular file"))
    try:
        # O_NONBLOCK: should the path have become a FIFO since the stat, the open won't hang
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise InputError(name, "is not a regular file")
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise InputError(name, f"file is over the {max_bytes:,}-byte limit")
    return data


def read_text_file(path: str | Path, max_bytes: int = MAX_BYTES) -> str:
    """The text of a regular text file (configurations, manifests, glossaries, baselines),
    its encoding detected as a document's is, but never as Windows-1252 (that reading is
    for English sources; TOML is UTF-8 by its specification), or an ``InputError`` naming
    the file and the cause."""
    return _detected(read_input(path, max_bytes), str(path), western=False).text


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text and the encoding it was decoded from (a Python codec name)."""

    text: str
    encoding: str


def decode_bytes(data: bytes, *, path: str = "<bytes>", encoding: str | None = None) -> Decoded:
    """Text of a document's bytes, in ``encoding`` or else in the one detected.

    Detected, in this order: a BOM (UTF-8, UTF-16/32); UTF-16 LE/BE without one, from where
    its NUL bytes fall; UTF-8; a legacy single-byte encoding of ``_LEGACY_SCRIPTS`` that
    charset-normalizer is sure of and whose text is in that encoding's script, or cp1252
    for English text in a Latin code page. Anything else is an ``InputError`` that asks
    for ``--encoding``, as is a binary file.
    """
    decoded = _forced(data, encoding, path) if encoding else _detected(data, path)
    controls = len(_CONTROL.findall(decoded.text))
    if controls > _MAX_CONTROL_SHARE * len(decoded.text):
        raise InputError(path, f"binary file ({controls} control characters)")
    return decoded


def _forced(data: bytes, encoding: str, path: str) -> Decoded:
    try:
        name = codecs.lookup(encoding).name
        text = data.decode(name)
    except LookupError:  # no such codec, or one that is not a text encoding (base64)
        raise InputError(path, f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid {name} at offset {exc.start} (given by --encoding)") from exc
    # a BOM is no text, as when it is detected
    return Decoded(text.removeprefix("\ufeff"), name)


def _detected(data: bytes, path: str, *, western: bool = True) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                offset = exc.start + len(bom)
                raise InputError(path, f"not valid {encoding.upper()} at offset {offset}") from exc
    if b"\x00" in data:
        return _utf16_without_bom(data, path)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        not_utf8 = f"not UTF-8 (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})"
    legacy = _legacy(data, western)
    if legacy is None:
        raise InputError(path, f"{not_utf8} and cannot tell its encoding; {ENCODING_HINT}")
    return legacy


def _utf16_without_bom(data: bytes, path: str) -> Decoded:
    """UTF-16 LE or BE told by its NUL bytes (the high byte of ASCII characters), else a
    binary file."""
    units = len(data) // 2
    nuls = {"utf-16-le": data[1::2].count(0), "utf-16-be": data[0::2].count(0)}
    encoding = max(nuls, key=nuls.__getitem__)
    other = min(nuls.values())
    if len(data) % 2 or nuls[encoding] < _MIN_UTF16_NUL_SHARE * units or (
        other > _MAX_UTF16_OTHER_NULS * nuls[encoding]
    ):
        raise InputError(path, f"binary file (NUL byte at offset {data.index(0)})")
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"looks like {encoding.upper()} without a byte-order mark but is not valid "
                  f"{encoding.upper()} at offset {exc.start}; {ENCODING_HINT}"
        ) from exc


def _legacy(data: bytes, western: bool) -> Decoded | None:
    """The legacy single-byte encoding of ``data`` when the detector is sure of it (its best
    guess is below charset-normalizer's default chaos threshold) and its text is in the
    encoding's script, else ``None``."""
    from charset_normalizer import from_bytes  # imported here: most inputs are UTF-8

    best = from_bytes(data).best()
    if best is not None and best.encoding in _LATIN_CODE_PAGES:
        return _western(data) if western else None
    if best is None or best.encoding not in _LEGACY_SCRIPTS:
        return None
    text = data.decode(best.encoding)
    in_script = regex.compile(rf"\p{{Script={_LEGACY_SCRIPTS[best.encoding]}}}")
    return Decoded(text, best.encoding) if _mostly(text, in_script, _MIN_SCRIPT_SHARE) else None


def _western(data: bytes) -> Decoded | None:
    """``data`` as cp1252 when that decodes it and nearly all its letters are ASCII."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return Decoded(text, "cp1252") if _mostly(text, _ASCII_LETTER, _MIN_ASCII_SHARE) else None


def _mostly(text: str, letter: regex.Pattern[str], share: float) -> bool:
    """Whether ``text`` has letters and at least ``share`` of them match ``letter``."""
    letters = _LETTER.findall(text)
    return bool(letters) and sum(1 for ch in letters if letter.match(ch)) >= share * len(letters)
