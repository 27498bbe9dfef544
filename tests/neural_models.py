"""Builders of tiny random transformers models, for tests and benchmarks that never download.

Each builder trains a SentencePiece vocabulary on fixture text (English, Hindi and Urdu
FLORES lines and the Arabic seed), builds a model of the real architecture from a config
with random weights, and saves both in a folder laid out as on the hub, so the backends
load it exactly as they would load opus-mt, NLLB-200, M2M100, multilingual-e5 or LaBSE.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.paths import FIXTURES

TRAINING_TEXT = [
    FIXTURES / "flores" / "dev100.eng_Latn.txt",
    FIXTURES / "flores" / "dev100.hin_Deva.txt",
    FIXTURES / "flores" / "dev100.urd_Arab.txt",
    FIXTURES / "seeds" / "003_1fc78112d3480c43.txt",
]
#: the layer sizes of a tiny model: small enough to load and run in a fraction of a second
TINY = {"d_model": 32, "layers": 1, "heads": 2, "ffn": 64}
#: the sizes of Helsinki-NLP opus-mt models (6+6 layers, d_model 512, ~58k vocabulary)
OPUS_MT = {"d_model": 512, "layers": 6, "heads": 8, "ffn": 2048}
OPUS_MT_VOCAB = 58101


def train_sentencepiece(folder: Path, vocab_size: int = 600) -> Path:
    """A unigram model with fairseq-style ids: ``<s>`` 0, ``<pad>`` 1, ``</s>`` 2, ``<unk>`` 3."""
    import sentencepiece as spm

    folder.mkdir(parents=True, exist_ok=True)
    prefix = folder / "spm"
    spm.SentencePieceTrainer.train(
        input=",".join(map(str, TRAINING_TEXT)), model_prefix=str(prefix), vocab_size=vocab_size,
        model_type="unigram", character_coverage=1.0, bos_id=0, pad_id=1, eos_id=2, unk_id=3,
        minloglevel=2, num_threads=1,
    )
    return prefix.with_suffix(".model")


def _pieces(spm_model: Path) -> list[str]:
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_file=str(spm_model))
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def build_marian(folder: Path, spm_model: Path, sizes: dict = TINY, vocab_size: int | None = None) -> Path:
    """A MarianMT model like opus-mt: shared source/target vocabulary, ``<pad>`` starts decoding.

    ``vocab_size`` pads the vocabulary with unused pieces up to that size (the output layer
    of opus-mt has ~58k rows, which is what decoding spends its time on).
    """
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    pieces = [p for p in _pieces(spm_model) if p not in {"<s>", "<pad>", "</s>", "<unk>"}]
    vocab = {"</s>": 0, "<unk>": 1} | {p: i + 2 for i, p in enumerate(pieces)}
    for n in range(len(vocab), (vocab_size or 0) - 1):
        vocab[f"▁unused{n}"] = n
    vocab["<pad>"] = len(vocab)  # last, as in opus-mt: it only starts the decoder
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    for name in ("source.spm", "target.spm"):
        shutil.copy(spm_model, folder / name)
    tokenizer = MarianTokenizer(
        source_spm=str(folder / "source.spm"), target_spm=str(folder / "target.spm"),
        vocab=str(folder / "vocab.json"),
    )
    config = MarianConfig(
        vocab_size=len(vocab), d_model=sizes["d_model"], encoder_layers=sizes["layers"],
        decoder_layers=sizes["layers"], encoder_attention_heads=sizes["heads"],
        decoder_attention_heads=sizes["heads"], encoder_ffn_dim=sizes["ffn"],
        decoder_ffn_dim=sizes["ffn"], max_position_embeddings=512,
        pad_token_id=tokenizer.pad_token_id, eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.pad_token_id, forced_eos_token_id=tokenizer.eos_token_id,
    )
    torch.manual_seed(0)
    MarianMTModel(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def build_m2m100(folder: Path, spm_model: Path) -> Path:
    """An M2M100 model: ``__hi__``-style language tokens after the SentencePiece vocabulary."""
    from transformers import M2M100Tokenizer

    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(spm_model, folder / "sentencepiece.bpe.model")
    vocab = {p: i for i, p in enumerate(_pieces(spm_model))}
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = M2M100Tokenizer(
        vocab_file=str(folder / "vocab.json"), spm_file=str(folder / "sentencepiece.bpe.model")
    )
    language_ids = list(tokenizer.lang_token_to_id.values())
    _save_m2m100(folder, tokenizer, max(language_ids) + 1 + tokenizer.num_madeup_words)
    return folder


def build_nllb(folder: Path, spm_model: Path) -> Path:
    """An NLLB-200 model: M2M100 architecture, ``hin_Deva``-style language tokens."""
    from transformers import NllbTokenizer
    from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES

    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(spm_model, folder / "sentencepiece.bpe.model")
    tokenizer = NllbTokenizer.from_pretrained(folder, extra_special_tokens=FAIRSEQ_LANGUAGE_CODES)
    _save_m2m100(folder, tokenizer, len(tokenizer))
    return folder


def _save_m2m100(folder: Path, tokenizer, vocab_size: int) -> None:
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration

    config = M2M100Config(
        vocab_size=vocab_size, d_model=TINY["d_model"], encoder_layers=TINY["layers"],
        decoder_layers=TINY["layers"], encoder_attention_heads=TINY["heads"],
        decoder_attention_heads=TINY["heads"], encoder_ffn_dim=TINY["ffn"],
        decoder_ffn_dim=TINY["ffn"], max_position_embeddings=512,
        pad_token_id=tokenizer.pad_token_id, eos_token_id=tokenizer.eos_token_id,
        bos_token_id=tokenizer.bos_token_id, decoder_start_token_id=tokenizer.eos_token_id,
    )
    torch.manual_seed(0)
    M2M100ForConditionalGeneration(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)


def build_e5(folder: Path, spm_model: Path) -> Path:
    """A multilingual-e5-style encoder: XLM-RoBERTa architecture, mean pooling."""
    import torch
    from transformers import XLMRobertaConfig, XLMRobertaModel, XLMRobertaTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(spm_model, folder / "sentencepiece.bpe.model")
    tokenizer = XLMRobertaTokenizer.from_pretrained(folder)
    config = XLMRobertaConfig(
        vocab_size=len(tokenizer), hidden_size=TINY["d_model"], num_hidden_layers=TINY["layers"],
        num_attention_heads=TINY["heads"], intermediate_size=TINY["ffn"],
        max_position_embeddings=514, pad_token_id=tokenizer.pad_token_id,
    )
    torch.manual_seed(0)
    XLMRobertaModel(config, add_pooling_layer=False).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def build_labse(folder: Path) -> Path:
    """A LaBSE-style encoder: BERT with a pooler, WordPiece vocabulary of fixture words."""
    import regex
    import torch
    from transformers import BertConfig, BertModel, BertTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    words = {w for path in TRAINING_TEXT for w in regex.findall(r"\w+", path.read_text(encoding="utf-8"))}
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    (folder / "vocab.txt").write_text("\n".join([*specials, *sorted(words)]) + "\n", encoding="utf-8")
    tokenizer = BertTokenizer(str(folder / "vocab.txt"), do_lower_case=False)
    config = BertConfig(
        vocab_size=len(tokenizer), hidden_size=TINY["d_model"], num_hidden_layers=TINY["layers"],
        num_attention_heads=TINY["heads"], intermediate_size=TINY["ffn"], pad_token_id=0,
    )
    torch.manual_seed(0)
    BertModel(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder
