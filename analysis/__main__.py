"""`python -m analysis`: run the command line."""

import os
import sys

from .cli import main

try:
    code = main()
    sys.stdout.flush()
except BrokenPipeError:
    # The reader of a pipe stopped reading (`... diff | head`): there is nobody left to print to. Python
    # flushes stdout once more on exit, which would fail again; point it at /dev/null first, as the
    # Python documentation advises (signal module, "Note on SIGPIPE").
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    code = 0
sys.exit(code)
