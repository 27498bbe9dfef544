"""Shared fixtures: a cache folder per session, and tiny random neural models built once."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def _cache_and_models_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test reads or writes the user's cache or models directory."""
    patch = pytest.MonkeyPatch()
    patch.setenv("DUPCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    patch.setenv("DUPCHECK_MODELS_DIR", str(tmp_path_factory.mktemp("models")))
    patch.setenv("HF_HUB_OFFLINE", "1")
    yield
    patch.undo()


@pytest.fixture(scope="session")
def spm_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("sentencepiece")
    from tests.neural_models import train_sentencepiece

    return train_sentencepiece(tmp_path_factory.mktemp("spm"))


def _build(tmp_path_factory: pytest.TempPathFactory, name: str, builder, *args) -> Path:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    return builder(tmp_path_factory.mktemp("models") / name, *args)


@pytest.fixture(scope="session")
def tiny_marian(tmp_path_factory, spm_model) -> Path:
    from tests.neural_models import build_marian

    return _build(tmp_path_factory, "tiny-opus-mt-hi-en", build_marian, spm_model)


@pytest.fixture(scope="session")
def tiny_m2m100(tmp_path_factory, spm_model) -> Path:
    from tests.neural_models import build_m2m100

    return _build(tmp_path_factory, "tiny-m2m100", build_m2m100, spm_model)


@pytest.fixture(scope="session")
def tiny_nllb(tmp_path_factory, spm_model) -> Path:
    from tests.neural_models import build_nllb

    return _build(tmp_path_factory, "tiny-nllb", build_nllb, spm_model)


@pytest.fixture(scope="session")
def tiny_e5(tmp_path_factory, spm_model) -> Path:
    from tests.neural_models import build_e5

    return _build(tmp_path_factory, "tiny-multilingual-e5", build_e5, spm_model)


@pytest.fixture(scope="session")
def tiny_labse(tmp_path_factory) -> Path:
    from tests.neural_models import build_labse

    return _build(tmp_path_factory, "tiny-labse", build_labse)
