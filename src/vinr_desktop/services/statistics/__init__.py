"""Statistik: the kartläggning of the register, its årsrapport and the county file."""
