"""dupcheck: cross-lingual duplicate and translation-quality checker.

``dupcheck.check(source, translation)`` checks a translation from Python; the pipeline and
its backends are imported on the first call, so ``import dupcheck`` stays fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dupcheck.fidelity.pipeline import Checker
    from dupcheck.records import Document, Report

from dupcheck.version import __version__

__all__ = ["__version__", "check"]

#: what ``check`` takes for each side: a path, the text itself, or its sentences
Side = str | PathLike[str] | Sequence[str]


def check(
    source: Side,
    translation: Side,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    input_format: str | None = None,
    fail_on: str = "major",
    translator: str = "auto",
    encoder: str = "auto",
    cache: bool = True,
    encoding: str | None = None,
) -> Report:
    """Check ``translation`` against ``source``; the ``Report`` of ``dupcheck check``.

    Each side is a path (a ``Path``, or a ``str`` that names an existing file or reads as
    a path: no spaces, a folder or an extension, so a mistyped name is "no such file"), the
    text itself (any other ``str``), or a list of sentences. Two lists of as many sentences are
    taken as paired, sentence k with sentence k (``input_format="aligned"``), as sacrebleu
    takes its hypotheses and references; otherwise sentences are aligned. ``input_format``
    (text, lines, aligned) overrides that; languages are detected unless given, and so are
    the files' encodings unless ``encoding`` names the one of both (``cp1256``).

    >>> report = dupcheck.check(["The talks went well."], ["बातचीत अच्छी रही।"])  # doctest: +SKIP
    >>> report.verdict, [f.code for f in report.findings]  # doctest: +SKIP
    """
    from typing import get_args

    from dupcheck.backends.registry import BackendConfig
    from dupcheck.fidelity.pipeline import Checker, CheckSettings, InputFormat
    from dupcheck.records import Severity

    for name, side in (("source", source), ("translation", translation)):
        _require_side(name, side)
    formats = get_args(InputFormat)
    if input_format not in (None, *formats):
        raise ValueError(f"input_format must be one of {', '.join(formats)}, got {input_format!r}")
    severities = [s.value for s in Severity]
    if fail_on not in severities:
        raise ValueError(f"fail_on must be one of {', '.join(severities)}, got {fail_on!r}")
    lists = not isinstance(source, str | PathLike) and not isinstance(translation, str | PathLike)
    fmt = input_format or (
        "aligned" if lists and len(source) == len(translation) else ("lines" if lists else "text")
    )
    checker = Checker(
        BackendConfig(translator=translator, encoder=encoder, cache=cache),
        CheckSettings(fail_on=Severity(fail_on), input_format=fmt),  # type: ignore[arg-type]
    )
    return checker.check_documents(
        _document(checker, source, source_lang, encoding),
        _document(checker, translation, target_lang, encoding),
    )


def _require_side(name: str, side: object) -> None:
    """A ``TypeError`` naming the argument for a side that is no path, text or list of
    sentences (bytes, None, numbers), rather than one from deep inside the pipeline."""
    if isinstance(side, str | PathLike):
        return
    listed = isinstance(side, Sequence) and not isinstance(side, bytes | bytearray)
    if listed and all(isinstance(s, str) for s in side):
        return
    raise TypeError(
        f"{name} must be a path, a text or a list of sentences (str), got {type(side).__name__}"
        + (" holding other things" if listed else "")
    )


def _document(checker: Checker, side: Side, lang: str | None, encoding: str | None) -> Document:
    from pathlib import Path

    from dupcheck.text.load import document_from_text

    if isinstance(side, PathLike) or (isinstance(side, str) and "\n" not in side and len(side) < 4096
                                      and (Path(side).is_file() or _names_a_file(side))):
        return checker.load(side, lang, encoding=encoding)  # a mistyped path: "no such file"
    if isinstance(side, str):
        text, fmt = side, "lines" if checker.settings.input_format != "text" else "text"
    else:
        # one sentence a line: a line break inside a sentence would make two
        text, fmt = "\n".join(" ".join(s.split()) for s in side), "lines"
    return document_from_text(text, path="", lang=lang, input_format=fmt)  # type: ignore[arg-type]


def _names_a_file(text: str) -> bool:
    """Whether a ``str`` that is no existing file still reads as a path, not as a text to
    check: no spaces, and a folder or a file extension in it ("enx.txt", "stories/hi")."""
    import os
    import re

    return not any(c.isspace() for c in text) and (
        os.sep in text or re.fullmatch(r".+\.[A-Za-z][A-Za-z0-9]{0,4}", text) is not None
    )
