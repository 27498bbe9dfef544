"""TMX 1.4 export of aligned sentence pairs, for the desk's translation memory.

Written with ElementTree (translate-toolkit would add lxml and a large package for one
element tree). Only beads with both sides and no new finding at or above the gate's
``fail-on`` are exported, so that a mistranslation never enters the memory.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from dupcheck.gate.pipeline import DocumentResult, GateResult
from dupcheck.text.coords import as_written
from dupcheck.version import __version__

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _units(doc: DocumentResult) -> list[ET.Element]:
    report = doc.report
    flagged_source = {i for f in doc.failing for i in f.source}
    flagged_target = {j for f in doc.failing for j in f.target}
    units = []
    for bead in report.alignment:
        if not bead.source or not bead.target:
            continue
        if flagged_source & set(bead.source) or flagged_target & set(bead.target):
            continue
        tu = ET.Element("tu", {"srclang": report.source.lang})
        ET.SubElement(tu, "prop", {"type": "x-dupcheck-file"}).text = doc.pair.target
        ET.SubElement(tu, "prop", {"type": "x-dupcheck-score"}).text = f"{bead.score:.3f}"
        for doc_side, indices in ((report.source, bead.source), (report.target, bead.target)):
            tuv = ET.SubElement(tu, "tuv", {_XML_LANG: doc_side.lang})
            # a translation memory holds the text as the desk wrote it (٢٥, not 25)
            ET.SubElement(tuv, "seg").text = " ".join(
                as_written(doc_side, doc_side.sentences[i].start, doc_side.sentences[i].end) for i in indices
            )
        units.append(tu)
    return units


def render_tmx(result: GateResult) -> str:
    tmx = ET.Element("tmx", {"version": "1.4"})
    header = ET.SubElement(
        tmx,
        "header",
        {
            "creationtool": "dupcheck",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "dupcheck",
            "adminlang": "en",
            "srclang": "en",
            "datatype": "plaintext",
        },
    )
    for signature in result.signatures:
        ET.SubElement(header, "prop", {"type": "x-dupcheck-signature"}).text = signature
    body = ET.SubElement(tmx, "body")
    for doc in result.documents:
        body.extend(_units(doc))
    ET.indent(tmx)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(tmx, encoding="unicode") + "\n"
