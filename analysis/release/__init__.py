"""The release: its format (schema), cross-table rules, problems, and loading with validation."""
