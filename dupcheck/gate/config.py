"""The gate's project configuration: ``dupcheck.toml`` or ``[tool.dupcheck]`` in ``pyproject.toml``.

```toml
languages = ["hi", "ar"]
fail-on = "major"
glossary = "glossary.toml"
baseline = ".dupcheck-baseline.json"

[[pairs]]                               # a pattern: every source that matches, in each language
source = "stories/{stem}.en.txt"
target = "stories/{stem}.{lang}.txt"

[[pairs]]                               # or one explicit pair
source = "notes/brief.txt"
target = "notes/brief-hindi.txt"
lang = "hi"

[backends]                              # dupcheck.backends.registry.BackendConfig
translator = "lexical"
encoder = "none"

[thresholds]
min-fidelity = 0.4                      # a document below this fails
max-omitted-share = 0.25                # share of source sentences with no counterpart
```

Every error names the file, the key and the line it is on.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import regex

from dupcheck.backends.registry import DEVICES, ENCODERS, TRANSLATORS, BackendConfig
from dupcheck.errors import ConfigError
from dupcheck.records import Severity
from dupcheck.text.load import read_text_file

CONFIG_NAMES = ("dupcheck.toml", "pyproject.toml")
_TOP_KEYS = {"languages", "fail-on", "glossary", "baseline", "pairs", "backends", "thresholds"}
_PAIR_KEYS = {"source", "target", "lang"}
_THRESHOLD_KEYS = {"min-fidelity", "max-omitted-share"}
_BACKEND_KEYS = {f.name.replace("_", "-") for f in fields(BackendConfig)}
_LANG = regex.compile(r"[a-z]{2,3}")


@dataclass(frozen=True, slots=True)
class Thresholds:
    min_fidelity: float | None = None
    max_omitted_share: float | None = None


@dataclass(frozen=True, slots=True)
class Pair:
    """One source and its translation, as paths relative to the project root."""

    source: str
    target: str
    lang: str


@dataclass(frozen=True, slots=True)
class GateConfig:
    path: Path
    root: Path
    languages: tuple[str, ...]
    pairs: tuple[Pair, ...]
    backends: BackendConfig
    fail_on: Severity
    thresholds: Thresholds
    glossary: Path | None
    baseline: Path

    @property
    def inputs(self) -> tuple[Path, ...]:
        """The files the gate reads (the configuration, every pair's two sides, the
        glossary), which no report or baseline it writes may replace."""
        sides = (self.root / p for pair in self.pairs for p in (pair.source, pair.target))
        return (self.path, *sides, *((self.glossary,) if self.glossary else ()))


class _Located:
    """Finds the line a key is on, so that errors can point at it."""

    def __init__(self, path: Path, text: str, section: str | None) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.first = 0
        if section is not None:
            header = regex.compile(rf"^\s*\[\s*{regex.escape(section)}\s*\]")
            self.first = next((i for i, line in enumerate(self.lines) if header.match(line)), 0)

    def line_of(self, key: str, after: int | None = None) -> int:
        pattern = regex.compile(
            rf"^\s*(?:\[\[?\s*(?:[\w.-]+\.)?{regex.escape(key)}\s*\]|\"?{regex.escape(key)}\"?\s*=)"
        )
        start = self.first if after is None else after
        for i in range(start, len(self.lines)):
            if pattern.match(self.lines[i]) or regex.search(
                rf"[{{,]\s*{regex.escape(key)}\s*=", self.lines[i]
            ):
                return i + 1
        return start + 1

    def entry_line(self, key: str, index: int) -> int:
        """The line of the ``index``-th ``[[key]]`` table (0 the first), or of ``key``
        where the entries are not tables of their own (``pairs = [{...}, {...}]``)."""
        header = regex.compile(rf"^\s*\[\[\s*(?:[\w.-]+\.)?{regex.escape(key)}\s*\]\]")
        headers = [i + 1 for i in range(self.first, len(self.lines)) if header.match(self.lines[i])]
        return headers[index] if index < len(headers) else self.line_of(key)

    def error(self, key: str, message: str, after: int | None = None) -> ConfigError:
        return ConfigError(f"{self.path}:{self.line_of(key, after)}: {key}: {message}")


def find_config(start: Path) -> Path:
    """``dupcheck.toml`` or a ``pyproject.toml`` with ``[tool.dupcheck]`` in ``start`` or above."""
    for folder in (start.resolve(), *start.resolve().parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (
                name == "dupcheck.toml" or "[tool.dupcheck" in read_text_file(candidate)
            ):
                return candidate
    raise ConfigError(
        f"{start}: no dupcheck.toml or pyproject.toml with [tool.dupcheck] here or above"
    )


def load_config(path: Path) -> GateConfig:
    """Read and validate a configuration file; pairs are resolved against its folder."""
    text = read_text_file(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    section = None
    if path.name == "pyproject.toml":
        section = "tool.dupcheck"
        tool = data.get("tool", {})
        data = tool.get("dupcheck") if isinstance(tool, dict) else None
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: has no [tool.dupcheck] table")
    return _parse(data, _Located(path, text, section), path.parent)


def _parse(data: dict[str, Any], where: _Located, root: Path) -> GateConfig:
    _no_unknown(data, _TOP_KEYS, where)
    languages = tuple(_list_of_str(data, "languages", where) or ())
    for lang in languages:
        if not _LANG.fullmatch(lang):
            raise where.error("languages", f"{lang!r} is not an ISO 639-1 code such as hi or ar")
    try:
        fail_on = Severity(data.get("fail-on", "major"))
    except ValueError:
        raise where.error(
            "fail-on", f"{data['fail-on']!r} is not one of minor, major, critical"
        ) from None
    pair_tables = data.get("pairs")
    if not isinstance(pair_tables, list) or not pair_tables:
        raise where.error("pairs", "give at least one [[pairs]] table with source and target")
    pairs: list[Pair] = []
    for index, table in enumerate(pair_tables):
        pairs.extend(_resolve_pairs(table, languages, where, root, where.entry_line("pairs", index) - 1))
    return GateConfig(
        path=where.path,
        root=root,
        languages=languages,
        pairs=tuple(dict.fromkeys(pairs)),
        backends=_backends(data.get("backends", {}), where),
        fail_on=fail_on,
        thresholds=_thresholds(data.get("thresholds", {}), where),
        glossary=_existing(data, "glossary", where, root),
        baseline=_baseline(data, where, root),
    )


def _baseline(data: dict[str, Any], where: _Located, root: Path) -> Path:
    name = _string(data.get("baseline", ".dupcheck-baseline.json"), "baseline", where)
    if (root / name).is_dir():
        raise where.error("baseline", f"{name} is a folder; name the baseline's file")
    return root / name


def _no_unknown(
    table: dict[str, Any], known: set[str], where: _Located, after: int | None = None
) -> None:
    for key in table:
        if key not in known:
            raise where.error(key, f"unknown key (known: {', '.join(sorted(known))})", after)


def _string(value: Any, key: str, where: _Located, after: int | None = None) -> str:
    if not isinstance(value, str) or not value:
        raise where.error(key, f"expected a non-empty string, got {value!r}", after)
    return value


def _list_of_str(data: dict[str, Any], key: str, where: _Located) -> list[str] | None:
    value = data.get(key)
    if value is not None and (
        not isinstance(value, list) or not all(isinstance(v, str) for v in value)
    ):
        raise where.error(key, f"expected a list of strings, got {value!r}")
    return value


def _existing(data: dict[str, Any], key: str, where: _Located, root: Path) -> Path | None:
    if key not in data:
        return None
    path = root / _string(data[key], key, where)
    if not path.is_file():
        raise where.error(key, f"no such file: {path}")
    return path


def _resolve_pairs(
    table: Any, languages: tuple[str, ...], where: _Located, root: Path, after: int
) -> list[Pair]:
    """The pairs of one ``[[pairs]]`` entry, whose table starts after line ``after``
    (0-based), where its errors are looked for."""
    if not isinstance(table, dict):
        raise where.error("pairs", "each [[pairs]] entry must be a table with source and target", after)
    _no_unknown(table, _PAIR_KEYS, where, after)
    source = _string(table.get("source"), "source", where, after)
    target = _string(table.get("target"), "target", where, after)
    if "{stem}" not in source:
        lang = table.get("lang")
        if not isinstance(lang, str) or not _LANG.fullmatch(lang):
            got = "" if lang is None else f", got {lang!r}"
            raise where.error("lang", f'an explicit pair needs lang (such as "hi"){got}', after)
        for name in (source, target):
            if not _present(root / name):
                raise where.error(
                    "source" if name == source else "target", f"no such file: {name}", after
                )
        return [Pair(source, target, lang)]
    if "{stem}" not in target or ("{lang}" not in target and "lang" not in table):
        raise where.error(
            "target", "a pattern pair's target needs {stem} and {lang} (or a lang key)", after
        )
    langs = (table["lang"],) if "lang" in table else languages
    if not langs:
        raise where.error("languages", "a pattern pair needs languages = [...] or a lang key")
    glob = source.replace("{stem}", "*")
    stem_re = regex.compile(regex.escape(source).replace(regex.escape("{stem}"), "(?P<stem>.+)"))
    sources = sorted(p.relative_to(root).as_posix() for p in root.glob(glob) if not p.is_dir())
    if not sources:
        raise where.error("source", f"pattern {source!r} matches no file under {root}", after)
    found = []
    for src in sources:
        stem = stem_re.fullmatch(src)["stem"]
        for lang in langs:
            tgt = target.replace("{stem}", stem).replace("{lang}", lang)
            if _present(root / tgt):
                found.append(Pair(src, tgt, lang))
    if not found:
        raise where.error(
            "target",
            f"pattern {target!r} matches no translation of the {len(sources)} sources "
            f"in {', '.join(langs)}",
            after,
        )
    return found


def _present(path: Path) -> bool:
    """Whether something other than a folder is at ``path``: a FIFO, a device or a broken
    link is a pair whose check then fails with its cause, not a pair left out unsaid."""
    return (path.exists() or path.is_symlink()) and not path.is_dir()


def _backends(table: Any, where: _Located) -> BackendConfig:
    if not isinstance(table, dict):
        raise where.error("backends", "expected a table")
    _no_unknown(table, _BACKEND_KEYS, where, where.line_of("backends") - 1)
    for key, value in table.items():
        expected = bool if key == "cache" else str
        if not isinstance(value, expected):
            raise where.error(key, f"expected a {expected.__name__}, got {value!r}")
    choices = {
        "translator": ("auto", *TRANSLATORS), "encoder": ("auto", "none", *ENCODERS), "device": DEVICES,
    }
    for key, names in choices.items():
        if key in table and table[key] not in names:
            raise where.error(key, f"{table[key]!r} is not one of {', '.join(names)}")
    return BackendConfig(**{k.replace("-", "_"): v for k, v in table.items()})


def _thresholds(table: Any, where: _Located) -> Thresholds:
    if not isinstance(table, dict):
        raise where.error("thresholds", "expected a table")
    _no_unknown(table, _THRESHOLD_KEYS, where, where.line_of("thresholds") - 1)
    for key, value in table.items():
        if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 1:
            raise where.error(key, f"expected a number between 0 and 1, got {value!r}")
    return Thresholds(table.get("min-fidelity"), table.get("max-omitted-share"))
