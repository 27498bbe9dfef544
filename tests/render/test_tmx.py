from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from dupcheck.gate.config import load_config
from dupcheck.gate.pipeline import run_gate
from dupcheck.render.tmx import render_tmx
from tests.gate_support import CLEAN_EN, copy_desk, paragraph_check


def _run(desk: Path):
    return run_gate(load_config(desk / "dupcheck.toml"), check=paragraph_check)


def test_tmx_exports_the_aligned_clean_pairs(tmp_path: Path) -> None:
    desk = copy_desk(tmp_path)
    text = render_tmx(_run(desk))
    assert text == render_tmx(_run(desk))
    root = ET.fromstring(text)
    assert root.get("version") == "1.4" and root.find("header").get("srclang") == "en"
    units = root.findall("body/tu")
    # the clean pair's 30 paragraphs; the seed has no alignment (and a failing finding)
    assert len(units) == 30
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    first = units[0].findall("tuv")
    assert [t.get(lang) for t in first] == ["en", "hi"]
    english = (desk / CLEAN_EN).read_text(encoding="utf-8").splitlines()[0]
    assert first[0].find("seg").text == english
