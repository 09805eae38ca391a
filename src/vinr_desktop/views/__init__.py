"""Frozen view models: what the services hand to the UI and what the reports render.

Plain frozen dataclasses, already checked and masked for the user. They import the domain (and
the access roles) only: no store, no services, no Qt, so both sides can lean on them.
"""
