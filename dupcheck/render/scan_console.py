"""Console scan report (rich): related pairs, their passages and spinning, clusters.

Pairs are listed one to a block, each path on a line of its own, rather than in a table:
two long paths side by side in an 80-column table are both cut to the same prefix.
``bidi`` as in the check's console report (``render.bidi``): in visual mode each line's
Arabic (a shared passage, a spun word, a path) is put in display order.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from dupcheck.numbering import passage
from dupcheck.records import ScanReport
from dupcheck.render.bidi import console_is_visual, visual
from dupcheck.render.counts import counted
from dupcheck.render.scan_json import passage_text

#: spun substitutions shown per pair; the JSON report has them all
SHOWN_SUBSTITUTIONS = 12


def render_scan_console(report: ScanReport, console: Console, *, bidi: str = "auto") -> None:
    in_display_order = console_is_visual(bidi, console)

    def line(text: str) -> None:
        console.print(Text(visual(text, rtl=False) if in_display_order else text), highlight=False)

    by_id = {d.id: d for d in report.documents}
    console.print(
        f"{counted(len(report.documents), 'document')} · {counted(report.candidates, 'candidate pair')} · "
        f"{len(report.pairs)} related · {counted(len(report.clusters), 'cluster')} · "
        f"{len(report.skipped)} skipped"
    )
    for s in report.skipped:
        console.print(Text.assemble(("skipped", "yellow"), " "), end="")
        line(f"{s.path}: {s.cause}")
    for p in report.pairs:
        console.print(Text.assemble((p.relation.value, "bold"), f" {p.score:.2f}"))
        line(f"  a {p.a}")
        line(f"  b {p.b}")
        if p.passages:
            runs = ", ".join(f"{passage(x.a)} ↔ {passage(x.b)}" for x in p.passages)
            line(f"  sentences (a ↔ b): {runs}")
        spun = [s for s in p.substitutions if s.spin]
        if spun:
            shown = "; ".join(f"{s.before} → {s.after}" for s in spun[:SHOWN_SUBSTITUTIONS])
            more = f" (+{len(spun) - SHOWN_SUBSTITUTIONS} more)" if len(spun) > SHOWN_SUBSTITUTIONS else ""
            line(f"  spinning b ← a: {shown}{more}")
        if p.relation.value == "partial_overlap":
            for x in p.passages:
                line(f"  shared a [{passage(x.a)}] ↔ b [{passage(x.b)}]: {passage_text(x, by_id[p.a])}")
    for k, cluster in enumerate(report.clusters, start=1):
        line(f"cluster {k}: {', '.join(cluster)}")
