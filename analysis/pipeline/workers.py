"""Worker processes for a build, started before the heavy imports.

A build fits the statistical models and draws the two editions' figures (matplotlib is
CPU-bound) in two worker processes. They are forked from a fork server that imports matplotlib
and statsmodels once (PRELOAD), started in a background thread, while the main process imports
pandas and validates the release on the other core; jobs name their function, so the main process
need not import the modules that run in the workers. This module uses the standard library only.

Like any use of multiprocessing's fork server, a script that builds must guard its entry point
with `if __name__ == "__main__":` (`python -m analysis` and pytest do).
"""

from __future__ import annotations

import importlib
import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor

PRELOAD = ["analysis.present.figures.draw", "analysis.compute.models"]


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
        self.handing_over: list[threading.Thread] = []

    def submit(self, module: str, function: str, *args) -> Future:
        """Run `module.function(*args)` in a worker; returns at once, even while the workers start."""
        result: Future = Future()

        def hand_over() -> None:
            self.ready.join()
            try:
                job = self.pool.submit(call, module, function, *args)
            except BaseException as exc:  # e.g. a broken pool: the caller sees it in the result
                result.set_exception(exc)
                return
            job.add_done_callback(lambda done: _copy(done, result))

        thread = threading.Thread(target=hand_over, daemon=True)
        self.handing_over.append(thread)
        thread.start()
        return result

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        self.ready.join()
        for thread in self.handing_over:
            thread.join()
        self.pool.shutdown(wait=True, cancel_futures=exc[0] is not None)


def _copy(done: Future, result: Future) -> None:
    """Pass a worker's result or exception on to the future the caller holds."""
    if done.cancelled():
        result.cancel()
    elif done.exception() is not None:
        result.set_exception(done.exception())
    else:
        result.set_result(done.result())
