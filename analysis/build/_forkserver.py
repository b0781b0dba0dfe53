"""Imported by the workers' fork server only (last in `workers.PRELOAD`), never elsewhere.

When the build's main process ends, the fork server exits too. Its normal exit would tear down
the matplotlib, pandas and statsmodels it imported, about half a second of CPU that delays anyone
reading the build's output to its end. This exit hook, registered after those imports and so run
before their own, ends the server at once. Workers forked from the server never run exit hooks.

The objects those imports created are also moved out of the garbage collector's reach
(`gc.freeze`, as the gc documentation advises before forking): the workers' collections then skip
them, and do not copy the memory pages they share with the server by touching them.
"""

import atexit
import gc
import os

atexit.register(os._exit, 0)
gc.freeze()
