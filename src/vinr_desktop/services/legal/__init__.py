"""The legal references the program relies on, as dated data (resources/care/*.json)."""
