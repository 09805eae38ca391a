"""What every screen shares: widgets, the look, Qt's Swedish, the database thread (operations),
drafts that save themselves, the table-model base, column and dialog fitting, the case banner,
the clipboard guard, and the one way a document is previewed, printed and saved.
"""
