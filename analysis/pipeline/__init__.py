"""The pipeline stage: runs the computations and writes their presentation to `_build/<release>/results/`
(`run.build`), with its cache keys (`cache`) and worker processes (`workers`).

Kept empty of imports: `cache` and `workers` use the standard library only, and importing them
must not import pandas.
"""
