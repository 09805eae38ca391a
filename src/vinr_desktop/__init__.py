"""VINR Desktop: offline case management for domestic-violence work."""

__version__ = "0.1.0"
