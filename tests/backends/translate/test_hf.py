"""The `hf` translator on tiny random Marian, M2M100 and NLLB models built at test time.

The models are random, so what is checked is the plumbing a real opus-mt or NLLB model
relies on: the language tokens each family is driven by, batching, the cache, the
signature, and one-line errors when a model cannot be had.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dupcheck.backends.cache import Cache
from dupcheck.backends.registry import BackendConfig, load_translator
from dupcheck.errors import BackendError

pytestmark = pytest.mark.neural
torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from dupcheck.backends.translate.hf import Generation, HFTranslator
from tests.paths import FIXTURES

FLORES = FIXTURES / "flores"
HINDI = (FLORES / "dev100.hin_Deva.txt").read_text(encoding="utf-8").splitlines()
URDU = (FLORES / "dev100.urd_Arab.txt").read_text(encoding="utf-8").splitlines()


def translator(
    folder: Path, num_beams: int = 1, max_input_tokens: int = 256, max_new_tokens: int = 6, **kwargs
) -> HFTranslator:
    generation = Generation(num_beams, max_input_tokens, max_new_tokens)
    return HFTranslator(str(folder), device="cpu", generation=generation, **kwargs)


class GenerateSpy:
    """Wraps a model's ``generate`` to record the batches and token ids it is given."""

    def __init__(self, backend: HFTranslator) -> None:
        self.calls: list[dict] = []
        self._generate = backend._model.generate
        backend._model.generate = self

    def __call__(self, **kwargs):
        self.calls.append(kwargs)
        return self._generate(**kwargs)

    @property
    def sentences(self) -> int:
        return sum(len(c["input_ids"]) for c in self.calls)


@pytest.fixture(scope="module")
def models(tiny_marian, tiny_m2m100, tiny_nllb) -> dict[str, Path]:
    return {"marian": tiny_marian, "m2m100": tiny_m2m100, "nllb": tiny_nllb}


@pytest.mark.parametrize("family", ["marian", "m2m100", "nllb"])
def test_each_family_translates_a_batch(models, family):
    backend = translator(models[family], batch_size=4)
    spy = GenerateSpy(backend)
    out = backend.translate(HINDI[:10] + HINDI[:2], "hi", "en")
    assert backend.family == family
    assert len(out) == 12 and all(isinstance(t, str) for t in out)
    assert out[10:] == out[:2]  # duplicates are translated once ...
    assert spy.sentences == 10  # ... in batches of at most 4
    assert [len(c["input_ids"]) for c in spy.calls] == [4, 4, 2]
    assert backend.translate(HINDI[:3], "hi", "en") == out[:3]  # greedy decoding is deterministic


@pytest.mark.parametrize(
    ("family", "src", "tgt", "src_token", "tgt_token"),
    [
        ("nllb", "hi", "en", "hin_Deva", "eng_Latn"),
        ("nllb", "ar", "en", "arb_Arab", "eng_Latn"),
        ("nllb", "ur", "en", "urd_Arab", "eng_Latn"),
        ("nllb", "en", "hi", "eng_Latn", "hin_Deva"),
        ("m2m100", "hi", "en", "__hi__", "__en__"),
        ("m2m100", "ar", "en", "__ar__", "__en__"),
    ],
)
def test_language_codes_drive_multilingual_models(models, family, src, tgt, src_token, tgt_token):
    backend = translator(models[family])
    spy = GenerateSpy(backend)
    out = backend.translate([URDU[0] if src == "ur" else HINDI[0]], src, tgt)
    tokens = backend._tokenizer
    (call,) = spy.calls
    assert call["input_ids"][0, 0].item() == tokens.convert_tokens_to_ids(src_token)
    assert call["forced_bos_token_id"] == tokens.convert_tokens_to_ids(tgt_token)
    assert tgt_token not in out[0]  # the language token is not part of the translation


@pytest.mark.parametrize(
    ("family", "pair", "covered"),
    [
        ("marian", ("hi", "en"), True),  # read from the folder name tiny-opus-mt-hi-en
        ("marian", ("ar", "en"), False),
        ("nllb", ("hi", "en"), True),
        ("nllb", ("ar", "en"), True),
        ("nllb", ("ur", "en"), True),
        ("nllb", ("en", "en"), False),
        ("nllb", ("xx", "en"), False),
        ("m2m100", ("ur", "en"), True),
        ("m2m100", ("xx", "en"), False),
    ],
)
def test_covers(models, family, pair, covered):
    assert translator(models[family]).covers(*pair) is covered


def test_uncovered_pair_is_a_backend_error(models):
    with pytest.raises(BackendError, match="does not translate 'ar' into 'en'"):
        translator(models["marian"]).translate(["مرحبا"], "ar", "en")


