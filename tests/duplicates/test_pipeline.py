import json
import shutil
from pathlib import Path

import pytest

from dupcheck.backends.registry import BackendConfig
from dupcheck.duplicates.pipeline import scan_paths
from dupcheck.errors import InputError
from dupcheck.records import Relation, ScanReport
from dupcheck.render.scan_json import SCHEMA, render_scan_json
from tests.paths import FIXTURES

SEEDS = FIXTURES / "seeds"
OFFLINE = BackendConfig(translator="lexical", encoder="none")


def _seed(doc_id: str) -> str:
    return Path(doc_id).name[:3]


def _pairs(report: ScanReport) -> dict[frozenset[str], object]:
    return {frozenset({_seed(p.a), _seed(p.b)}): p for p in report.pairs}


@pytest.fixture(scope="module")
def seed_report() -> ScanReport:
    return scan_paths([SEEDS], backends=OFFLINE)


@pytest.mark.parametrize(("seeds", "relation"), [
    ({"002", "000"}, Relation.TRANSLATION),
    ({"002", "001"}, Relation.NEAR_DUPLICATE),
    ({"002", "003"}, Relation.PARTIAL_OVERLAP),
])
def test_seed_relations(seed_report, seeds, relation):
    assert _pairs(seed_report)[frozenset(seeds)].relation is relation


def test_unrelated_seed_meets_nothing(seed_report):
    assert not [key for key in _pairs(seed_report) if "004" in key]
    assert not [c for c in seed_report.clusters if any(_seed(d) == "004" for d in c)]


def test_every_seed_pair_is_verified(seed_report):
    assert seed_report.candidates == 10


def test_spun_copy_lists_spinning_substitutions(seed_report):
    pair = _pairs(seed_report)[frozenset({"002", "001"})]
    assert _seed(pair.a) == "002"  # the original reads first
    swaps = {(s.before, s.after): s.spin for s in pair.substitutions}
    assert swaps[("said", "mentioned")] is True
    assert swaps[("model", "mannequin")] is True


@pytest.mark.parametrize("words", [
    ("joint war games", "drills"),
    ("Russian troops", "deployed", "August"),
    ("sensitive military technologies",),
])
def test_shared_passages_name_the_lifted_sentences(seed_report, words):
    pair = _pairs(seed_report)[frozenset({"002", "003"})]
    english = {d.id: d for d in seed_report.documents}[pair.a if _seed(pair.a) == "002" else pair.b]
    on_english_side = [p.a if english.id == pair.a else p.b for p in pair.passages]
    shared = " ".join(
        english.document.sentences[i].text for first, last in on_english_side for i in range(first, last + 1)
    )
    assert all(w in shared for w in words)


def test_json_report_contract(seed_report):
    data = json.loads(render_scan_json(seed_report))
    assert data["schema"] == SCHEMA == "dupcheck.scan/2" and data["sentence_base"] == 1
    assert {d["lang"] for d in data["documents"]} == {"en", "hi", "ar"}
    assert {"id", "path", "lang"} <= set(data["documents"][0])
    for pair in data["pairs"]:
        assert {"a", "b", "relation", "score", "passages", "substitutions"} <= set(pair)
        assert all(len(p["a"]) == len(p["b"]) == 2 for p in pair["passages"])
        # 1-based: a passage's first sentence is at least sentence 1
        assert all(min(p["a"] + p["b"]) >= 1 for p in pair["passages"])
    assert len(data["clusters"]) == 1 and len(data["clusters"][0]) == 4


def _seed_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def _assert_seeds_related(report: ScanReport) -> None:
    assert _pairs(report)[frozenset({"002", "000"})].relation is Relation.TRANSLATION


def test_an_empty_folder_is_reported_and_the_rest_scanned(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    report = scan_paths([empty, _seed_copy(tmp_path)], backends=OFFLINE)
    assert [(s.path, s.cause) for s in report.skipped] == [(str(empty), "empty folder")]
    _assert_seeds_related(report)
    with pytest.raises(InputError, match="empty folder"):
        scan_paths([empty], backends=OFFLINE)


def test_a_folder_of_binaries_is_reported_and_the_rest_scanned(tmp_path):
    binaries = tmp_path / "bin"
    binaries.mkdir()
    for k in range(3):
        (binaries / f"blob{k}.bin").write_bytes(bytes(range(256)) * 4)
    report = scan_paths([binaries, _seed_copy(tmp_path)], backends=OFFLINE)
    assert sorted(Path(s.path).name for s in report.skipped) == ["blob0.bin", "blob1.bin", "blob2.bin"]
    _assert_seeds_related(report)
    with pytest.raises(InputError, match="no readable text documents"):
        scan_paths([binaries], backends=OFFLINE)


def test_one_bad_file_among_many_is_skipped(tmp_path):
    folder = _seed_copy(tmp_path)
    (folder / "broken.txt").write_bytes(b"\x00\xff\xfe" * 100)
    report = scan_paths([folder], backends=OFFLINE)
    assert [Path(s.path).name for s in report.skipped] == ["broken.txt"]
    assert len(report.documents) == 5
    _assert_seeds_related(report)


def test_a_manifest_line_that_is_not_json_is_skipped(tmp_path):
    manifest = tmp_path / "docs.jsonl"
    lines = [json.dumps({"id": f"seed{k}", "path": str(p)}) for k, p in enumerate(sorted(SEEDS.iterdir()))]
    manifest.write_text("\n".join([lines[0], "{not json", *lines[1:]]) + "\n", encoding="utf-8")
    report = scan_paths([manifest], backends=OFFLINE)
    assert len(report.skipped) == 1 and "not JSON" in report.skipped[0].cause
    assert str(manifest) in report.skipped[0].path
    assert {frozenset({p.a, p.b}) for p in report.pairs if p.relation is Relation.TRANSLATION} >= {
        frozenset({"seed0", "seed2"})}


@pytest.mark.slow
def test_ray_engine_gives_the_local_result(seed_report):
    ray = pytest.importorskip("ray", reason="ray is not installed (optional extra dupcheck[ray])")
    ray.init(num_cpus=2, include_dashboard=False)
    try:
        on_ray = scan_paths([SEEDS], backends=OFFLINE, engine="ray")
    finally:
        ray.shutdown()
    assert on_ray.pairs == seed_report.pairs
    assert on_ray.clusters == seed_report.clusters


def test_worker_processes_give_the_one_process_result(monkeypatch, seed_report):
    # chunks of two documents or pairs, so that two worker processes share every stage
    for name in ("READ_CHUNK", "VERIFY_CHUNK"):
        monkeypatch.setattr(f"dupcheck.duplicates.pipeline.{name}", 2)
    one = scan_paths([SEEDS], backends=OFFLINE, workers=1)
    two = scan_paths([SEEDS], backends=OFFLINE, workers=2)
    assert one.pairs == two.pairs == seed_report.pairs
    assert one.clusters == two.clusters


def test_signature_names_what_decided_the_pairs(seed_report):
    from dupcheck import __version__
    from dupcheck.duplicates.candidates import CandidateSettings
    from dupcheck.duplicates.relate import Thresholds

    parts = seed_report.signature.split("|")
    assert parts[:2] == [f"dupcheck:{__version__}", "scan:1"]
    # the seeds hold Hindi and Arabic: both pivot through the offline lexicon
    assert parts[2].startswith("translator:lexical")
    assert CandidateSettings().describe() in seed_report.signature
    assert Thresholds().describe() in seed_report.signature


def test_signature_says_which_languages_no_translator_pivoted(tmp_path, seed_report):
    # Urdu has no offline lexicon: its documents are read as they are, and the signature
    # must not credit the lexical translator with them
    flores = SEEDS.parent / "flores"
    for name in ("dev100.eng_Latn.txt", "dev100.urd_Arab.txt"):
        lines = (flores / name).read_text(encoding="utf-8").splitlines()
        (tmp_path / name).write_text("\n".join(lines[:6]) + "\n", encoding="utf-8")
    parts = scan_paths([tmp_path], backends=OFFLINE).signature.split("|")
    assert parts[2:4] == ["translator:none", "as-is:ur"]
    assert not any(p.startswith("as-is:") for p in seed_report.signature.split("|"))
