"""Commands that take minutes (renders with Quarto), started when the test session starts so that they run beside
the other tests; the tests that read their outputs wait for them (conftest.py)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class Background:
    """A command running in the background in its own process group, its output kept in `log`."""

    def __init__(self, command: list[str], cwd: Path, env: dict, log: Path):
        self.log = log
        with open(log, "w", encoding="utf-8") as handle:
            self.job = subprocess.Popen(
                command, cwd=cwd, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
            )

    def wait(self, timeout: int) -> None:
        """Wait for the command to end; fail with the end of its log if it failed."""
        code = self.job.wait(timeout=timeout)
        assert code == 0, f"exit {code}:\n{self.log.read_text(encoding='utf-8')[-4000:]}"

    def stop(self) -> None:
        """End the command and what it started, if still running (the session is over)."""
        if self.job.poll() is None:
            os.killpg(self.job.pid, 9)
            self.job.wait()