def test_signature_names_model_revision_and_settings(models, tmp_path):
    backend = translator(models["nllb"], num_beams=3, max_input_tokens=100, max_new_tokens=7)
    sig = backend.signature()
    assert sig.startswith("hf:tiny-nllb@sha256:")
    for part in ("family=nllb", "beams=3", "max-in=100", "max-new=7", "dtype=float32"):
        assert part in sig
    # the revision is a hash of the files: a changed weight file is another model
    changed = tmp_path / "tiny-nllb"
    changed.mkdir()
    for f in models["nllb"].iterdir():
        (changed / f.name).write_bytes(f.read_bytes())
    (changed / "config.json").write_text(
        (changed / "config.json").read_text().replace('"dropout": 0.1', '"dropout": 0.2')
    )
    assert translator(changed).signature() != translator(models["nllb"]).signature()


def test_cached_second_run_calls_the_model_for_nothing(models, tmp_path):
    first = translator(models["marian"])
    first.cache = Cache(tmp_path)
    spy = GenerateSpy(first)
    expected = first.translate(HINDI[:12], "hi", "en")
    assert spy.sentences == 12
    second = translator(models["marian"])
    second.cache = Cache(tmp_path)
    spy = GenerateSpy(second)
    assert second.translate(HINDI[:12], "hi", "en") == expected
    assert spy.sentences == 0
    beam = translator(models["marian"], num_beams=2)  # another generation setting misses
    beam.cache = Cache(tmp_path)
    spy = GenerateSpy(beam)
    beam.translate(HINDI[:12], "hi", "en")
    assert spy.sentences == 12 and spy.calls[0]["num_beams"] == 2


def test_thread_count_is_set_when_the_model_loads(models):
    before = torch.get_num_threads()
    try:
        translator(models["marian"], num_threads=1)
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)


def test_load_translator_builds_hf_with_cache(models, tmp_path):
    config = BackendConfig(translator="hf", translator_model=str(models["m2m100"]), device="cpu",
                           cache_dir=str(tmp_path))
    backend = load_translator(config)
    assert isinstance(backend, HFTranslator) and backend.cache.path.parent == tmp_path


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"model": "Helsinki-NLP/opus-mt-hi-en"}, "dupcheck models pull Helsinki-NLP/opus-mt-hi-en"),
        ({"model": "opus-mt-ar-en"}, "dupcheck models pull opus-mt-ar-en"),
        ({"model": "no-such-model"}, "neither a folder nor a known model name"),
    ],
)
def test_missing_model_offline_is_one_line(monkeypatch, kwargs, message):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(BackendError) as caught:
        HFTranslator(**kwargs)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert kwargs["model"] in str(caught.value)


def test_folder_that_is_not_a_translation_model(tiny_e5):
    with pytest.raises(BackendError, match=r"cannot load model|run Marian, NLLB-200 and M2M100"):
        translator(tiny_e5)


def test_unavailable_device(models):
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    with pytest.raises(BackendError, match="device 'cuda'"):
        HFTranslator(str(models["marian"]), device="cuda")


SEEDS = FIXTURES / "seeds"
AP, HINDI_SEED = SEEDS / "002_ad68b3a4021bdc8c.txt", SEEDS / "000_7c1714d105d40b16.txt"


@pytest.fixture
def check_pipeline():
    return pytest.importorskip("dupcheck.fidelity.pipeline", reason="the check pipeline (dupcheck.lexical.lexicon) is not on this branch yet")


@pytest.mark.slow
@pytest.mark.parametrize("family", ["marian", "nllb"])
def test_check_pipeline_through_hf_is_cached(check_pipeline, models, tmp_path, family):
    def checker():
        backend = translator(models[family], max_new_tokens=8)
        backend.cache = Cache(tmp_path)
        return check_pipeline.Checker(BackendConfig(encoder="none"), translator=backend), GenerateSpy(backend)

    first, spy = checker()
    report = first.check_files(AP, HINDI_SEED)
    assert f"translator:hf:{models[family].name}@sha256:" in report.signature
    assert f"family={family}" in report.signature
    assert len(report.pivot) == len(report.target.sentences) == spy.sentences
    second, spy = checker()
    again = second.check_files(AP, HINDI_SEED)
    assert spy.sentences == 0  # every pivot sentence came from the cache
    assert again.pivot == report.pivot and again.alignment == report.alignment


def test_check_cli_missing_model_offline_exits_2(check_pipeline, monkeypatch):
    from typer.testing import CliRunner

    from dupcheck.cli import app

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    result = CliRunner().invoke(app, ["check", str(AP), str(HINDI_SEED), "--translator", "hf",
                                      "--translator-model", "Helsinki-NLP/opus-mt-hi-en"])
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert "Helsinki-NLP/opus-mt-hi-en" in line and "dupcheck models pull" in line
