from __future__ import annotations

from pathlib import Path

import pytest

from dupcheck.backends.registry import BackendConfig
from dupcheck.errors import ConfigError
from dupcheck.gate.config import Pair, find_config, load_config
from dupcheck.records import Severity
from tests.gate_support import CLEAN_EN, CLEAN_HI, SEED_EN, SEED_HI, copy_desk


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    return copy_desk(tmp_path)


def test_fixture_desk_config(desk: Path) -> None:
    config = load_config(desk / "dupcheck.toml")
    assert config.pairs == (Pair(SEED_EN, SEED_HI, "hi"), Pair(CLEAN_EN, CLEAN_HI, "hi"))
    assert config.languages == ("hi",)
    assert config.fail_on is Severity.MAJOR
    assert config.backends == BackendConfig(translator="lexical", encoder="none")
    assert config.thresholds.max_omitted_share == 0.5 and config.thresholds.min_fidelity is None
    assert config.glossary == desk / "glossary.toml"
    assert config.baseline == desk / ".dupcheck-baseline.json"
    # what no report or baseline may replace: the configuration, both sides, the glossary
    assert config.inputs == (
        desk / "dupcheck.toml", desk / SEED_EN, desk / SEED_HI, desk / CLEAN_EN, desk / CLEAN_HI,
        desk / "glossary.toml",
    )


def test_pyproject_table_and_explicit_pair(desk: Path) -> None:
    (desk / "dupcheck.toml").unlink()
    (desk / "pyproject.toml").write_text(
        '[project]\nname = "desk"\n\n[tool.dupcheck]\nfail-on = "critical"\n\n'
        f'[[tool.dupcheck.pairs]]\nsource = "{SEED_EN}"\ntarget = "{SEED_HI}"\nlang = "hi"\n',
        encoding="utf-8",
    )
    assert find_config(desk / "stories") == desk / "pyproject.toml"
    config = load_config(desk / "pyproject.toml")
    assert config.pairs == (Pair(SEED_EN, SEED_HI, "hi"),)
    assert config.inputs == (desk / "pyproject.toml", desk / SEED_EN, desk / SEED_HI)
    assert config.fail_on is Severity.CRITICAL
    assert config.glossary is None


@pytest.mark.parametrize(("lang_line", "cause"), [
    ("", 'an explicit pair needs lang (such as "hi")'),
    ('lang = "Hindi"\n', "an explicit pair needs lang (such as \"hi\"), got 'Hindi'"),
])
def test_an_explicit_pair_without_a_language_code_says_so(desk: Path, lang_line: str, cause: str) -> None:
    path = desk / "dupcheck.toml"
    path.write_text(f'[[pairs]]\nsource = "{SEED_EN}"\ntarget = "{SEED_HI}"\n{lang_line}', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert str(err.value).endswith(f"lang: {cause}")


def _set(desk: Path, old: str, new: str) -> Path:
    path = desk / "dupcheck.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _line(path: Path, needle: str) -> int:
    return next(
        n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in line
    )


@pytest.mark.parametrize(
    ("old", "new", "key", "needle", "cause"),
    [
        (
            'fail-on = "major"',
            'fail-on = "major"\nfial-on = "minor"',
            "fial-on",
            "fial-on",
            "unknown key",
        ),
        ('encoder = "none"', 'encoder = "none"\ndevise = "cpu"', "devise", "devise", "unknown key"),
        (
            "max-omitted-share = 0.5",
            "max-omitted-share = 0.5\nmin-fidelty = 0.3",
            "min-fidelty",
            "min-fidelty",
            "unknown key",
        ),
        (
            'source = "stories/{stem}.en.txt"',
            'source = "articles/{stem}.en.txt"',
            "source",
            "articles/",
            "matches no file",
        ),
        (
            'target = "stories/{stem}.{lang}.txt"',
            'target = "stories/{stem}.{lang}.md"',
            "target",
            "{lang}.md",
            "matches no translation",
        ),
        # the languages tried are named (a language no file has is the usual cause)
        ('languages = ["hi"]', 'languages = ["xx"]', "target", "{lang}.txt", "sources in xx"),
        ('baseline = ".dupcheck-baseline.json"', 'baseline = "stories"', "baseline", "baseline =",
         "stories is a folder"),
        ('fail-on = "major"', 'fail-on = "severe"', "fail-on", "fail-on", "not one of"),
        (
            "max-omitted-share = 0.5",
            "max-omitted-share = 5",
            "max-omitted-share",
            "max-omitted-share",
            "between 0 and 1",
        ),
        ('languages = ["hi"]', 'languages = ["hindi"]', "languages", "languages", "ISO 639-1"),
        ('encoder = "none"', "encoder = false", "encoder", "encoder =", "expected a str"),
        (
            'encoder = "none"',
            'encoder = "none"\ndevice = "tpu"',
            "device",
            "device =",
            "not one of auto",
        ),
        ('encoder = "none"', 'encoder = "nope"', "encoder", "encoder =", "not one of auto, none, e5"),
        ('translator = "lexical"', 'translator = "google"', "translator", "translator =", "not one of auto"),
        (
            'glossary = "glossary.toml"',
            'glossary = "terms.toml"',
            "glossary",
            "glossary =",
            "no such file",
        ),
    ],
)
def test_bad_configuration_names_file_key_and_line(
    desk: Path, old: str, new: str, key: str, needle: str, cause: str
) -> None:
    path = _set(desk, old, new)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    message = str(err.value)
    assert message.startswith(f"{path}:{_line(path, needle)}: {key}:"), message
    assert cause in message


def test_unknown_key_inside_a_pairs_table(desk: Path) -> None:
    path = _set(
        desk,
        'target = "stories/{stem}.{lang}.txt"',
        'target = "stories/{stem}.{lang}.txt"\nlanguage = "hi"',
    )
    with pytest.raises(
        ConfigError, match=rf"^{path}:{_line(path, 'language =')}: language: unknown key"
    ):
        load_config(path)


def test_invalid_toml_and_missing_table(desk: Path) -> None:
    path = _set(desk, 'fail-on = "major"', "fail-on = major")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path)
    (desk / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"no \[tool.dupcheck\] table"):
        load_config(desk / "pyproject.toml")


@pytest.mark.parametrize(
    ("entry", "key", "cause"),
    [
        ('source = "stories/{stem}.en.txt"', "target", "expected a non-empty string"),
        ('source = "stories/nope.txt"\ntarget = "stories/nope.hi.txt"\nlang = "hi"', "source", "no such file"),
    ],
)
def test_an_error_in_a_later_pairs_table_names_that_tables_line(
    desk: Path, entry: str, key: str, cause: str
) -> None:
    path = desk / "dupcheck.toml"
    before = path.read_text(encoding="utf-8")
    path.write_text(before + f"\n[[pairs]]\n{entry}\n", encoding="utf-8")
    header = len(before.splitlines()) + 2  # the blank line, then [[pairs]]
    with pytest.raises(ConfigError) as err:
        load_config(path)
    line = header if key == "target" else header + 1
    assert str(err.value).startswith(f"{path}:{line}: {key}:"), str(err.value)
    assert cause in str(err.value)
