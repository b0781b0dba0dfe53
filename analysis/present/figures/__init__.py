"""The report's figures: one module per figure, the figures' kit and style (drawn in the build's workers)."""
