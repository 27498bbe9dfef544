"""On-disk cache of translations and embeddings, shared by every backend.

One sqlite file in WAL mode. An entry's key is a hash of everything that decides its
value: the backend's signature (model id, revision or file fingerprint, generation
settings), the kind of entry and language pair, and the normalised sentence; so an entry
made by another model or setting is never served. Writes are short ``INSERT OR IGNORE``
transactions, so two processes can fill the same file at once and a process killed
mid-write loses only its own uncommitted batch. A file that sqlite cannot read is moved
aside with a warning and the cache starts again empty: it only ever holds what can be
recomputed.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
V = TypeVar("V")

CACHE_FILE = "cache.sqlite3"
_SCHEMA = "CREATE TABLE IF NOT EXISTS entries (key BLOB PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID"
_BUSY_TIMEOUT_S = 60.0
#: sqlite caps the number of ``?`` parameters in one statement
_LOOKUP_CHUNK = 500


def default_cache_dir() -> Path:
    """``DUPCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/dupcheck``, else ``~/.cache/dupcheck``."""
    explicit = os.environ.get("DUPCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "dupcheck"


def normalise_sentence(text: str) -> str:
    """The form a sentence is keyed on: NFC, runs of whitespace as one space, no ends."""
    return " ".join(unicodedata.normalize("NFC", text).split())


class Cache:
    """A persistent map from (namespace, sentence) to bytes."""

    def __init__(self, directory: str | Path | None = None) -> None:
        self.path = Path(directory if directory is not None else default_cache_dir()) / CACHE_FILE
        self._conn: sqlite3.Connection | None = None
        self._unusable = False

    @staticmethod
    def key(namespace: Sequence[str], text: str) -> bytes:
        """The key of ``text`` under ``namespace`` (signature, kind, languages, ...)."""
        return hashlib.sha256(json.dumps([*namespace, normalise_sentence(text)]).encode()).digest()

    def get_many(self, keys: Sequence[bytes]) -> dict[bytes, bytes]:
        found: dict[bytes, bytes] = {}
        for start in range(0, len(keys), _LOOKUP_CHUNK):
            chunk = keys[start : start + _LOOKUP_CHUNK]
            query = f"SELECT key, value FROM entries WHERE key IN ({','.join('?' * len(chunk))})"
            found.update(self._run(lambda c, q=query, k=chunk: c.execute(q, k).fetchall(), []))
        return found

    def put_many(self, entries: Mapping[bytes, bytes]) -> None:
        if entries:
            self._run(lambda c: self._insert(c, entries.items()), None)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __len__(self) -> int:
        return self._run(lambda c: c.execute("SELECT count(*) FROM entries").fetchone()[0], 0)

    @staticmethod
    def _insert(conn: sqlite3.Connection, items: Iterable[tuple[bytes, bytes]]) -> None:
        with conn:  # one short transaction: commits on exit, rolls back on error
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("INSERT OR IGNORE INTO entries (key, value) VALUES (?, ?)", items)

    def _run(self, operation: Callable[[sqlite3.Connection], T], unusable: T) -> T:
        """``operation`` on the database, or ``unusable`` once the cache cannot be used: a
        cache only saves time, so a folder that cannot be written stops nothing."""
        if self._unusable:
            return unusable
        try:
            try:
                return operation(self._connection())
            except sqlite3.DatabaseError as exc:
                if not _is_corruption(exc):
                    raise
                self._rebuild(exc)
                return operation(self._connection())
        except (sqlite3.Error, OSError) as exc:
            self.close()
            self._unusable = True
            warnings.warn(
                f"{self.path}: cannot use the cache ({exc}); running without it",
                RuntimeWarning, stacklevel=4,
            )
            return unusable

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_S, isolation_level=None)
            try:
                _switch_to_wal(conn)
                conn.execute("PRAGMA synchronous=NORMAL")
                # a truncated file can still open; reading every page is what finds it
                problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
                if problems != ["ok"]:
                    raise sqlite3.DatabaseError(problems[0])
                conn.execute(_SCHEMA)
            except sqlite3.DatabaseError:
                conn.close()
                raise
            self._conn = conn
        return self._conn

    def _rebuild(self, cause: sqlite3.DatabaseError) -> None:
        self.close()
        broken = self.path.with_name(self.path.name + ".corrupt")
        warnings.warn(
            f"{self.path}: translation cache is unreadable ({cause}); moved to {broken.name} "
            "and starting an empty cache",
            RuntimeWarning,
            stacklevel=4,
        )
        for suffix in ("", "-wal", "-shm"):
            part = self.path.with_name(self.path.name + suffix)
            if part.exists():
                os.replace(part, broken.with_name(broken.name + suffix))


def _switch_to_wal(conn: sqlite3.Connection) -> None:
    """Put the file in WAL mode (it stays so). While another process creates the same
    file, sqlite refuses the switch at once as locked, without waiting out the busy
    timeout; so wait here, or the second process would run without the cache."""
    deadline = time.monotonic() + _BUSY_TIMEOUT_S
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    """A file sqlite cannot read as a database, as opposed to one it cannot reach or lock."""
    if isinstance(exc, sqlite3.OperationalError):
        return False
    return getattr(exc, "sqlite_errorname", None) in {"SQLITE_CORRUPT", "SQLITE_NOTADB", None}


def map_cached(
    texts: Sequence[str],
    compute: Callable[[list[str]], Sequence[V]],
    *,
    batch_size: int,
    cache: Cache | None,
    namespace: Sequence[str],
    dump: Callable[[V], bytes],
    load: Callable[[bytes], V],
) -> dict[str, V]:
    """``compute`` over the distinct ``texts`` that ``cache`` does not hold, by batches.

    Misses are sorted by length so that a batch pads little; each batch is stored as soon
    as it is computed, so an interrupted run keeps what it finished.
    """
    unique = list(dict.fromkeys(texts))
    done: dict[str, V] = {}
    keys: dict[str, bytes] = {}
    if cache is not None:
        keys = {t: Cache.key(namespace, t) for t in unique}
        hits = cache.get_many(list(keys.values()))
        done = {t: load(hits[k]) for t, k in keys.items() if k in hits}
    misses = sorted((t for t in unique if t not in done), key=len)
    for start in range(0, len(misses), batch_size):
        batch = misses[start : start + batch_size]
        results = dict(zip(batch, compute(batch), strict=True))
        done.update(results)
        if cache is not None:
            cache.put_many({keys[t]: dump(v) for t, v in results.items()})
    return done
