"""Neural pivot translation with transformers: MarianMT (opus-mt), NLLB-200 and M2M100.

Marian models translate one language pair each; NLLB-200 and M2M100 translate between
many languages, told which by language tokens: NLLB's ``hin_Deva``-style codes, M2M100's
``__hi__``. dupcheck speaks ISO 639-1 codes and maps them here (``ModelLanguages``, which
the CTranslate2 backend shares).
"""

from __future__ import annotations

import re
from abc import abstractmethod
from dataclasses import dataclass
from typing import Any

from dupcheck.backends.device import Device, DType, load_model
from dupcheck.backends.models import LocalModel, registry_entry
from dupcheck.backends.translate.base import Translator
from dupcheck.errors import BackendError

#: ISO 639-1 → NLLB-200 (FLORES-200) codes, for the languages dupcheck reads
NLLB_CODES = {
    "en": "eng_Latn", "hi": "hin_Deva", "ar": "arb_Arab", "ur": "urd_Arab", "bn": "ben_Beng",
    "fa": "pes_Arab", "fr": "fra_Latn", "de": "deu_Latn", "es": "spa_Latn", "ru": "rus_Cyrl",
    "zh": "zho_Hans", "ne": "npi_Deva", "mr": "mar_Deva", "pa": "pan_Guru", "ta": "tam_Taml",
}
_OPUS_PAIR = re.compile(r"opus-mt-([a-z]{2,3})-([a-z]{2,3})$")


class ModelLanguages:
    """How one model is told its languages, and which pairs it covers."""

    def __init__(self, model_type: str, tokenizer: Any, local: LocalModel, requested: str) -> None:
        self.family = _family(model_type, tokenizer)
        self.model = local.name
        self._tokenizer = tokenizer
        self._pair = _marian_pair(requested) if self.family == "marian" else None

    def covers(self, src_lang: str, tgt_lang: str) -> bool:
        if self.family == "marian":
            # a Marian model of unknown pair is taken to cover what the user asked of it
            return self._pair is None or self._pair == (src_lang, tgt_lang)
        return src_lang != tgt_lang and all(
            self._token_id(self.token(lang)) is not None for lang in (src_lang, tgt_lang)
        )

    def prepare(self, src_lang: str, tgt_lang: str) -> str | None:
        """Set the tokenizer's source language; the token that must start the translation."""
        if not self.covers(src_lang, tgt_lang):
            raise BackendError(f"model {self.model!r} does not translate {src_lang!r} into {tgt_lang!r}")
        if self.family == "marian":
            return None
        # NLLB's tokenizer takes its own codes, M2M100's the ISO code of its ``__hi__`` token
        self._tokenizer.src_lang = NLLB_CODES.get(src_lang, src_lang) if self.family == "nllb" else src_lang
        return self.token(tgt_lang)

    def token(self, lang: str) -> str:
        return NLLB_CODES.get(lang, lang) if self.family == "nllb" else f"__{lang}__"

    def _token_id(self, token: str) -> int | None:
        token_id = self._tokenizer.convert_tokens_to_ids(token)
        return None if token_id in (None, self._tokenizer.unk_token_id) else token_id


@dataclass(frozen=True, slots=True)
class Generation:
    """Decoding settings: greedy (``num_beams=1``) or beam search, and length limits."""

    num_beams: int = 1
    max_input_tokens: int = 256
    max_new_tokens: int = 256

    def describe(self) -> str:
        return f"beams={self.num_beams},max-in={self.max_input_tokens},max-new={self.max_new_tokens}"


GREEDY = Generation()


class Seq2SeqTranslator(Translator):
    """What the engines running one Marian, NLLB-200 or M2M100 model share."""

    worth_caching = True
    local: LocalModel
    languages: ModelLanguages
    generation: Generation

    @property
    def family(self) -> str:
        return self.languages.family

    def covers(self, src_lang: str, tgt_lang: str) -> bool:
        return self.languages.covers(src_lang, tgt_lang)

    def signature(self) -> str:
        return f"{self.name}:{self.local.ref}(family={self.family},{self.generation.describe()},{self._engine()})"

    @abstractmethod
    def _engine(self) -> str:
        """The engine's own settings that change its output, e.g. ``dtype=float32``."""


class HFTranslator(Seq2SeqTranslator):
    name = "hf"

    def __init__(
        self,
        model: str,
        *,
        revision: str | None = None,
        device: Device = "auto",
        dtype: DType = "auto",
        generation: Generation = GREEDY,
        batch_size: int = 16,
        num_threads: int | None = None,
    ) -> None:
        from transformers import AutoModelForSeq2SeqLM

        loaded = load_model(
            AutoModelForSeq2SeqLM, model, revision=revision, device=device, dtype=dtype,
            num_threads=num_threads,
        )
        self.local, self._model, self._tokenizer = loaded.local, loaded.model, loaded.tokenizer
        self._device, self._dtype_name = loaded.device, loaded.dtype_name
        self.generation = generation
        self.batch_size = batch_size
        self.languages = ModelLanguages(self._model.config.model_type, self._tokenizer, self.local, model)

    def _engine(self) -> str:
        return f"dtype={self._dtype_name}"

    def _translate_batch(self, texts: list[str], src_lang: str, tgt_lang: str) -> list[str]:
        import torch

        target_token = self.languages.prepare(src_lang, tgt_lang)
        forced = None if target_token is None else self._tokenizer.convert_tokens_to_ids(target_token)
        inputs = self._tokenizer(
            texts, return_tensors="pt", padding=True, truncation=True,
            max_length=self.generation.max_input_tokens,
        ).to(self._device)
        with torch.inference_mode():
            output = self._model.generate(
                **inputs,
                num_beams=self.generation.num_beams,
                do_sample=False,
                max_new_tokens=self.generation.max_new_tokens,
                **({"forced_bos_token_id": forced} if forced is not None else {}),
            )
        if forced is not None:
            # the target-language token is not marked special in every tokenizer
            output = output.masked_fill(output == forced, self._tokenizer.pad_token_id)
        return [t.strip() for t in self._tokenizer.batch_decode(output, skip_special_tokens=True)]


def _family(model_type: str, tokenizer: object) -> str:
    if model_type == "marian":
        return "marian"
    if model_type == "m2m_100":
        return "nllb" if type(tokenizer).__name__.startswith("Nllb") else "m2m100"
    raise BackendError(
        f"the neural translators run Marian, NLLB-200 and M2M100 models, not {model_type!r} ones"
    )


def _marian_pair(model: str) -> tuple[str, str] | None:
    entry = registry_entry(model)
    if entry is not None and len(entry.pairs) == 1 and "*" not in entry.pairs:
        src, tgt = entry.pairs[0].split("-")
        return src, tgt
    match = _OPUS_PAIR.search(model.rstrip("/").lower())
    return (match[1], match[2]) if match else None
