"""Compare language-detector candidates on FLORES-200 dev lines: accuracy, load time, memory.

Run: PYTHONPATH=. /work/venv/bin/python benchmarks/bench_langid_candidates.py
Each candidate runs in its own process so load time and peak memory are its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FLORES = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "flores200-dev"
GOLD = {"eng_Latn": "en", "hin_Deva": "hi", "urd_Arab": "ur"}

CANDIDATE = r"""
import json, resource, statistics, sys, time
from pathlib import Path
name, flores = sys.argv[1], Path(sys.argv[2])
t0 = time.perf_counter()
if name == "py3langid":
    import py3langid
    detect = lambda s: py3langid.classify(s)[0]
elif name.startswith("lingua"):
    from lingua import IsoCode639_1, LanguageDetectorBuilder
    if name == "lingua-restricted":
        b = LanguageDetectorBuilder.from_iso_codes_639_1(*(getattr(IsoCode639_1, c) for c in
            ("EN", "HI", "MR", "AR", "UR", "FA", "FR", "DE", "ES", "RU", "ZH")))
    else:
        b = LanguageDetectorBuilder.from_all_languages()
    if name == "lingua-low":
        b = b.with_low_accuracy_mode()
    d = b.build()
    def detect(s):
        lang = d.detect_language_of(s)
        return lang.iso_code_639_1.name.lower() if lang else "??"
elif name == "dupcheck":
    from dupcheck.text.langid import detect_language as detect
detect("warm up the model with a line")
load_s = time.perf_counter() - t0
out = {"load_s": round(load_s, 2)}
for stem, gold in {"eng_Latn": "en", "hin_Deva": "hi", "urd_Arab": "ur"}.items():
    lines = (flores / f"{stem}.dev").read_text(encoding="utf-8").splitlines()
    docs = ["\n".join(lines[i:i + 8]) for i in range(0, len(lines), 8)]
    t = time.perf_counter()
    line_ok = sum(detect(s) == gold for s in lines)
    per_line_ms = (time.perf_counter() - t) / len(lines) * 1000
    doc_ok = sum(detect(s) == gold for s in docs)
    short = [" ".join(s.split()[:4]) for s in lines]
    short_ok = sum(detect(s) == gold for s in short)
    wrong = {}
    for s in lines:
        p = detect(s)
        if p != gold:
            wrong[p] = wrong.get(p, 0) + 1
    out[stem] = {"line_acc": round(line_ok / len(lines), 4), "doc_acc": round(doc_ok / len(docs), 4),
                 "4word_acc": round(short_ok / len(short), 4), "ms_per_line": round(per_line_ms, 3),
                 "line_errors": dict(sorted(wrong.items(), key=lambda kv: -kv[1])[:4])}
out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print(json.dumps(out))
"""


def main() -> None:
    if not FLORES.is_dir():
        sys.exit(f"FLORES dev not found at {FLORES}")
    names = sys.argv[1:] or [
        "py3langid",
        "lingua-low",
        "lingua-high",
        "lingua-restricted",
        "dupcheck",
    ]
    for name in names:
        proc = subprocess.run(
            [sys.executable, "-c", CANDIDATE, name, str(FLORES)],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode:
            print(name, "failed:", proc.stderr.strip().splitlines()[-1:])
            continue
        print(name, json.dumps(json.loads(proc.stdout), indent=None))


if __name__ == "__main__":
    main()
