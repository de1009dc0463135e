"""Figures: extracted at ingest from tables and prose, queried and computed at answer time."""
