"""The `hf` encoder on tiny random e5- and LaBSE-style models, and the packaged encoder on
the Arabic seed: the passages it shares with the AP original are its nearest neighbours."""

from __future__ import annotations

import numpy as np
import pytest

from dupcheck.backends.cache import Cache
from tests.paths import FIXTURES

HINDI = (FIXTURES / "flores" / "dev100.hin_Deva.txt").read_text(encoding="utf-8").splitlines()
ENGLISH = (FIXTURES / "flores" / "dev100.eng_Latn.txt").read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def hf_encoder_class():
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from dupcheck.backends.encode.hf import HFEncoder

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
