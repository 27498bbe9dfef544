from __future__ import annotations

import codecs
import random
from pathlib import Path
from types import SimpleNamespace

import pytest

from dupcheck.errors import InputError
from dupcheck.text.langid import detect_language
from dupcheck.text.load import _CHAR_MAP, _MAPPED, document_from_text, load_document, normalize_text
from tests.paths import FIXTURES

SEEDS = FIXTURES / "seeds"
SEED = {p.name[:3]: p for p in SEEDS.glob("*.txt")}
ENGLISH = "China and Egypt share similar visions, Xi said on Saturday in Beijing.\n"


# --- bad input: each raises InputError naming the file and a short cause ----------------


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "cause"),
    [
        (b"", "empty"),
        (b"   \n\t\r\n  \n", "whitespace"),
        (b"Some text\x00\x00 with NUL bytes", "NUL byte at offset 9"),
        (b"text" + bytes(range(1, 9)) * 20 + b" more text", "control characters"),
        (b"12345 678 90.\n", "too little text"),
        (b"!!! ... ---", "too little text"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", "not valid UTF-16-LE at offset 2"),
        ("Plain text ".encode("utf-16-le") + b"\x01\xd8" + "more".encode("utf-16-le"),
         "looks like UTF-16-LE without a byte-order mark but is not valid UTF-16-LE at offset 22"),
        (b"A\x00B\x00\x00C\x00D plain bytes and a few NULs", "NUL byte at offset 1"),
        (codecs.BOM_UTF16_LE + "bin\x01\x02\x03\x04ary".encode("utf-16-le"), "control characters"),
    ],
)
def test_bad_file_content_raises_input_error(tmp_path: Path, data: bytes, cause: str) -> None:
    path = _write(tmp_path, data)
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert caught.value.path == str(path)
    assert cause in caught.value.cause
    assert "\n" not in str(caught.value)


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_document(tmp_path / "absent.txt")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        load_document(tmp_path)


def test_size_limit_is_a_parameter(tmp_path: Path) -> None:
    path = _write(tmp_path, ENGLISH.encode() * 10)
    with pytest.raises(InputError, match="over the 100-byte limit"):
        load_document(path, max_bytes=100)
    assert load_document(path, max_bytes=10_000).lang == "en"


