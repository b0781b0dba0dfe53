"""The computations: pure functions from a release's validated tables to result tables and statistics."""
