"""The `ctranslate2` translator: the same tiny models as `hf`, converted once, same output."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.neural
pytest.importorskip("ctranslate2")
pytest.importorskip("torch")

from dupcheck.backends.translate.ct2 import CT2Translator
from dupcheck.backends.translate.hf import Generation, HFTranslator
from tests.paths import FIXTURES

FLORES = FIXTURES / "flores"
HINDI = (FLORES / "dev100.hin_Deva.txt").read_text(encoding="utf-8").splitlines()


@pytest.mark.slow
@pytest.mark.parametrize(("fixture", "src"), [("tiny_marian", "hi"), ("tiny_nllb", "hi"), ("tiny_nllb", "ur")])
def test_same_translations_as_transformers(request, tmp_path, fixture, src):
    folder = request.getfixturevalue(fixture)
    settings = {"device": "cpu", "generation": Generation(num_beams=1, max_new_tokens=8)}
    ct2 = CT2Translator(str(folder), compute_type="float32", converted_dir=tmp_path, **settings)
    hf = HFTranslator(str(folder), **settings)
    assert ct2.family == hf.family
    ours, theirs = ct2.translate(HINDI[:6], src, "en"), hf.translate(HINDI[:6], src, "en")
    # transformers spends the last of max_new_tokens on the forced </s> of Marian's config,
    # CTranslate2 one more word: the words they share are the same
    assert all(o.startswith(t) and t for o, t in zip(ours, theirs, strict=True)), (ours, theirs)


def test_conversion_happens_once_and_signature_says_what_ran(tmp_path, tiny_marian):
    first = CT2Translator(str(tiny_marian), device="cpu", converted_dir=tmp_path)
    (converted,) = [p for p in tmp_path.iterdir() if not p.name.startswith(".")]
    stamp = (converted / "model.bin").stat().st_mtime_ns
    second = CT2Translator(str(tiny_marian), device="cpu", converted_dir=tmp_path)
    assert (converted / "model.bin").stat().st_mtime_ns == stamp
    assert first.signature() == second.signature()
    assert first.signature().startswith("ctranslate2:tiny-opus-mt-hi-en@sha256:")
    assert "compute=int8" in first.signature() and "ctranslate2=" in first.signature()
    assert first.covers("hi", "en") and not first.covers("ar", "en")
