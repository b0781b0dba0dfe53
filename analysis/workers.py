"""Worker processes that draw the figures, started before the heavy imports.

Drawing is CPU-bound, so the two editions' figures are drawn in two processes. They are forked
from a fork server that imports matplotlib once (`analysis.figures`), in a background thread,
while the main process is still importing pandas and statsmodels on the other core. The main
process never imports matplotlib. This module uses the standard library only.
"""

from __future__ import annotations

import importlib
import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor

PRELOAD = "analysis.figures"


def call(module: str, function: str, *args):
    """Run `module.function(*args)` in a worker (named, so the caller need not import the module)."""
    return getattr(importlib.import_module(module), function)(*args)


class FigureWorkers:
    """A pool of `n` figure workers whose start-up runs in the background; use as a context manager."""

    def __init__(self, n: int = 2):
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([PRELOAD])
        self.pool = ProcessPoolExecutor(max_workers=n, mp_context=context)
        # The first task starts the fork server, which imports matplotlib before it forks a worker;
        # that blocks, so it happens in a thread the caller does not wait for. Later workers are
        # forked from the server on demand, already holding the import.
        self.ready = threading.Thread(target=lambda: self.pool.submit(int).result(), daemon=True)
        self.ready.start()

    def submit(self, module: str, function: str, *args) -> Future:
        self.ready.join()
        return self.pool.submit(call, module, function, *args)

    def __enter__(self) -> FigureWorkers:
        return self

    def __exit__(self, *exc) -> None:
        self.ready.join()
        self.pool.shutdown(wait=True, cancel_futures=exc[0] is not None)