@pytest.mark.slow
def test_five_megabyte_document_loads(tmp_path: Path) -> None:
    text = SEED["002"].read_text(encoding="utf-8")
    path = _write(tmp_path, ((text + "\n\n") * (5_000_000 // len(text) + 1)).encode())
    assert path.stat().st_size > 5_000_000
    doc = load_document(path)
    assert doc.lang == "en"
    assert len(doc.text) > 4_900_000


def test_unknown_language_code(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not an ISO 639-1"):
        load_document(_write(tmp_path, ENGLISH.encode()), lang="English")


# --- accepted encodings ------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        ENGLISH.encode("utf-8"),
        codecs.BOM_UTF8 + ENGLISH.encode("utf-8"),
        codecs.BOM_UTF16_LE + ENGLISH.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + ENGLISH.encode("utf-16-be"),
        ENGLISH.encode("utf-16-le"),
        ENGLISH.encode("utf-16-be"),
        ENGLISH.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "crlf"],
)
def test_accepted_encodings_give_the_same_text(tmp_path: Path, data: bytes) -> None:
    doc = load_document(_write(tmp_path, data))
    assert doc.text == ENGLISH.strip()
    assert doc.lang == "en"


def test_hindi_utf16(tmp_path: Path) -> None:
    text = SEED["000"].read_text(encoding="utf-8")
    doc = load_document(_write(tmp_path, codecs.BOM_UTF16_LE + text.encode("utf-16-le")))
    assert doc.lang == "hi"
    assert doc.text == normalize_text(text)


ARABIC = (FIXTURES / "arabic" / "covid.ar.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARABIC.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8"),
        (ARABIC.encode("cp1256"), "cp1256"),
        (ARABIC.encode("iso8859_6"), "iso8859_6"),
        (SEED["003"].read_text(encoding="utf-8").encode("cp1256"), "cp1256"),
        (codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"), "utf-16-le"),
        (ARABIC.encode("utf-16-le"), "utf-16-le"),
        (ARABIC.encode("utf-16-be"), "utf-16-be"),
        (SEED["000"].read_text(encoding="utf-8").encode("utf-16-le"), "utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "cp1256", "iso8859-6", "seed003-cp1256", "utf16le-bom", "utf16le",
         "utf16be", "hindi-utf16le"],
)
def test_detected_encoding_is_recorded_and_gives_the_utf8_text(
    tmp_path: Path, data: bytes, encoding: str
) -> None:
    doc = load_document(_write(tmp_path, data))
    assert doc.encoding == encoding
    assert doc.raw.encode(encoding) == data.removeprefix(codecs.BOM_UTF8).removeprefix(codecs.BOM_UTF16_LE)


@pytest.mark.parametrize(
    "data",
    [
        bytes(random.Random(15).randrange(0x80, 0x100) for _ in range(400)),
        b"\xc7\xe1 abc \xe9\xf0\xfe\x81 \x9f\xff",  # a guess of cp1251 (Cyrillic): not detected
        "Café déjà vu, naïve façade.".encode("latin-1"),
    ],
    ids=["random-high-bytes", "short-mixed", "latin-1"],
)
def test_an_encoding_no_detector_is_sure_of_asks_for_one(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(InputError, match=r"cannot tell its encoding; pass --encoding NAME$"):
        load_document(_write(tmp_path, data))


@pytest.mark.parametrize(
    "english",
    [
        "The minister said \u201cwe will build it\u201d on Monday \u2013 and the caf\u00e9 opened.",
        "Caf\u00e9 au lait, said the man.",
    ],
)
def test_english_saved_by_windows_tools_reads_as_cp1252_like_its_utf8_copy(tmp_path: Path, english: str) -> None:
    # charset-normalizer names cp1250 for such short texts; nearly all letters ASCII: cp1252
    doc = load_document(_write(tmp_path, english.encode("cp1252")))
    assert (doc.encoding, doc.raw) == ("cp1252", english)
    assert doc.text == load_document(_write(tmp_path, english.encode("utf-8"))).text


def test_a_legacy_guess_in_another_script_is_refused(tmp_path: Path, monkeypatch) -> None:
    """charset-normalizer sure of cp1256 for bytes whose cp1256 text is Latin: no detection."""
    import charset_normalizer

    guess = SimpleNamespace(best=lambda: SimpleNamespace(encoding="cp1256"))
    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda _data: guess)
    latin = _write(tmp_path, "Caf\u00e9 au lait, d\u00e9j\u00e0 vu.".encode("cp1256"))
    with pytest.raises(InputError, match="cannot tell its encoding"):
        load_document(latin)
    assert load_document(_write(tmp_path, ARABIC.encode("cp1256"))).encoding == "cp1256"


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        (ARABIC.encode("cp1256"), "cp1256", "cp1256"),
        (ARABIC.encode("cp1256"), "windows-1256", "cp1256"),
        (ARABIC.encode("utf-16-le"), "UTF-16LE", "utf-16-le"),
        (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8", "utf-8"),
        (ARABIC.encode("cp1256"), "no-such-codec", "unknown encoding 'no-such-codec'"),
        (ARABIC.encode("cp1256"), "base64", "unknown encoding 'base64'"),
        (ARABIC.encode("cp1256"), "utf-8", "not valid utf-8 at offset 0 (given by --encoding)"),
    ],
)
def test_a_given_encoding_is_used_or_refused(tmp_path: Path, data: bytes, encoding: str, expected: str) -> None:
    path = _write(tmp_path, data)
    if " " not in expected:
        doc = load_document(path, encoding=encoding)
        assert (doc.encoding, doc.raw) == (expected, ARABIC)
        return
    with pytest.raises(InputError) as caught:
        load_document(path, encoding=encoding)
    assert caught.value.path == str(path) and caught.value.cause == expected


# --- normalisation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),
        ("cafe\u0301", "caf\u00e9"),  # NFC
        ("\u201cquoted\u201d and \u2018single\u2019", "\"quoted\" and 'single'"),
        ("Egypt\u2019s", "Egypt's"),
        ("वर्ष २०२२ में", "वर्ष 2022 में"),
        ("عام ٢٠٢٢", "عام 2022"),
        ("سال ۲۰۲۲", "سال 2022"),
        ("نمو ٣٫٥٪ من ١٬٢٠٠", "نمو 3.5% من 1,200"),
        ("\u22125 \u00b0C, Xi\u2011Putin", "-5 \u00b0C, Xi-Putin"),
        ("zero\u200bwidth\u2060joined\ufeff", "zerowidthjoined"),
        ("non\u00a0breaking\u202fspace", "non breaking space"),
        ("trailing   \nspaces\t", "trailing\nspaces"),
        ("a\n\n\n\n\nb", "a\n\nb"),
        ("BEIJING (AP) -- China and Egypt", "China and Egypt"),
        ("WASHINGTON (Reuters) - The U.S. said", "The U.S. said"),
        ("NEW DELHI, Feb 5 (Reuters) - India said", "India said"),
        ("MOSCOW (AP) \u2014 Putin said", "Putin said"),
        (" date 2022-02-05 China and Egypt", "China and Egypt"),
        # a translation's dateline, in the agencies its language's file names
        ("नई दिल्ली (रॉयटर्स) -- भारत ने कहा", "भारत ने कहा"),
        ("नई दिल्ली, 5 फरवरी (भाषा): भारत ने कहा", "भारत ने कहा"),
        ("بكين، 5 فبراير (أ ف ب) - قالت الصين", "قالت الصين"),
        # brackets that name no agency stay
        ("नई दिल्ली (भारत) -- भारत ने कहा", "नई दिल्ली (भारत) -- भारत ने कहा"),
        (
            "Headline\n\nBy Joe McDonald, Associated Press\n\nBEIJING (AP) -- Text.",
            "Headline\n\nText.",
        ),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_curly_quotes_keep_length() -> None:
    raw = "\u201cChina\u2019s\u201d \u2018model\u2019"
    assert len(normalize_text(raw)) == len(raw)


def test_zero_width_joiners_are_kept() -> None:
    # ZWNJ spells Persian/Urdu words differently; it is content, not noise
    assert normalize_text("می\u200cخواهم") == "می\u200cخواهم"


def test_dateline_is_stripped_only_at_the_head() -> None:
    body = "\n\n".join(f"Paragraph {i} of the story." for i in range(10))
    late = "PARIS (AP) -- quoted inside the story."
    assert normalize_text(body + "\n\n" + late).endswith(late)


def test_normalize_is_idempotent_on_seeds() -> None:
    for path in SEED.values():
        once = normalize_text(path.read_text(encoding="utf-8"))
        assert normalize_text(once) == once


# --- seeds ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "lang", "starts"),
    [
        ("000", "hi", "चीनी नेता शी जिनपिंग"),
        ("001", "en", 'China and Egypt "share similar visions'),
        ("002", "en", "Xi Says China, Egypt Hold 'Similar Visions and Strategies'\n\nChina and"),
        ("003", "ar", "وبحسب وكالة رويترز"),
        ("004", "hi", "चीनी विदेश मंत्री का दौरा\n"),
    ],
)
def test_seeds_load(seed: str, lang: str, starts: str) -> None:
    doc = load_document(SEED[seed])
    assert doc.lang == lang
    assert doc.text.startswith(starts)
    assert doc.path == str(SEED[seed])
    assert "BEIJING (AP)" not in doc.text and "date 2022" not in doc.text


def test_stated_language_is_kept_and_a_mismatch_is_detectable() -> None:
    doc = load_document(SEED["000"], lang="en")
    assert doc.lang == "en"
    assert detect_language(doc.text) == "hi"


def test_lines_format_keeps_every_line() -> None:
    text = "BEIJING (AP) -- First line.\nSecond line.\n"
    doc = document_from_text(text, input_format="lines")
    assert doc.text == text.strip()


def test_document_from_text_needs_no_file() -> None:
    doc = document_from_text("\u201cHello,\u201d she said to the assembled reporters.")
    assert (doc.path, doc.name, doc.lang) == ("", "<text>", "en")
    assert doc.text == '"Hello," she said to the assembled reporters.'


def test_mapped_characters_are_exactly_those_translated() -> None:
    """The search that decides whether a text needs translating finds every character the
    map changes, and no other (so a skipped translation never changes the result)."""
    everything = "".join(map(chr, range(0x30000)))
    found = {m.group() for m in _MAPPED.finditer(everything)}
    changed = {ch for ch in everything if ch.translate(_CHAR_MAP) != ch}
    assert found == changed and len(found) >= 60
