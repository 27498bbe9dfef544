"""The on-disk cache: hits skip the model, keys separate models and settings, and the file
survives two writers, a writer killed mid-transaction, and being truncated or garbled."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import numpy as np
import pytest

from dupcheck.backends.cache import CACHE_FILE, Cache, default_cache_dir, normalise_sentence
from dupcheck.backends.encode.base import Encoder
from dupcheck.backends.registry import BackendConfig, _with_cache
from dupcheck.backends.translate.base import Translator
from tests.paths import FIXTURES, ROOT

HINDI = (FIXTURES / "flores" / "dev100.hin_Deva.txt").read_text(encoding="utf-8").splitlines()


class CountingTranslator(Translator):
    """Reverses words; counts the sentences it is asked to translate."""

    name = "counting"
    worth_caching = True

    def __init__(self, model: str = "m1", beams: int = 1, batch_size: int = 8) -> None:
        self.model, self.beams, self.batch_size = model, beams, batch_size
        self.calls: list[list[str]] = []

    def covers(self, src_lang: str, tgt_lang: str) -> bool:
        return True

    def signature(self) -> str:
        return f"counting:{self.model}(beams={self.beams})"

    def _translate_batch(self, texts: list[str], src_lang: str, tgt_lang: str) -> list[str]:
        self.calls.append(list(texts))
        return [f"{self.model}/{self.beams}:" + " ".join(reversed(t.split())) for t in texts]

    @property
    def translated(self) -> int:
        return sum(map(len, self.calls))


class CountingEncoder(Encoder):
    name = "counting"
    worth_caching = True

    def __init__(self) -> None:
        self.seen = 0

    def signature(self) -> str:
        return "counting-encoder"

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        self.seen += len(texts)
        rows = np.array([[len(t), t.count(" ") + 1, 1.0] for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def cached(backend, directory: Path):
    backend.cache = Cache(directory)
    return backend


def test_second_run_translates_nothing(tmp_path):
    sentences = HINDI[:40] + HINDI[:5]  # repeats are translated once
    first = cached(CountingTranslator(), tmp_path)
    expected = first.translate(sentences, "hi", "en")
    assert first.translated == 40
    second = cached(CountingTranslator(), tmp_path)  # a new process would see the same file
    assert second.translate(sentences, "hi", "en") == expected
    assert second.translated == 0


def test_only_new_sentences_are_translated(tmp_path):
    cached(CountingTranslator(), tmp_path).translate(HINDI[:20], "hi", "en")
    again = cached(CountingTranslator(), tmp_path)
    again.translate(HINDI[10:30], "hi", "en")
    assert sorted(s for batch in again.calls for s in batch) == sorted(HINDI[20:30])


def test_misses_are_batched_by_length(tmp_path):
    translator = cached(CountingTranslator(batch_size=8), tmp_path)
    translator.translate(HINDI[:40], "hi", "en")
    lengths = [len(s) for batch in translator.calls for s in batch]
    assert lengths == sorted(lengths)
    assert [len(b) for b in translator.calls] == [8] * 5


@pytest.mark.parametrize(
    ("changed", "why"),
    [
        ({"beams": 4}, "generation setting"),
        ({"model": "m2"}, "another model"),
    ],
)
def test_another_model_or_setting_misses(tmp_path, changed, why):
    cached(CountingTranslator(), tmp_path).translate(HINDI[:10], "hi", "en")
    other = cached(CountingTranslator(**changed), tmp_path)
    out = other.translate(HINDI[:10], "hi", "en")
    assert other.translated == 10, why
    prefix = f"{changed.get('model', 'm1')}/{changed.get('beams', 1)}:"
    assert all(t.startswith(prefix) for t in out), why


def test_language_pair_is_part_of_the_key(tmp_path):
    cached(CountingTranslator(), tmp_path).translate(HINDI[:5], "hi", "en")
    other = cached(CountingTranslator(), tmp_path)
    other.translate(HINDI[:5], "ur", "en")
    assert other.translated == 5


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("नमस्ते  दुनिया", "नमस्ते दुनिया", True),
        (" नमस्ते दुनिया\n", "नमस्ते दुनिया", True),
        ("e\u0301", "\u00e9", True),  # NFD and NFC of é
        ("नमस्ते दुनिया", "नमस्ते दुनिया।", False),
    ],
)
def test_sentences_are_keyed_normalised(a, b, same):
    assert (normalise_sentence(a) == normalise_sentence(b)) is same
    assert (Cache.key(("sig",), a) == Cache.key(("sig",), b)) is same


def test_embeddings_are_cached(tmp_path):
    first = cached(CountingEncoder(), tmp_path)
    rows = first.encode(HINDI[:12])
    second = cached(CountingEncoder(), tmp_path)
    again = second.encode(HINDI[:12])
    assert first.seen == 12 and second.seen == 0
    np.testing.assert_allclose(again, rows, rtol=0, atol=0)
    assert again.dtype == np.float32 and again.shape == (12, 3)


def test_backends_attach_the_cache_only_where_it_pays(tmp_path):
    config = BackendConfig(cache_dir=str(tmp_path))
    assert _with_cache(CountingTranslator(), config).cache.path == tmp_path / CACHE_FILE
    assert _with_cache(CountingTranslator(), BackendConfig(cache=False)).cache is None

    class Cheap(CountingTranslator):
        worth_caching = False

    assert _with_cache(Cheap(), config).cache is None


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DUPCHECK_CACHE_DIR": "/x/dc", "XDG_CACHE_HOME": "/x/xdg"}, Path("/x/dc")),
        ({"XDG_CACHE_HOME": "/x/xdg"}, Path("/x/xdg/dupcheck")),
        ({"HOME": "/x/home"}, Path("/x/home/.cache/dupcheck")),
    ],
)
def test_default_cache_dir(monkeypatch, env, expected):
    for name in ("DUPCHECK_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert default_cache_dir() == expected


WRITER = textwrap.dedent(
    """
    import sys
    from dupcheck.backends.cache import Cache
    cache = Cache(sys.argv[1])
    tag, count = sys.argv[2], int(sys.argv[3])
    for start in range(0, count, 25):
        # half the keys are shared by both writers, half are the writer's own
        batch = {Cache.key(("w",), f"{'shared' if i % 2 else tag}-{i}"): f"{i}".encode()
                 for i in range(start, start + 25)}
        cache.put_many(batch)
        cache.get_many(list(batch))
    """
)


def _python(*args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, *args], env=env, stderr=subprocess.PIPE, text=True, **kwargs)


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    # the race is sharpest while the file is being created, so start afresh several times
    count = 200
    for attempt in range(5):
        directory = tmp_path / str(attempt)
        writers = [_python("-c", WRITER, str(directory), tag, str(count)) for tag in ("a", "b")]
        for writer in writers:
            _, err = writer.communicate(timeout=120)
            assert writer.returncode == 0, err
            assert "cannot use the cache" not in err
        cache = Cache(directory)
        # each writer: count/2 own keys; the count/2 shared keys are the same for both
        assert len(cache) == count // 2 * 3
        keys = [Cache.key(("w",), f"{tag}-{i}") for tag in ("a", "b") for i in range(0, count, 2)]
        keys += [Cache.key(("w",), f"shared-{i}") for i in range(1, count, 2)]
        assert len(cache.get_many(keys)) == len(keys)


KILLED = textwrap.dedent(
    """
    import os, signal, sys
    from dupcheck.backends.cache import Cache
    cache = Cache(sys.argv[1])
    cache.put_many({Cache.key(("k",), f"done-{i}"): b"x" for i in range(100)})
    conn = cache._connection()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT INTO entries VALUES (?, ?)",
                     [(Cache.key(("k",), f"lost-{i}"), b"y" * 500) for i in range(5000)])
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_process_killed_mid_write_leaves_a_working_cache(tmp_path):
    writer = _python("-c", KILLED, str(tmp_path))
    writer.communicate(timeout=60)
    assert writer.returncode == -signal.SIGKILL
    cache = Cache(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no rebuild: the file is sound
        assert len(cache) == 100
    assert not cache.get_many([Cache.key(("k",), "lost-0")])
    cache.put_many({Cache.key(("k",), "after"): b"z"})
    assert len(cache) == 101


def _filled(directory: Path, count: int = 3000) -> Path:
    cache = Cache(directory)
    cache.put_many({Cache.key(("t",), f"s{i}"): b"v" * 200 for i in range(count)})
    cache.close()
    path = directory / CACHE_FILE
    assert path.stat().st_size > 100_000 and not (directory / f"{CACHE_FILE}-wal").exists()
    return path


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda p: os.truncate(p, p.stat().st_size // 2), id="truncated"),
        pytest.param(lambda p: p.write_bytes(b"not a database at all" * 100), id="garbage"),
        pytest.param(lambda p: os.truncate(p, 50), id="cut-header"),
    ],
)
def test_damaged_file_is_rebuilt_with_a_warning(tmp_path, damage):
    path = _filled(tmp_path)
    damage(path)
    translator = cached(CountingTranslator(), tmp_path)
    with pytest.warns(RuntimeWarning, match="unreadable"):
        out = translator.translate(HINDI[:3], "hi", "en")
    assert len(out) == 3 and translator.translated == 3
    assert (tmp_path / f"{CACHE_FILE}.corrupt").exists()
    again = cached(CountingTranslator(), tmp_path)
    assert again.translate(HINDI[:3], "hi", "en") == out and again.translated == 0
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_unusable_cache_location_runs_without_the_cache(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    translator = cached(CountingTranslator(), blocker / "cache")
    with pytest.warns(RuntimeWarning, match="cannot use the cache .*; running without it"):
        out = translator.translate(HINDI[:2], "hi", "en")
    assert len(out) == 2 and translator.translated == 2
    assert translator.translate(HINDI[:2], "hi", "en") == out and translator.translated == 4
    assert blocker.read_text() == "x"
