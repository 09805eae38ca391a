"""Gallring: the enhetschef's page with the proposal, the approval and the gallringslogg, and
the e-arkiv export."""
