"""The exercise history: SQLite store, exchange, statistics and the pain guidance."""
