"""Documents: the one pipeline every document goes through (builder → redaction → scrubber →
renderer), the redaction step's inputs read from the store, and the builders that assemble
each document's view.
"""
