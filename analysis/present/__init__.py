"""Presentation: named values for the prose, Markdown tables, figures, language and number formatting, style."""
