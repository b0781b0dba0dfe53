"""Publishing: a new release from an earlier one and its corrections, and the differences between releases."""
