"""Worker processes for a build, started before the heavy imports.

A build loads the previous release (for the changelog) and draws the two editions' figures
(matplotlib is CPU-bound) in two worker processes. They are forked from a fork server that
imports matplotlib and the release reader once (PRELOAD), in a background thread, while the
main process is still importing pandas and statsmodels on the other core. The main process
never imports matplotlib. This module uses the standard library only.

Like any use of multiprocessing's fork server, a script that builds must guard its entry point
with `if __name__ == "__main__":` (`python -m analysis` and pytest do).
"""

from __future__ import annotations

import importlib
import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor

PRELOAD = ["analysis.figures", "analysis.release"]


def call(module: str, function: str, *args):
    """Run `module.function(*args)` in a worker (named, so the caller need not import the module)."""
    return getattr(importlib.import_module(module), function)(*args)


class Workers:
    """A pool of `n` workers whose start-up runs in the background; use as a context manager."""

    def __init__(self, n: int = 2):
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        self.pool = ProcessPoolExecutor(max_workers=n, mp_context=context)
        # The first task starts the fork server, which imports PRELOAD before it forks a worker;
        # that blocks, so it happens in a thread the caller does not wait for. Later workers are
        # forked from the server on demand, already holding the import.
        self.ready = threading.Thread(target=lambda: self.pool.submit(int).result(), daemon=True)
        self.ready.start()

    def submit(self, module: str, function: str, *args) -> Future:
        self.ready.join()
        return self.pool.submit(call, module, function, *args)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        self.ready.join()
        self.pool.shutdown(wait=True, cancel_futures=exc[0] is not None)
