"""Export and import of the history, and the imported profiles of other people.

`csv_format` writes spreadsheets, `json_format` writes and reads the full export a physio imports,
`profiles` turns an import into a separate read-only profile database (never mixed into the
user's own history), and `files` writes any of them atomically.
"""
