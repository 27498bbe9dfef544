"""Where the tests find the repository's data: one place, whatever folder a test lives in."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
#: the shared material beside the checkout (seeds, FLORES-200 and the other parallel sets)
SHARED = ROOT.parent / "shared"
