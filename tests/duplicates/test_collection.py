import json
import os
from pathlib import Path

import pytest

from dupcheck.duplicates.collection import Source, list_sources, load_source, require_documents
from dupcheck.errors import InputError
from dupcheck.records import ScanDocument, Skipped
from tests.paths import FIXTURES

SEEDS = FIXTURES / "seeds"
SEED_TEXT = (SEEDS / "002_ad68b3a4021bdc8c.txt").read_text(encoding="utf-8")


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_folders_are_listed_recursively_in_sorted_order(tmp_path):
    for name in ["b/z.txt", "a.txt", "b/a/y.txt", "c.md"]:
        _write(tmp_path / name, SEED_TEXT)
    sources, skipped = list_sources([tmp_path])
    assert [Path(s.path).relative_to(tmp_path).as_posix() for s in sources] == [
        "a.txt", "b/a/y.txt", "b/z.txt", "c.md"]
    assert skipped == []


def test_manifest_entries_bad_lines_are_skipped(tmp_path):
    doc = _write(tmp_path / "docs" / "one.txt", SEED_TEXT)
    manifest = _write(tmp_path / "m.jsonl", "\n".join([
        json.dumps({"id": "one", "path": "docs/one.txt"}),
        '{"id": "two", "text": "Xi met Putin.", "lang": "en"',
        json.dumps({"id": "three", "text": "शी ने पुतिन से मुलाकात की।", "lang": "hi"}),
        json.dumps({"id": "four"}),
        "",
    ]))
    sources, skipped = list_sources([manifest])
    assert sources == [Source("one", str(doc)), Source("three", f"{manifest}:3", "शी ने पुतिन से मुलाकात की।", "hi")]
    assert [(s.path, s.cause.split(" ")[0]) for s in skipped] == [(f"{manifest}:2", "not"), (f"{manifest}:4", "needs")]


def test_empty_folders_are_skipped_and_a_missing_path_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    seed = _write(tmp_path / "seed.txt", SEED_TEXT)
    sources, skipped = list_sources([tmp_path / "empty", seed, seed])
    assert [s.path for s in sources] == [str(seed)]
    assert [s.cause for s in skipped] == ["empty folder"]
    with pytest.raises(InputError, match="nope.txt: no such file or folder"):
        list_sources([seed, tmp_path / "nope.txt"])



@pytest.mark.parametrize(
    ("data", "cause_word"),
    [(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"), (b"", "empty"), (b"   \n\n", "empty")],
)
def test_unusable_files_are_skipped_with_their_cause(tmp_path, data, cause_word):
    path = _write(tmp_path / "bad.txt", data)
    found = load_source(Source(str(path), str(path)))
    assert isinstance(found, Skipped)
    assert cause_word in found.cause.lower()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file_is_skipped(tmp_path):
    path = _write(tmp_path / "locked.txt", SEED_TEXT)
    path.chmod(0)
    assert isinstance(load_source(Source(str(path), str(path))), Skipped)


def test_a_readable_seed_loads_with_its_language():
    path = SEEDS / "000_7c1714d105d40b16.txt"
    found = load_source(Source("000", str(path)))
    assert isinstance(found, ScanDocument)
    assert (found.id, found.lang) == ("000", "hi")
    assert len(found.document.sentences) > 10


def test_a_folder_of_binaries_is_an_input_error(tmp_path):
    for k in range(3):
        _write(tmp_path / "bin" / f"{k}.dat", bytes(range(256)) * 4)
    sources, skipped = list_sources([tmp_path / "bin"])
    loaded = [load_source(s) for s in sources]
    with pytest.raises(InputError, match="no readable text documents"):
        require_documents([tmp_path / "bin"], [d for d in loaded if isinstance(d, ScanDocument)],
                          skipped + [d for d in loaded if isinstance(d, Skipped)])


def test_an_empty_folder_is_an_input_error(tmp_path):
    (tmp_path / "empty").mkdir()
    _, skipped = list_sources([tmp_path / "empty"])
    with pytest.raises(InputError, match="empty folder"):
        require_documents([tmp_path / "empty"], [], skipped)


def test_a_file_whose_encoding_cannot_be_told_is_named_in_a_manifest(tmp_path):
    # French in Latin-1, too short and too accented for the detector to name
    _write(tmp_path / "fr.txt", "Ça a été déjà très âgé. Où êtes-vous, élève?".encode("latin-1"))
    (skipped,) = [load_source(s) for s in list_sources([tmp_path / "fr.txt"])[0]]
    assert isinstance(skipped, Skipped)
    assert 'name it as "encoding" in a manifest entry' in skipped.cause and "--encoding" not in skipped.cause
    _write(tmp_path / "m.jsonl", json.dumps({"id": "fr", "path": "fr.txt", "encoding": "latin-1"}) + "\n")
    (source,) = list_sources([tmp_path / "m.jsonl"])[0]
    document = load_source(source)
    assert isinstance(document, ScanDocument)
    assert "déjà" in document.document.text
