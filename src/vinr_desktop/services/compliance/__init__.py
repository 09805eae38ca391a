"""Egenkontroll: the auditors' questions (K1-K10) over a sample of cases."""
