"""`python -m analysis`: run the command line, then exit without the interpreter's teardown."""

import os
import sys

from .cli import main

try:
    code = main()
    sys.stdout.flush()
except BrokenPipeError:
    # The reader of a pipe stopped reading (`... diff | head`): there is nobody left to print to.
    os._exit(0)
# Every output is written and closed by now. Ending here skips the interpreter's teardown of
# pandas, SciPy and statsmodels, which takes about half a second and changes nothing.
sys.stderr.flush()
os._exit(code)
