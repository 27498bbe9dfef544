"""What the transformers backends share: picking the device and dtype, loading a model.

Imported only by the backends themselves, so torch is loaded when one is constructed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from dupcheck.backends.models import LocalModel, resolve_model
from dupcheck.backends.registry import Device
from dupcheck.errors import BackendError

DType = Literal["auto", "float32", "float16", "bfloat16"]


def torch_runtime(device: Device, dtype: DType, num_threads: int | None) -> tuple[Any, Any]:
    """The torch device and dtype to run on; sets torch's CPU thread count when given."""
    import torch

    if num_threads is not None:
        torch.set_num_threads(num_threads)
    available = {
        "cpu": True,
        "cuda": torch.cuda.is_available(),
        "mps": torch.backends.mps.is_available(),
    }
    if device == "auto":
        device = "cuda" if available["cuda"] else "mps" if available["mps"] else "cpu"
    elif not available.get(device, False):
        raise BackendError(f"device {device!r} was asked for but torch cannot use it on this machine")
    if dtype == "auto":
        dtype = "float16" if device == "cuda" else "float32"
    return torch.device(device), getattr(torch, dtype)


def load_pretrained(loader: Any, model: LocalModel, **kwargs: Any) -> Any:
    """``loader.from_pretrained`` on a local folder: never downloads, never runs its code."""
    try:
        return loader.from_pretrained(model.path, local_files_only=True, trust_remote_code=False, **kwargs)
    except (OSError, ValueError, KeyError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise BackendError(f"{model.path}: cannot load model {model.name!r} ({first})") from None


@dataclass(frozen=True, slots=True)
class LoadedModel:
    """A model and its tokenizer, in eval mode on their device."""

    local: LocalModel
    model: Any
    tokenizer: Any
    device: Any
    dtype: Any

    @property
    def dtype_name(self) -> str:
        return str(self.dtype).removeprefix("torch.")


def load_model(
    loader: Any, name: str, *, revision: str | None, device: Device, dtype: DType,
    num_threads: int | None,
) -> LoadedModel:
    """Find ``name`` (see ``dupcheck.backends.models``) and load it with ``loader`` (an ``AutoModel...``)."""
    from transformers import AutoTokenizer

    local = resolve_model(name, revision)
    torch_device, torch_dtype = torch_runtime(device, dtype, num_threads)
    tokenizer = load_pretrained(AutoTokenizer, local)
    model = load_pretrained(loader, local, dtype=torch_dtype)
    model.to(torch_device).eval()
    return LoadedModel(local, model, tokenizer, torch_device, torch_dtype)
