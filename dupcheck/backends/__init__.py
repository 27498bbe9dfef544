"""Models behind two narrow interfaces, ``Translator`` (``translate/``) and ``Encoder``
(``encode/``), chosen in one place (``registry``); the on-disk cache they share
(``cache``), the registry of known neural models (``models``), and what the torch
backends share (``device``)."""
