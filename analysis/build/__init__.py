"""The build: runs the computations and writes their presentation to `_build/<release>/results/`.

Kept empty of imports: `cache` and `workers` use the standard library only, and importing them
must not import pandas.
"""
