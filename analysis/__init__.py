"""Deaths in Peru's 2022-2023 protests: validated data releases, analysis and report."""

__version__ = "0.2.0"
