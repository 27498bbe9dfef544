"""Checking a translation against its source: the pipeline from files to a ``Report``.

documents → segments → pivot translation → alignment → scores → findings → report.
``Checker`` holds the loaded backends so that many pairs reuse them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import numpy as np

from dupcheck.backends.encode.base import Encoder
from dupcheck.backends.registry import BackendConfig, load_encoder, load_translator
from dupcheck.backends.translate.base import Translator
from dupcheck.errors import InputError
from dupcheck.fidelity.align import AlignSettings, SideFeatures, align_sentences
from dupcheck.fidelity.findings import CheckedPair, find_problems
from dupcheck.fidelity.findings.base import MIN_CONFIDENCE
from dupcheck.fidelity.paired import misaligned, paired_alignment
from dupcheck.fidelity.passages import (
    PassageSettings,
    shared_passages,
    two_articles_note,
)
from dupcheck.fidelity.repair import moved_sentences, repaired
from dupcheck.fidelity.score import score_document, score_pairs
from dupcheck.fidelity.signature import build_signature
from dupcheck.fidelity.wordalign import WORD_LAYER, word_vectors
from dupcheck.lexical.lexicon import load_lexicon
from dupcheck.lexical.pivot import PIVOT_LANG, PivotSide, pivot_source, pivot_target
from dupcheck.records import Bead, Document, Finding, Report, Severity, SourceCoverage
from dupcheck.text.bilingual import load_bilingual
from dupcheck.text.coords import locate_findings
from dupcheck.text.load import load_document
from dupcheck.text.segment import segment

#: text: segment into sentences; lines: one sentence per line, aligned freely; aligned: one
#: segment per line, line k of the source paired with line k of the translation
InputFormat = Literal["text", "lines", "aligned"]

#: sentences per token-state request: their states (13 layers' worth inside the model)
#: are dropped once pooled into word vectors, so memory stays flat on long documents
STATES_BATCH = 256


@dataclass(frozen=True, slots=True)
class CheckSettings:
    fail_on: Severity = Severity.MAJOR
    input_format: InputFormat = "text"
    #: ``None``: the calibration that fits the backends (with or without an encoder)
    align: AlignSettings | None = None
    #: when a pair is read as two articles sharing passages; ``None``: the calibration
    #: that fits the backends
    passages: PassageSettings | None = None
    #: major findings on weaker evidence are reported as minor (findings.base.weighed)
    min_confidence: float = MIN_CONFIDENCE


class Checker:
    """Loads the backends once and checks any number of pairs with them."""

    def __init__(
        self,
        backends: BackendConfig = BackendConfig(),
        settings: CheckSettings = CheckSettings(),
        *,
        translator: Translator | None = None,
        encoder: Encoder | None = None,
        on_stage: Callable[[str], None] | None = None,
    ) -> None:
        self.backends = backends
        self.settings = settings
        #: told what the check is doing (a progress display), before each slow stage
        self._stage = on_stage or (lambda _stage: None)
        self._given_translator = translator
        self._translators: dict[str, Translator] = {}
        self._encoder = encoder
        self._encoder_loaded = encoder is not None

    def translator(self, target_lang: str) -> Translator:
        """The backend that pivots ``target_lang`` into the source language, loaded once."""
        if self._given_translator is not None:
            return self._given_translator
        if target_lang not in self._translators:
            self._stage(f"loading the {self.backends.translator} translator for {target_lang}")
            self._translators[target_lang] = load_translator(self.backends, target_lang, PIVOT_LANG)
        return self._translators[target_lang]

    @property
    def encoder(self) -> Encoder | None:
        if not self._encoder_loaded:
            self._stage(f"loading the {self.backends.encoder} encoder")
            self._encoder = load_encoder(self.backends)
            self._encoder_loaded = True
        return self._encoder

    @property
    def _segmenting(self) -> Literal["text", "lines"]:
        return "text" if self.settings.input_format == "text" else "lines"

    def load(self, path: str | Path, lang: str | None = None, *, encoding: str | None = None) -> Document:
        """A file read, decoded (in ``encoding``, else in the one detected) and segmented."""
        doc = load_document(path, lang=lang, input_format=self._segmenting, encoding=encoding)
        return segment(doc, input_format=self._segmenting)

    def check_bilingual(
        self, path: str | Path, *, source_lang: str | None = None, target_lang: str | None = None,
        encoding: str | None = None,
    ) -> Report:
        """Check the paired segments of an XLIFF, TMX, PO, TSV or CSV file, as they are paired."""
        source, target = load_bilingual(
            path, source_lang=source_lang, target_lang=target_lang, encoding=encoding
        )
        return self.check_documents(source, target, paired=True)

    def check_files(
        self, source: str | Path, target: str | Path, *,
        source_lang: str | None = None, target_lang: str | None = None, encoding: str | None = None,
    ) -> Report:
        """``encoding``: the encoding of both files, instead of the ones detected."""
        return self.check_documents(
            self.load(source, source_lang, encoding=encoding),
            self.load(target, target_lang, encoding=encoding),
        )

    def check_against_sources(
        self, sources: Sequence[str | Path], target: str | Path, *,
        source_lang: str | None = None, target_lang: str | None = None, encoding: str | None = None,
    ) -> Report:
        """Check a translation against each candidate source; report the one it follows.

        A candidate that is not in English (a folder of a desk's stories holds the other
        translations too) is left out, and the report's notes say which; where none is
        in English, the first is refused as a lone source would be."""
        translation = self.load(target, target_lang, encoding=encoding)
        loaded = [self.load(s, source_lang, encoding=encoding) for s in sources]
        english = [d for d in loaded if d.lang == PIVOT_LANG] or loaded[:1]
        reports = [self.check_documents(d, translation) for d in english]
        best = max(range(len(reports)), key=lambda k: (reports[k].scores.coverage, reports[k].scores.fidelity))
        alternatives = tuple(
            SourceCoverage(r.source.path, r.scores.coverage, r.scores.fidelity, k == best)
            for k, r in enumerate(reports)
        )
        foreign = [d for d in loaded if d.lang != PIVOT_LANG]
        notes = (f"left out {len(foreign)} candidate source(s) not in English: "
                 + ", ".join(f"{d.name} ({d.lang})" for d in foreign),) if foreign else ()
        return replace(reports[best], alternatives=alternatives, notes=reports[best].notes + notes)

    def check_documents(self, source: Document, target: Document, *, paired: bool | None = None) -> Report:
        """``paired``: sentence k of each side are a pair, not re-aligned (default: whether the
        input format is ``aligned``)."""
        if not isinstance(source, Document) or not isinstance(target, Document):
            raise TypeError("check_documents takes two Documents; dupcheck.check takes paths, texts or lists of sentences")
        paired = self.settings.input_format == "aligned" if paired is None else paired
        pair, misplaced = self.aligned_pair(source, target, paired=paired)
        source, target, tgt_pivot, alignment = pair.source, pair.target, pair.target_pivot, pair.alignment
        self._stage("finding problems")
        views = list(pair.views())
        findings = find_problems(pair, views)
        if misplaced:  # paired beads are one segment a side, so the segment orders the findings
            findings = tuple(sorted(findings + misplaced, key=lambda f: f.source[:1]))
        source_runs = [v.source_text for v in views]
        pivot_runs = [" ".join(tgt_pivot.texts[j] for j in v.bead.target) for v in views]
        words = [v.words if v.bead.source and v.bead.target else None for v in views]
        findings = locate_findings(findings, source, target)
        pairs = score_pairs(alignment, source_runs, pivot_runs, words, findings)
        scores = score_document(source, target, alignment, pairs, source_runs, pivot_runs)
        return Report(
            source=source, target=target, pivot=tgt_pivot.texts, alignment=alignment,
            pairs=pairs, scores=scores, findings=findings, fail_on=self.settings.fail_on,
            notes=(two_articles_note(self.passage_settings),) if pair.two_articles else (),
            signature=build_signature(
                self.translator(target.lang), self.encoder, self.align_settings,
                self.passage_settings, fail_on=self.settings.fail_on,
                input_format="aligned" if paired else self.settings.input_format,
                encodings=(source.encoding, target.encoding),
                min_confidence=self.settings.min_confidence,
            ),
        )

    def aligned_pair(
        self, source: Document, target: Document, *, paired: bool = False,
    ) -> tuple[CheckedPair, tuple[Finding, ...]]:
        """The two documents segmented, pivoted, embedded and aligned: everything the
        detectors read; and, for ``paired`` input, the segments that do not correspond."""
        source, target = self._segmented(source), self._segmented(target)
        self._validate_pair(source, target)
        lexicon = load_lexicon(target.lang)
        src_pivot = pivot_source(source, lexicon)
        translator = self.translator(target.lang)
        self._stage(f"pivoting {len(target.sentences)} sentences")
        tgt_pivot = pivot_target(target, translator)
        # token states first: their forward pass also gives the sentence vectors the
        # aligner asks for next, so each sentence goes through the encoder once
        source_vectors = self.word_vectors(source, src_pivot)
        target_vectors = self.word_vectors(target, tgt_pivot)
        self._stage(f"aligning {len(source.sentences)} and {len(target.sentences)} sentences")
        alignment = align_sentences(
            self.features(source, src_pivot), self.features(target, tgt_pivot), self.align_settings
        )
        misplaced: tuple[Finding, ...] = ()
        two_articles = False
        moved: tuple[Bead, ...] = ()
        if paired:
            misplaced = misaligned(source, target, alignment)
            alignment = paired_alignment(source, target, alignment)
        else:
            words = None if source_vectors is None or target_vectors is None else (source_vectors, target_vectors)
            two_articles = self.passage_settings.two_articles(alignment, source)
            # before the re-pairing: its small gaps are what false beads between two
            # articles' passages make
            alignment = shared_passages(
                alignment, source, target, src_pivot, tgt_pivot, words, self.passage_settings
            )
            alignment = repaired(alignment, source, target, src_pivot, tgt_pivot, self.encoder, words)
            # two articles' passages: their unaligned sentences share a topic, not a text
            if self.encoder is not None and words is not None and not two_articles:
                moved = moved_sentences(alignment, source, target, src_pivot, tgt_pivot, self.encoder, words)
        pair = CheckedPair(
            source, target, src_pivot, tgt_pivot, alignment, lexicon, self.encoder,
            self.settings.min_confidence, source_vectors, target_vectors, two_articles, moved,
        )
        return pair, misplaced

    @property
    def align_settings(self) -> AlignSettings:
        if self.settings.align is not None:
            return self.settings.align
        return AlignSettings() if self.encoder is not None else AlignSettings.lexical_only()

    @property
    def passage_settings(self) -> PassageSettings:
        if self.settings.passages is not None:
            return self.settings.passages
        return PassageSettings() if self.encoder is not None else PassageSettings.lexical_only()

    def _segmented(self, doc: Document) -> Document:
        return doc if doc.sentences else segment(doc, input_format=self._segmenting)

    def _validate_pair(self, source: Document, target: Document) -> None:
        if source.lang != PIVOT_LANG:
            if source.lang_detected:
                raise InputError(source.name, (
                    f"source reads as {source.lang!r}, but sources must be in English ({PIVOT_LANG!r}); "
                    f"if it is English, state it (--source-lang {PIVOT_LANG}): a short text is hard to tell"
                ))
            raise InputError(source.name, f"source is in {source.lang!r}; sources must be in English ({PIVOT_LANG!r})")
        if target.lang == source.lang:
            raise InputError(
                target.name,
                f"is in the same language as the source ({source.lang!r}); expected a translation",
            )
        translator = self.translator(target.lang)
        if not translator.covers(target.lang, PIVOT_LANG):
            raise InputError(
                target.name,
                f"language {target.lang!r} is not covered by the {translator.name!r} translator",
            )

    def word_vectors(self, doc: Document, pivot: PivotSide) -> tuple[np.ndarray, ...] | None:
        """Per sentence, a contextual vector for each of its pivot words (float16: a long
        document holds hundreds of thousands); None when the encoder gives no token states."""
        if self.encoder is None or not self.encoder.gives_token_states:
            return None
        self._stage(f"reading the word states of {len(doc.sentences)} sentences")
        out = []
        for start in range(0, len(doc.sentences), STATES_BATCH):
            batch = doc.sentences[start:start + STATES_BATCH]
            states = self.encoder.token_states([s.text for s in batch], (WORD_LAYER,))
            out += [
                word_vectors(st, [(w.start, w.end) for w in pivot.words[s.index]]).astype(np.float16)
                for s, st in zip(batch, states, strict=True)
            ]
        return tuple(out)

    def features(self, doc: Document, pivot: PivotSide) -> SideFeatures:
        """What the aligner knows of ``doc``'s sentences (its embeddings, when there is an encoder)."""
        embeddings: np.ndarray | None = None
        if self.encoder is not None:
            self._stage(f"embedding {len(doc.sentences)} sentences")
            embeddings = self.encoder.encode([s.text for s in doc.sentences])
        return SideFeatures(
            pivot.key_sets(), [len(s.text) for s in doc.sentences], embeddings,
            alone=frozenset(s.index for s in doc.sentences if s.headline),
        )


def check_files(
    source: str | Path, target: str | Path, *,
    source_lang: str | None = None, target_lang: str | None = None,
    input_format: InputFormat = "text", backends: BackendConfig = BackendConfig(),
    fail_on: Severity = Severity.MAJOR,
) -> Report:
    settings = CheckSettings(fail_on=fail_on, input_format=input_format)
    return Checker(backends, settings).check_files(
        source, target, source_lang=source_lang, target_lang=target_lang
    )


def check_documents(
    source: Document, target: Document, *, backends: BackendConfig = BackendConfig(),
    settings: CheckSettings = CheckSettings(),
) -> Report:
    return Checker(backends, settings).check_documents(source, target)
