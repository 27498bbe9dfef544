"""Report assembly helpers: the signature that makes two runs comparable."""

from __future__ import annotations

from dupcheck.backends.encode.base import Encoder
from dupcheck.backends.translate.base import Translator
from dupcheck.fidelity.align import AlignSettings
from dupcheck.fidelity.passages import PassageSettings
from dupcheck.fidelity.score import metric_signatures
from dupcheck.fidelity.wordalign import WORD_LAYER
from dupcheck.records import Severity
from dupcheck.version import __version__


def build_signature(
    translator: Translator, encoder: Encoder | None, align: AlignSettings,
    passages: PassageSettings, *, fail_on: Severity, input_format: str, encodings: tuple[str, str], min_confidence: float,
) -> str:
    """Everything that decides a report's content, in sacrebleu's ``key:value|...`` style;
    ``encodings``: the source's and the translation's (``encoding:utf-8/cp1256``).
    ``words`` says what the word-level checks read: the encoder's states in one layer
    (``states@8``) or the lexicon alone (``lexical``)."""
    words = f"states@{WORD_LAYER}" if encoder is not None and encoder.gives_token_states else "lexical"
    parts = [
        f"dupcheck:{__version__}",
        f"translator:{translator.signature()}",
        f"encoder:{encoder.signature() if encoder else 'none'}",
        align.describe(),
        passages.describe(),
        f"words:{words}",
        f"min-confidence:{min_confidence:g}",
        f"fail-on:{fail_on.value}",
        f"input:{input_format}",
        f"encoding:{encodings[0]}/{encodings[1]}",
        metric_signatures(),
    ]
    return "|".join(parts)
