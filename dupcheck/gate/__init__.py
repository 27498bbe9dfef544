"""``dupcheck gate``: the desk's CI gate. Its configuration (``config``), termbase
(``glossary``), accepted findings (``baseline``), and the gate itself (``pipeline``)."""
