"""``dupcheck check``: a translation against its source. Sentence alignment (``align``),
word links inside a bead (``wordalign``), fidelity scores (``score``), the detectors
(``findings``), the report's signature (``signature``), and the pipeline that runs them
(``pipeline``)."""
