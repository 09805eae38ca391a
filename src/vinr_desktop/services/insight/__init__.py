"""Partsinsyn: the client's request to read her file, the review of each item, the decision
and the copy through the document pipeline."""
