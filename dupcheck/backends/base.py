"""What every backend shares: a registry name, a signature, and a cache for the slow ones.

``Translator`` and ``Encoder`` each add their one operation; the loop that looks texts up
in the cache, computes the rest in batches and stores them is ``map_cached``, called here.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import TypeVar

from dupcheck.backends.cache import Cache, map_cached

V = TypeVar("V")


class Backend(ABC):
    #: registry name, e.g. ``lexical`` or ``e5-onnx``
    name: str = ""
    batch_size: int = 32
    #: where results are kept between runs; ``None`` computes everything each time
    cache: Cache | None = None
    #: whether a cache pays: computing is slower than a lookup (``registry`` attaches one)
    worth_caching: bool = False

    @abstractmethod
    def signature(self) -> str:
        """Backend, model id and revision, and settings, e.g. ``lexical:freedict-2022.04.21``."""

    def _cached(
        self, texts: Sequence[str], compute: Callable[[list[str]], list[V]], kind: tuple[str, ...], *,
        dump: Callable[[V], bytes], load: Callable[[bytes], V],
    ) -> dict[str, V]:
        """Each distinct text's result: from the cache, else ``compute`` in batches (and
        stored), under this backend's signature and ``kind`` (what the result is)."""
        return map_cached(
            texts, compute, batch_size=self.batch_size, cache=self.cache,
            namespace=(self.signature(), *kind), dump=dump, load=load,
        )
