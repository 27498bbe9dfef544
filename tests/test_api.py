"""dupcheck.check: paths, texts or lists of sentences, from Python."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import dupcheck
from dupcheck.errors import InputError
from dupcheck.fidelity.pipeline import check_documents
from tests.paths import FIXTURES

SEEDS = FIXTURES / "seeds"
AP, HINDI = SEEDS / "002_ad68b3a4021bdc8c.txt", SEEDS / "000_7c1714d105d40b16.txt"


@pytest.mark.parametrize("form", ["path", "str path", "text"])
def test_the_seed_pair_in_every_form_gives_the_same_findings(form: str) -> None:
    def side(path: Path):
        return {"path": path, "str path": str(path), "text": path.read_text(encoding="utf-8")}[form]

    report = dupcheck.check(side(AP), side(HINDI), encoder="none")
    codes = [f.code for f in report.findings]
    assert report.verdict == "fail" and "mistranslation.word" in codes and "number.changed" in codes
    assert len(report.findings) == len(dupcheck.check(AP, HINDI, encoder="none").findings)


@pytest.mark.parametrize(("source", "translation", "expected"), [
    (["The talks went well on Monday.", "Officials met 3 times in the capital."],
     ["सोमवार को बातचीत अच्छी रही।", "अधिकारी राजधानी में 5 बार मिले।"], ["number.changed"]),
    (["The talks went well on Monday.", "Officials met 3 times in the capital."],
     ["सोमवार को बातचीत अच्छी रही।", "अधिकारी राजधानी में 3 बार मिले।"], []),
])
def test_lists_of_sentences_are_paired(source, translation, expected) -> None:
    report = dupcheck.check(source, translation, encoder="none")
    assert [b.source for b in report.alignment] == [(0,), (1,)] and "input:aligned" in report.signature
    assert [f.code for f in report.findings if f.severity.value != "minor"] == expected


def test_check_documents_with_lists_says_what_to_call() -> None:
    with pytest.raises(TypeError, match="dupcheck.check"):
        check_documents(["a"], ["b"])  # type: ignore[arg-type]


def test_import_dupcheck_loads_no_pipeline() -> None:
    code = "import sys, dupcheck; print(sorted(m for m in sys.modules if m.startswith(('dupcheck.', 'numpy', 'torch'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['dupcheck.version']"


@pytest.mark.parametrize("mistyped", ["enx.txt", "stories/missing", "hi.xlf"])
def test_a_mistyped_path_is_no_such_file_not_a_text(mistyped: str) -> None:
    with pytest.raises(InputError, match="no such file"):
        dupcheck.check(mistyped, "बातचीत अच्छी रही।", encoder="none")


def test_a_one_word_text_is_still_a_text() -> None:
    report = dupcheck.check("Hello.", "नमस्ते।", encoder="none", source_lang="en", target_lang="hi")
    assert report.source.sentences


@pytest.mark.parametrize(
    ("arguments", "error", "says"),
    [
        ({"input_format": "xml"}, ValueError, "input_format must be one of text, lines, aligned, got 'xml'"),
        ({"fail_on": "huge"}, ValueError, "fail_on must be one of"),
        ({"source": None}, TypeError, "source must be a path, a text or a list of sentences (str), got NoneType"),
        ({"translation": b"bytes"}, TypeError, "translation must be a path, a text or a list of sentences (str), got bytes"),
        ({"source": [1, 2]}, TypeError, "got list holding other things"),
    ],
)
def test_a_bad_argument_is_named_before_any_work(arguments, error, says) -> None:
    # a review found "xml" accepted and the others failing deep inside (enum.py, split)
    call = {"source": ["A cat."], "translation": ["एक बिल्ली।"], "encoder": "none", **arguments}
    with pytest.raises(error) as raised:
        dupcheck.check(call.pop("source"), call.pop("translation"), **call)
    assert says in str(raised.value)


def test_the_readme_python_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the README's "From Python" blocks, one after another as a reader would paste them;
    # en.txt and hi.txt are the seed pair, checked without the encoder to keep this fast
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    start = readme.index("From Python:")
    blocks = readme[start : readme.index("\n## ", start)].split("```python\n")[1:]
    assert len(blocks) == 2
    (tmp_path / "en.txt").write_text(AP.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "hi.txt").write_text(HINDI.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    names: dict[str, object] = {}
    for block in blocks:
        code = block.split("```")[0].replace('check("en.txt", "hi.txt")', 'check("en.txt", "hi.txt", encoder="none")')
        exec(code, names)  # noqa: S102
    report = names["report"]
    assert names["text"].startswith("#") and "<html" in names["html"]
    assert all(0 <= i < len(report.target.sentences) for f in report.findings for i in f.target)
