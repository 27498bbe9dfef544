"""Long documents cost in proportion to their length: the aligner's band does not widen
with the difference in the two sides' sentence counts, and the path it finds is the
same as a band covering everything would find."""

from __future__ import annotations

import pytest

from dupcheck.fidelity import align
from dupcheck.fidelity.align import AlignSettings, align_sentences
from tests.fidelity.test_align import side


def _split_every_tenth(m: int) -> tuple[list[str], list[str]]:
    """A source of ``m`` sentences and a translation that splits every tenth one in two
    (``n`` = 1.1 ``m``: the path drifts from the corner-to-corner diagonal nowhere by much)."""
    src = [f"a{i} b{i} c{i} d{i}" for i in range(m)]
    tgt: list[str] = []
    for i, s in enumerate(src):
        tgt.extend([f"a{i} b{i}", f"c{i} d{i}"] if i % 10 == 3 else [s])
    return src, tgt


def _band_columns(monkeypatch, src: list[str], tgt: list[str], settings: AlignSettings) -> tuple[list[int], tuple]:
    seen: list[int] = []
    best_path = align._best_path

    def recording(band, scorer):
        seen.append(band.cols)
        return best_path(band, scorer)

    monkeypatch.setattr(align, "_best_path", recording)
    return seen, align_sentences(side(*src), side(*tgt), settings)


@pytest.mark.parametrize("m", [400, 1600])
def test_the_band_stays_narrow_however_the_sentence_counts_differ(monkeypatch, m):
    src, tgt = _split_every_tenth(m)
    columns, beads = _band_columns(monkeypatch, src, tgt, AlignSettings.lexical_only())
    # |m - n| is 40 and 160 sentences: a band that wide everywhere held cells quadratic in m
    assert columns == [2 * AlignSettings.lexical_only().band + 1]
    splits = [b for b in beads if len(b.target) == 2]
    assert len(splits) == m // 10 and all(len(b.source) == 1 for b in splits)


def test_a_path_far_off_the_diagonal_is_followed_as_a_full_band_would(monkeypatch):
    # 60 added sentences in the middle: the band must widen around the path it found
    src = [f"s{i} t{i}" for i in range(120)]
    tgt = src[:50] + [f"x{i} y{i}" for i in range(60)] + src[50:]
    narrow = AlignSettings.lexical_only()
    columns, beads = _band_columns(monkeypatch, src, tgt, narrow)
    full = align_sentences(side(*src), side(*tgt), AlignSettings(threshold=narrow.threshold,
                                                                merge_penalty=narrow.merge_penalty, band=500))
    assert len(columns) > 1 and beads == full
    assert [b.target for b in beads if not b.source] == [(j,) for j in range(50, 110)]
