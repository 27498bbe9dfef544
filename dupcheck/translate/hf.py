"""Neural pivot translation with transformers: MarianMT (opus-mt), NLLB-200 and M2M100.

Marian models translate one language pair each; NLLB-200 and M2M100 translate between
many languages, told which by language tokens: NLLB's ``hin_Deva``-style codes, M2M100's
``__hi__``. dupcheck speaks ISO 639-1 codes and maps them here.
"""

from __future__ import annotations

import re

from dupcheck.errors import BackendError
from dupcheck.models import registry_entry
from dupcheck.neural import Device, DType, load_model
from dupcheck.translate.base import Translator

#: ISO 639-1 → NLLB-200 (FLORES-200) codes, for the languages dupcheck reads
NLLB_CODES = {
    "en": "eng_Latn", "hi": "hin_Deva", "ar": "arb_Arab", "ur": "urd_Arab", "bn": "ben_Beng",
    "fa": "pes_Arab", "fr": "fra_Latn", "de": "deu_Latn", "es": "spa_Latn", "ru": "rus_Cyrl",
    "zh": "zho_Hans", "ne": "npi_Deva", "mr": "mar_Deva", "pa": "pan_Guru", "ta": "tam_Taml",
}
_OPUS_PAIR = re.compile(r"opus-mt-([a-z]{2,3})-([a-z]{2,3})$")


class HFTranslator(Translator):
    name = "hf"
    worth_caching = True

    def __init__(
        self,
        model: str,
        *,
        revision: str | None = None,
        device: Device = "auto",
        dtype: DType = "auto",
        num_beams: int = 1,
        max_input_tokens: int = 256,
        max_new_tokens: int = 256,
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
        self.num_beams = num_beams
        self.max_input_tokens = max_input_tokens
        self.max_new_tokens = max_new_tokens
        self.batch_size = batch_size
        self.family = _family(self._model.config.model_type, self._tokenizer)
        self._pair = _marian_pair(model) if self.family == "marian" else None

    def covers(self, src_lang: str, tgt_lang: str) -> bool:
        if self.family == "marian":
            # a Marian model of unknown pair is taken to cover what the user asked of it
            return self._pair is None or self._pair == (src_lang, tgt_lang)
        return src_lang != tgt_lang and all(
            self._lang_token_id(lang) is not None for lang in (src_lang, tgt_lang)
        )

    def signature(self) -> str:
        return (
            f"hf:{self.local.ref}(family={self.family},beams={self.num_beams},"
            f"max-in={self.max_input_tokens},max-new={self.max_new_tokens},dtype={self._dtype_name})"
        )

    def _translate_batch(self, texts: list[str], src_lang: str, tgt_lang: str) -> list[str]:
        import torch

        if not self.covers(src_lang, tgt_lang):
            raise BackendError(f"model {self.local.name!r} does not translate {src_lang!r} into {tgt_lang!r}")
        forced = None
        if self.family != "marian":
            # NLLB's tokenizer takes its own codes, M2M100's the ISO code of its ``__hi__`` token
            self._tokenizer.src_lang = NLLB_CODES.get(src_lang, src_lang) if self.family == "nllb" else src_lang
            forced = self._lang_token_id(tgt_lang)
        inputs = self._tokenizer(
            texts, return_tensors="pt", padding=True, truncation=True, max_length=self.max_input_tokens
        ).to(self._device)
        with torch.inference_mode():
            output = self._model.generate(
                **inputs,
                num_beams=self.num_beams,
                do_sample=False,
                max_new_tokens=self.max_new_tokens,
                **({"forced_bos_token_id": forced} if forced is not None else {}),
            )
        if forced is not None:
            # the target-language token is not marked special in every tokenizer
            output = output.masked_fill(output == forced, self._tokenizer.pad_token_id)
        return [t.strip() for t in self._tokenizer.batch_decode(output, skip_special_tokens=True)]

    def _lang_token(self, lang: str) -> str:
        return NLLB_CODES.get(lang, lang) if self.family == "nllb" else f"__{lang}__"

    def _lang_token_id(self, lang: str) -> int | None:
        token = self._lang_token(lang)
        token_id = self._tokenizer.convert_tokens_to_ids(token)
        return None if token_id in (None, self._tokenizer.unk_token_id) else token_id


def _family(model_type: str, tokenizer: object) -> str:
    if model_type == "marian":
        return "marian"
    if model_type == "m2m_100":
        return "nllb" if type(tokenizer).__name__.startswith("Nllb") else "m2m100"
    raise BackendError(
        f"the hf translator runs Marian, NLLB-200 and M2M100 models, not {model_type!r} ones"
    )


def _marian_pair(model: str) -> tuple[str, str] | None:
    entry = registry_entry(model)
    if entry is not None and len(entry.pairs) == 1 and "*" not in entry.pairs:
        src, tgt = entry.pairs[0].split("-")
        return src, tgt
    match = _OPUS_PAIR.search(model.rstrip("/").lower())
    return (match[1], match[2]) if match else None
