"""Rendering: the report's sources to PDF and HTML with Quarto or the offline pandoc + Typst renderer."""
