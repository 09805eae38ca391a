"""Gallring: the proposal, the enhetschef's approval, the gallring itself and its log."""
