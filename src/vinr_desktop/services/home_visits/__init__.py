"""Hembesök: planning a visit, the visit mode (hembesöksläge) and checking out."""
