"""Plain-Python heart of hiprehab: no Qt may be imported anywhere below this package."""
