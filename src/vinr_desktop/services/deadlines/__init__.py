"""Bevakningar: the deadlines across the cases a user may open."""
