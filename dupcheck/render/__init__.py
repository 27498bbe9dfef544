"""Renderers over one ``Report`` (``check``), ``ScanReport`` (``scan_*``) or ``GateResult``
(``gate``): they format what the records hold and never recompute it."""
