"""The History page: plots, table, guidance panel, profiles, exports."""
