"""Hembesök: planning a visit, the visit mode (hembesöksläge), the screen guard, checking out."""
