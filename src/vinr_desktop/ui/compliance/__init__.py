"""Egenkontroll: the page with the stickprov, the table, CSV and PDF."""
