"""Routine files: the format, the loader and its errors, the exercise library, user files."""
