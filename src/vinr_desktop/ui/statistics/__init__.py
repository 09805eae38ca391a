"""Statistik: the page, its charts and tables."""
