"""A corpus of bad inputs for ``check``, ``scan`` and ``gate``, written at test time.

Each case writes what it needs into a fresh folder and gives the command line and two
fragments the one-line error must hold: the file it names and the cause. Nothing here
is committed as a binary; devices are stood in for by FIFOs made in the folder (never
``/dev/*`` itself), so a case that reads one would hang instead of failing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.paths import FIXTURES

SEEDS = FIXTURES / "seeds"
EN = SEEDS / "002_ad68b3a4021bdc8c.txt"
HI = SEEDS / "000_7c1714d105d40b16.txt"
AR = SEEDS / "003_1fc78112d3480c43.txt"
FLORES = FIXTURES / "flores"
DESK = FIXTURES / "desk"


@dataclass(frozen=True, slots=True)
class BadCase:
    argv: tuple[str, ...]
    #: the error line names this (a path, an option)
    names: str
    #: and says this about the cause
    cause: str


Build = Callable[[Path], BadCase]


def _file(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _fifo(folder: Path, name: str = "pipe.txt") -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def _check(*args: object, names: object, cause: str) -> BadCase:
    return BadCase(("check", *map(str, args), "--encoder", "none", "--no-cache"), str(names), cause)


def _urdu(folder: Path) -> Path:
    lines = (FLORES / "dev100.urd_Arab.txt").read_text(encoding="utf-8").splitlines()[:12]
    return _file(folder, "ur.txt", "\n".join(lines).encode())


def _english(folder: Path) -> Path:
    lines = (FLORES / "dev100.eng_Latn.txt").read_text(encoding="utf-8").splitlines()[:12]
    return _file(folder, "en.txt", "\n".join(lines).encode())


def _desk(folder: Path) -> Path:
    root = folder / "desk"
    shutil.copytree(DESK, root)
    return root


def _gate(root: Path, *args: str, names: object, cause: str) -> BadCase:
    return BadCase(("gate", "--config", str(root / "dupcheck.toml"), *args), str(names), cause)


def _with_glossary(folder: Path, name: str, data: bytes, cause: str, line: int | None = None) -> BadCase:
    root = _desk(folder)
    glossary = _file(root, name, data)
    toml = (root / "dupcheck.toml").read_text(encoding="utf-8")
    (root / "dupcheck.toml").write_text(toml.replace('"glossary.toml"', f'"{name}"'), encoding="utf-8")
    return _gate(root, names=f"{glossary}:{line}" if line else glossary, cause=cause)


def _with_baseline(folder: Path, data: bytes, cause: str) -> BadCase:
    root = _desk(folder)
    baseline = _file(root, ".dupcheck-baseline.json", data)
    return _gate(root, names=baseline, cause=cause)


def _scan_only(folder: Path, name: str, data: bytes, cause: str) -> BadCase:
    manifest = _file(folder, name, data)
    return BadCase(("scan", str(manifest), "--no-progress"), str(manifest), cause)


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


CASES: dict[str, Build] = {
    # check: inputs
    "missing file": lambda d: _check(EN, d / "nope.txt", names=d / "nope.txt", cause="no such file"),
    "directory": lambda d: _check(EN, d, names=d, cause="directory"),
    "empty file": lambda d: _check(EN, _file(d, "e.txt", b""), names=d / "e.txt", cause="no text"),
    "binary": lambda d: _check(EN, _file(d, "b.txt", bytes(range(256)) * 8), names=d / "b.txt", cause="binary"),
    "latin-1": lambda d: _check(_file(d, "l.txt", "Café déjà vu, naïve façade.".encode("latin-1")), HI,
                                names=d / "l.txt", cause="cannot tell its encoding; pass --encoding NAME"),
    "random high bytes": lambda d: _check(EN, _file(d, "r.txt", bytes(range(0x80, 0x100)) * 4),
                                          names=d / "r.txt", cause="cannot tell its encoding"),
    "broken utf-16 without BOM": lambda d: _check(
        EN, _file(d, "u.txt", "Plain text ".encode("utf-16-le") + b"\x01\xd8"), names=d / "u.txt",
        cause="looks like UTF-16-LE without a byte-order mark but is not valid"),
    "unknown --encoding": lambda d: _check(EN, HI, "--encoding", "no-such-codec", names="no-such-codec",
                                           cause="unknown encoding"),
    "not in the --encoding": lambda d: _check(EN, _file(d, "a.txt", AR.read_text(encoding="utf-8").encode("cp1256")),
                                              "--encoding", "utf-8", names=d / "a.txt", cause="not valid utf-8"),
    "--encoding on XLIFF": lambda d: _check(FIXTURES / "bilingual" / "seed.xlf", "--encoding", "cp1256",
                                            names="seed.xlf", cause="cannot be forced on XLIFF"),
    "FIFO as input": lambda d: _check(EN, _fifo(d), names=d / "pipe.txt", cause="FIFO"),
    "link to a FIFO as input": lambda d: _check(EN, _link(d, _fifo(d)), names=d / "link.txt", cause="FIFO"),
    "symlink loop": lambda d: _check(EN, _loop(d), names=d / "loop.txt", cause="symbolic links"),
    "over the size limit": lambda d: _check(EN, _sparse(d, 20_000_001), names=d / "big.txt", cause="byte limit"),
    "Arabic stated as Hindi": lambda d: _check(EN, AR, "--target-lang", "hi", names=AR, cause="Arabic script"),
    "Urdu stated as Hindi": lambda d: _check(_english(d), _urdu(d), "--target-lang", "hi",
                                             names=d / "ur.txt", cause="Arabic script"),
    "not a language code": lambda d: _check(EN, HI, "--target-lang", "Hindi", names="Hindi", cause="ISO 639-1"),
    # the detector reads "Hello world." as Fulfulde: the error says to state the language
    "short English source read as another language": lambda d: _check(
        _file(d, "hello.txt", b"Hello world.\n"), HI, names=d / "hello.txt", cause="--source-lang en"),
    "source stated in another language": lambda d: _check(
        EN, HI, "--source-lang", "fr", names=EN, cause="is in 'fr'; sources must be in English"),
    # check: backends and options
    "hf translator without a model": lambda d: _check(EN, HI, "--translator", "hf", names="hf", cause="--translator-model"),
    "hf translator, no such model folder": lambda d: _check(EN, HI, "--translator", "hf", "--translator-model",
                                                            d / "nonexistent", names=d / "nonexistent",
                                                            cause="no such model folder"),
    "hf encoder without a model": lambda d: BadCase(("check", str(EN), str(HI), "--encoder", "hf"), "hf", "--encoder-model"),
    "unknown device": lambda d: _check(EN, HI, "--device", "bogus", names="bogus", cause="auto, cpu, cuda, mps"),
    "unknown option": lambda d: _check(EN, HI, "--bogus", names="--bogus", cause="No such option"),
    "no arguments": lambda d: BadCase(("check",), "FILES", "Missing argument"),
    # check: outputs
    "report over the translation": lambda d: _check(EN, _copy(d, HI), "-o", d / "hi.txt",
                                                    names=d / "hi.txt", cause="over an input"),
    "report over a hard link of the source": lambda d: _check(_copy(d, EN), HI, "-o", _hard_link(d),
                                                              names=d / "hard.txt", cause="over an input"),
    "report onto a FIFO": lambda d: _check(EN, HI, "-o", _fifo(d), names=d / "pipe.txt", cause="not a regular file"),
    "report onto a folder": lambda d: _check(EN, HI, "-o", d, names=d, cause="folder"),
    "SARIF report to standard output": lambda d: _check(EN, HI, "--sarif", "-", names="-",
                                                        cause="only --output writes to standard output"),
    "two reports to one file": lambda d: _check(EN, HI, "--sarif", d / "out.xml", "--junit", d / "out.xml",
                                                names=d / "out.xml", cause="given to both --sarif and --junit"),
    "XLIFF notes report over the XLIFF it checks": lambda d: _check(
        _xliff(d), "--xliff-notes", d / "seed.xlf", names=d / "seed.xlf", cause="over an input"),
    "XLIFF notes of a pair of text files": lambda d: _check(
        EN, HI, "--xliff-notes", d / "notes.xlf", names=HI, cause="needs an XLIFF 1.2 input file"),
    "XLIFF notes report onto a FIFO": lambda d: _check(
        _xliff(d), "--xliff-notes", _fifo(d), names=d / "pipe.txt", cause="not a regular file"),
    # scan
    "scan report over a file in a scanned folder": lambda d: BadCase(
        ("scan", str(_corpus_folder(d)), "-o", str(d / "docs" / "b.txt"), "--no-progress"),
        str(d / "docs" / "b.txt"), "over an input"),
    "scan report over a manifest's file": lambda d: BadCase(
        ("scan", str(_manifest_of(d)), "-o", str(d / "en.txt"), "-f", "json", "--no-progress"),
        str(d / "en.txt"), "over an input"),
    "scan report inside the folder scanned": lambda d: BadCase(
        ("scan", str(_corpus_folder(d)), "-o", str(d / "docs" / "scan.md"), "--no-progress"),
        str(d / "docs" / "scan.md"), "inside the folder scanned"),
    "scan of a missing path beside a good one": lambda d: BadCase(
        ("scan", str(EN), str(d / "nope"), "--no-progress"), str(d / "nope"), "no such file or folder"),
    "scan report onto a FIFO": lambda d: BadCase(
        ("scan", str(EN), str(HI), "-o", str(_fifo(d)), "--no-progress"), str(d / "pipe.txt"), "not a regular file"),
    "manifest of huge integers only": lambda d: _scan_only(d, "m.jsonl", b'{"id": 1, "text": ' + b"9" * 5000 + b"}\n",
                                                           "not JSON"),
    "manifest of deep nesting only": lambda d: _scan_only(d, "m.jsonl", _nested(100_000) + b"\n",
                                                          "not JSON"),
    "manifest with a number as lang": lambda d: _scan_only(d, "m.jsonl", b'{"text": "Hello there, friend.", "lang": 5}\n',
                                                           '"lang" must be a string'),
    "manifest with null text": lambda d: _scan_only(d, "m.jsonl", b'{"text": null}\n', '"text" must be a string'),
    "manifest in Latin-1": lambda d: _scan_only(d, "m.jsonl", '{"text": "café"}\n'.encode("latin-1"), "not UTF-8"),
    # gate: configuration files
    "dupcheck.toml in Latin-1": lambda d: _gate(_toml(d, 'languages = ["hi"] # café\n'.encode("latin-1")),
                                                names=d / "desk" / "dupcheck.toml", cause="not UTF-8"),
    "dupcheck.toml binary": lambda d: _gate(_toml(d, b"\x00\x01\x02" * 50), names=d / "desk" / "dupcheck.toml",
                                            cause="binary"),
    "pyproject.toml in Latin-1": lambda d: _pyproject(d),
    "dupcheck.toml a FIFO": lambda d: _gate_fifo_config(d),
    # gate: baselines
    "baseline with a huge integer": lambda d: _with_baseline(d, b'{"schema": 1' + b"0" * 5000 + b"}", "not a readable baseline"),
    "baseline nested deep": lambda d: _with_baseline(d, _nested(100_000), "not a readable baseline"),
    "baseline in Latin-1": lambda d: _with_baseline(d, '{"schema": "é"}'.encode("latin-1"), "not UTF-8"),
    "baseline row without a fingerprint": lambda d: _with_baseline(
        d, b'{"schema": "dupcheck.baseline/1", "findings": [{"fingerprint": 5}]}', "fingerprint"),
    # gate: glossaries
    "glossary CSV field over the csv limit": lambda d: _with_glossary(
        d, "g.csv", b"source,lang,target\nironclad,hi," + b"x" * 140_000 + b"\n", "not a readable CSV row", 2),
    "glossary CSV with an empty language": lambda d: _with_glossary(
        d, "g.csv", "source,lang,target\nironclad,,अटूट\n".encode(), "ISO 639-1", 2),
    "glossary TOML empty term": lambda d: _with_glossary(d, "g.toml", '[""]\nhi = { required = ["अटूट"] }\n'.encode(),
                                                         "a term needs a word", 1),
    "glossary TOML blank term": lambda d: _with_glossary(d, "g.toml", '[" "]\nhi = { required = ["अटूट"] }\n'.encode(),
                                                         "a term needs a word", 1),
    "glossary TOML language Hindi": lambda d: _with_glossary(
        d, "g.toml", '[ironclad]\nHindi = { required = ["अटूट"] }\n'.encode(), "ISO 639-1", 2),
    "glossary TBX not XML": lambda d: _with_glossary(d, "g.tbx", b"<martif><text>", "not a readable TBX"),
    "glossary in Latin-1": lambda d: _with_glossary(d, "g.csv", "source,lang,target\ncafé,hi,x\n".encode("latin-1"),
                                                    "not UTF-8"),
    "gate: two reports to one file": lambda d: _gate(_desk(d), "--json", str(d / "out"), "--markdown", str(d / "out"),
                                                     names=d / "out", cause="given to both --markdown and --json"),
    # gate: pairs
    "gate target a FIFO": lambda d: _gate_fifo_target(d),
}


def _link(folder: Path, target: Path) -> Path:
    link = folder / "link.txt"
    link.symlink_to(target)
    return link


def _loop(folder: Path) -> Path:
    loop = folder / "loop.txt"
    loop.symlink_to(loop)
    return loop


def _sparse(folder: Path, size: int) -> Path:
    path = folder / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def _xliff(folder: Path) -> Path:
    return Path(shutil.copy(FIXTURES / "bilingual" / "seed.xlf", folder / "seed.xlf"))


def _copy(folder: Path, path: Path) -> Path:
    name = "hi.txt" if path == HI else "en.txt"
    return Path(shutil.copy(path, folder / name))


def _hard_link(folder: Path) -> Path:
    link = folder / "hard.txt"
    os.link(folder / "en.txt", link)
    return link


def _corpus_folder(folder: Path) -> Path:
    docs = folder / "docs"
    docs.mkdir()
    shutil.copy(EN, docs / "a.txt")
    shutil.copy(HI, docs / "b.txt")
    return docs


def _manifest_of(folder: Path) -> Path:
    shutil.copy(EN, folder / "en.txt")
    return _file(folder, "m.jsonl", b'{"id": "en", "path": "en.txt"}\n{"id": "hi", "text": "' +
                 HI.read_text(encoding="utf-8").splitlines()[0].replace('"', "").encode() + b'"}\n')


def _toml(folder: Path, data: bytes) -> Path:
    root = _desk(folder)
    (root / "dupcheck.toml").write_bytes(data)
    return root


def _pyproject(folder: Path) -> BadCase:
    root = _desk(folder)
    (root / "dupcheck.toml").unlink()
    pyproject = _file(root, "pyproject.toml", '[tool.dupcheck]\nlanguages = ["hi"] # café\n'.encode("latin-1"))
    return BadCase(("gate", "--config", str(pyproject)), str(pyproject), "not UTF-8")


def _gate_fifo_config(folder: Path) -> BadCase:
    root = folder / "desk"
    root.mkdir()
    config = _fifo(root, "dupcheck.toml")
    return BadCase(("gate", "--config", str(config)), str(config), "FIFO")


def _gate_fifo_target(folder: Path) -> BadCase:
    root = _desk(folder)
    stories = root / "stories"
    shutil.copy(stories / "2022-03-01-flores-wikinews.en.txt", stories / "2022-04-01-pipe.en.txt")
    target = _fifo(stories, "2022-04-01-pipe.hi.txt")
    return _gate(root, names=target, cause="FIFO")
