"""Test support for the gate: the fixture desk copied to a folder, and a stand-in checker.

``paragraph_check`` stands in for ``dupcheck.fidelity.pipeline`` where a test is about the gate's own
logic, not the pipeline: it loads and segments both files for real, aligns paragraph k with
paragraph k when both have as many paragraphs (else gives no alignment, which leaves the
glossary to its whole-document fallback), and reports a number in a translation sentence
that its aligned source lacks.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import regex

from dupcheck.records import Bead, Document, Finding, FindingType, Report, Scores, Severity
from dupcheck.text.load import load_document
from dupcheck.text.segment import segment
from tests.paths import ROOT as REPO

DESK = REPO / "fixtures" / "desk"
SEED_EN = "stories/2022-02-05-xi-egypt.en.txt"
SEED_HI = "stories/2022-02-05-xi-egypt.hi.txt"
CLEAN_EN = "stories/2022-03-01-flores-wikinews.en.txt"
CLEAN_HI = "stories/2022-03-01-flores-wikinews.hi.txt"
_NUMBER = regex.compile(r"\d+(?:[.,]\d+)*")


def copy_desk(tmp_path: Path) -> Path:
    root = tmp_path / "desk"
    shutil.copytree(DESK, root)
    return root


def _paragraphs(doc: Document) -> list[tuple[int, ...]]:
    groups: list[list[int]] = []
    last_end = None
    for s in doc.sentences:
        if last_end is None or "\n" in doc.text[last_end : s.start]:
            groups.append([])
        groups[-1].append(s.index)
        last_end = s.end
    return [tuple(g) for g in groups]


def report_for(
    source: Document,
    target: Document,
    alignment: tuple[Bead, ...],
    findings: tuple[Finding, ...] = (),
) -> Report:
    covered = sum(len(b.source) for b in alignment if b.target) / max(len(source.sentences), 1)
    return Report(
        source=source,
        target=target,
        pivot=tuple(s.text for s in target.sentences),
        alignment=alignment,
        pairs=(),
        scores=Scores(fidelity=covered * 0.9, coverage=covered, pivot_chrf=50.0, pivot_bleu=20.0),
        findings=findings,
        fail_on=Severity.MAJOR,
        signature="test:paragraph-check",
    )


def paragraph_check(source_path: Path, target_path: Path, lang: str) -> Report:
    source = segment(load_document(source_path, lang="en"))
    target = segment(load_document(target_path, lang=lang))
    src_par, tgt_par = _paragraphs(source), _paragraphs(target)
    alignment = (
        tuple(Bead(s, t, 0.8) for s, t in zip(src_par, tgt_par))
        if len(src_par) == len(tgt_par)
        else ()
    )
    units = [(b.source, b.target) for b in alignment] or [
        (tuple(range(len(source.sentences))), tuple(range(len(target.sentences))))
    ]
    findings = []
    for src, tgt in units:
        known = {n for i in src for n in _NUMBER.findall(source.sentences[i].text)}
        for j in tgt:
            sentence = target.sentences[j]
            for m in _NUMBER.finditer(sentence.text):
                if m.group() not in known:
                    findings.append(
                        Finding(
                            FindingType.NUMBER,
                            Severity.MAJOR,
                            "number.changed",
                            src[:1],
                            (j,),
                            source.sentences[src[0]].text if src else "",
                            sentence.text,
                            f"number {m.group()} is not in the source",
                            target_span=(sentence.start + m.start(), sentence.start + m.end()),
                        )
                    )
    return report_for(source, target, alignment, tuple(findings))
