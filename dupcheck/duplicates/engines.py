"""Where the parallel stages of a scan run: local worker processes, or Ray tasks.

A stage is a top-level function over one chunk of items; engines only decide where the
chunks run and report progress as chunks finish. Results come back in chunk order, so
every engine and worker count gives the same scan.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol, TypeVar

from dupcheck.errors import BackendError

Item = TypeVar("Item")
Result = TypeVar("Result")
#: progress(stage, done, total), called as work finishes
Progress = Callable[[str, int, int], None]


class Engine(Protocol):
    def map_chunks(
        self,
        stage: str,
        work: Callable[[list[Any]], list[Any]],
        items: Sequence[Any],
        chunk_size: int,
        progress: Progress | None,
    ) -> list[Any]: ...


def chunks(items: Sequence[Item], size: int) -> list[list[Item]]:
    return [list(items[start : start + size]) for start in range(0, len(items), size)]


def worker_count(workers: int | None) -> int:
    """``workers``, or one per CPU when not given."""
    return workers or os.cpu_count() or 1


class LocalEngine:
    """Chunks in ``workers`` processes of this machine (in this process when 1)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = worker_count(workers)

    def map_chunks(self, stage, work, items, chunk_size, progress):
        parts = chunks(items, chunk_size)
        if self.workers == 1 or len(parts) < 2:
            return _gather(stage, map(work, parts), len(items), progress)
        # spawn, not fork: a forked child of a process running torch's thread pool can hang
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(min(self.workers, len(parts)), mp_context=context) as pool:
            return _gather(stage, pool.map(work, parts), len(items), progress)


def _gather(stage: str, done: Iterable[list[Any]], total: int, progress: Progress | None) -> list[Any]:
    """Chunk results in chunk order, reporting progress as each arrives."""
    results: list[Any] = []
    for chunk in done:
        results.extend(chunk)
        if progress:
            progress(stage, len(results), total)
    return results


class RayEngine:
    """Ray tasks, on a local Ray instance or the cluster at ``address``."""

    def __init__(self, address: str | None = None, num_cpus: int | None = None) -> None:
        try:
            import ray
        except ImportError:
            raise BackendError("--engine ray needs the ray package: install dupcheck[ray]") from None
        self._ray = ray
        if not ray.is_initialized():
            try:
                ray.init(address=address, num_cpus=None if address else num_cpus,
                         include_dashboard=False, log_to_driver=False)
            except ConnectionError as exc:
                raise BackendError(f"cannot reach the Ray cluster at {address}: {exc}") from None

    def map_chunks(self, stage, work, items, chunk_size, progress):
        ray = self._ray
        # ray.remote takes only functions and classes; ``work`` may be a partial
        remote = ray.remote(_call)
        pending = [remote.remote(work, chunk) for chunk in chunks(items, chunk_size)]
        order = {ref: k for k, ref in enumerate(pending)}
        done: dict[int, list[Any]] = {}
        finished = 0
        waiting = list(pending)
        while waiting:
            ready, waiting = ray.wait(waiting, num_returns=1)
            for ref in ready:
                done[order[ref]] = ray.get(ref)
                finished += len(done[order[ref]])
            if progress:
                progress(stage, finished, len(items))
        return [result for k in range(len(pending)) for result in done[k]]


def _call(work: Callable[[list[Any]], list[Any]], chunk: list[Any]) -> list[Any]:
    return work(chunk)


def make_engine(name: str, address: str | None = None, workers: int | None = None) -> Engine:
    """``workers``: local processes (default: one per CPU); Ray sizes its own pool."""
    if name == "local":
        return LocalEngine(workers)
    if name == "ray":
        return RayEngine(address)
    raise BackendError(f"unknown engine {name!r} (known: local, ray)")
