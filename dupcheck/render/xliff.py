"""A copy of a checked XLIFF 1.2 file with the findings in it, for the CAT tool to show.

Each finding becomes a ``<note from="dupcheck">`` on its segment's unit, and a segment with a
finding at or above ``fail-on`` gets ``state="needs-review-translation"`` on its target. The
file is the one that was read (``Document.raw``), parsed again with translate-toolkit; units
map to segments in the order ``dupcheck.text.bilingual`` read them.
"""

from __future__ import annotations

from collections import defaultdict

from dupcheck.errors import InputError
from dupcheck.records import Finding, Report
from dupcheck.text.bilingual import translated_units

REVIEW = "needs-review-translation"


def render_xliff_notes(report: Report) -> str:
    from translate.storage import xliff

    name = report.target.name
    try:
        store = xliff.xlifffile.parsestring(report.target.raw.encode("utf-8"))
    except Exception:  # noqa: BLE001 - any parse failure means the input was no XLIFF 1.x
        raise InputError(name, "--xliff-notes needs an XLIFF 1.2 input file") from None
    units = translated_units(store)
    if len(units) != len(report.target.sentences):
        raise InputError(name, "--xliff-notes needs an XLIFF 1.2 input file checked as it is paired")
    found: dict[int, list[Finding]] = defaultdict(list)
    for f in report.findings:
        for k in f.target or f.source:
            found[k].append(f)
    for k, unit in enumerate(units):
        for f in found.get(k, ()):
            unit.addnote(f"{f.severity.value} {f.code}: {f.message}", origin="dupcheck")
        if any(f.severity.at_least(report.fail_on) for f in found.get(k, ())):
            target = unit.xmlelement.find(unit.namespaced("target"))
            if target is not None:
                target.set("state", REVIEW)
    return bytes(store).decode("utf-8")
