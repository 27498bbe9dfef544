"""Pivot translation with CTranslate2: the same Marian, NLLB-200 or M2M100 model as the
``hf`` backend, converted once into CTranslate2's format and run by its C++ engine, which
is faster on a CPU (``benchmarks/translate_bench.py`` measures by how much).

The conversion is kept in the cache folder, keyed by the model's revision, so that it
happens once per model; the tokenizer stays the model's own.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Literal

from dupcheck.backends.cache import default_cache_dir
from dupcheck.backends.device import load_pretrained
from dupcheck.backends.models import LocalModel, resolve_model
from dupcheck.backends.registry import Device
from dupcheck.backends.translate.hf import GREEDY, Generation, ModelLanguages, Seq2SeqTranslator
from dupcheck.errors import BackendError

ComputeType = Literal["default", "int8", "int8_float32", "float32", "float16", "bfloat16", "int8_float16"]


class CT2Translator(Seq2SeqTranslator):
    name = "ctranslate2"

    def __init__(
        self,
        model: str,
        *,
        revision: str | None = None,
        device: Device = "auto",
        compute_type: ComputeType = "int8",
        generation: Generation = GREEDY,
        batch_size: int = 16,
        num_threads: int | None = None,
        converted_dir: str | Path | None = None,
    ) -> None:
        import ctranslate2
        from transformers import AutoConfig, AutoTokenizer

        self.local = resolve_model(model, revision)
        if device == "mps":
            raise BackendError("the ctranslate2 backend runs on cpu or cuda, not mps")
        if device == "auto":
            device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
        self._tokenizer = load_pretrained(AutoTokenizer, self.local)
        model_type = load_pretrained(AutoConfig, self.local).model_type
        self.languages = ModelLanguages(model_type, self._tokenizer, self.local, model)
        folder = _converted(self.local, Path(converted_dir) if converted_dir else default_cache_dir() / "ct2")
        self._translator = ctranslate2.Translator(
            str(folder), device=device, compute_type=compute_type, intra_threads=num_threads or 0
        )
        self.compute_type = compute_type
        self.generation = generation
        self.batch_size = batch_size

    def _engine(self) -> str:
        return f"compute={self.compute_type},ctranslate2={version('ctranslate2')}"

    def _translate_batch(self, texts: list[str], src_lang: str, tgt_lang: str) -> list[str]:
        target_token = self.languages.prepare(src_lang, tgt_lang)
        ids = self._tokenizer(texts, truncation=True, max_length=self.generation.max_input_tokens)["input_ids"]
        results = self._translator.translate_batch(
            [self._tokenizer.convert_ids_to_tokens(row) for row in ids],
            target_prefix=[[target_token]] * len(texts) if target_token else None,
            beam_size=self.generation.num_beams,
            max_decoding_length=self.generation.max_new_tokens,
        )
        out = []
        for result in results:
            tokens = result.hypotheses[0]
            if target_token and tokens[:1] == [target_token]:
                tokens = tokens[1:]
            ids = self._tokenizer.convert_tokens_to_ids(tokens)
            out.append(self._tokenizer.decode(ids, skip_special_tokens=True).strip())
        return out


def _converted(model: LocalModel, root: Path) -> Path:
    """The model in CTranslate2's format, converting it on first use."""
    from ctranslate2.converters import TransformersConverter

    name = model.name.replace("/", "--")
    folder = root / f"{name}@{model.revision.replace(':', '-')}"
    if (folder / "model.bin").is_file():
        return folder
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=root, prefix=".converting-"))
    try:
        TransformersConverter(str(model.path)).convert(str(staging / "model"), force=True)
        try:
            os.replace(staging / "model", folder)
        except OSError:
            if not (folder / "model.bin").is_file():  # another process did not win the race
                raise
    except (OSError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise BackendError(f"{model.path}: cannot convert {model.name!r} for CTranslate2 ({exc})") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder
