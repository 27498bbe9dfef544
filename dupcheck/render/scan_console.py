"""Console scan report (rich): related pairs, their passages and spinning, clusters.

Pairs are listed one to a block, each path on a line of its own, rather than in a table:
two long paths side by side in an 80-column table are both cut to the same prefix.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from dupcheck.numbering import passage
from dupcheck.records import ScanReport
from dupcheck.render.scan_json import passage_text

#: spun substitutions shown per pair; the JSON report has them all
SHOWN_SUBSTITUTIONS = 12


def render_scan_console(report: ScanReport, console: Console) -> None:
    by_id = {d.id: d for d in report.documents}
    console.print(
        f"{len(report.documents)} documents · {report.candidates} candidate pairs · "
        f"{len(report.pairs)} related · {len(report.clusters)} clusters · "
        f"{len(report.skipped)} skipped"
    )
    for s in report.skipped:
        console.print(f"[yellow]skipped[/] {s.path}: {s.cause}", highlight=False)
    for p in report.pairs:
        console.print(Text.assemble((p.relation.value, "bold"), f" {p.score:.2f}"))
        console.print(Text(f"  a {p.a}\n  b {p.b}"), highlight=False)
        if p.passages:
            runs = ", ".join(f"{passage(x.a)} ↔ {passage(x.b)}" for x in p.passages)
            console.print(Text(f"  sentences (a ↔ b): {runs}"), highlight=False)
        spun = [s for s in p.substitutions if s.spin]
        if spun:
            shown = "; ".join(f"{s.before} → {s.after}" for s in spun[:SHOWN_SUBSTITUTIONS])
            more = f" (+{len(spun) - SHOWN_SUBSTITUTIONS} more)" if len(spun) > SHOWN_SUBSTITUTIONS else ""
            console.print(Text(f"  spinning b ← a: {shown}{more}"), highlight=False)
        if p.relation.value == "partial_overlap":
            for x in p.passages:
                console.print(Text(f"  shared a [{passage(x.a)}] ↔ b [{passage(x.b)}]: "
                                   f"{passage_text(x, by_id[p.a])}"), highlight=False)
    for k, cluster in enumerate(report.clusters, start=1):
        console.print(f"cluster {k}: {', '.join(cluster)}", highlight=False)
