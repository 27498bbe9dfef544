"""Console scan report (rich): related pairs, their passages and spinning, clusters."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

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
    if report.pairs:
        table = Table("a", "b", "relation", "score", "passages (a ↔ b sentences)", title="Related pairs")
        for p in report.pairs:
            spans = ", ".join(f"{x.a[0]}-{x.a[1]} ↔ {x.b[0]}-{x.b[1]}" for x in p.passages)
            table.add_row(p.a, p.b, p.relation.value, f"{p.score:.2f}", spans)
        console.print(table)
    for p in report.pairs:
        spun = [s for s in p.substitutions if s.spin]
        if spun:
            shown = "; ".join(f"{s.before} → {s.after}" for s in spun[:SHOWN_SUBSTITUTIONS])
            more = f" (+{len(spun) - SHOWN_SUBSTITUTIONS} more)" if len(spun) > SHOWN_SUBSTITUTIONS else ""
            console.print(f"[bold]spinning[/] {p.b} ← {p.a}: {shown}{more}", highlight=False)
        if p.relation.value == "partial_overlap":
            for x in p.passages:
                console.print(f"[bold]shared[/] {p.a} [{x.a[0]}-{x.a[1]}] ↔ {p.b} [{x.b[0]}-{x.b[1]}]: "
                              f"{passage_text(x, by_id[p.a])}", highlight=False)
    for k, cluster in enumerate(report.clusters, start=1):
        console.print(f"cluster {k}: {', '.join(cluster)}", highlight=False)
