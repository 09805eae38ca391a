"""Letters to the client: the decision letter (beslutsmeddelande) with its besvärshänvisning,
the record that it was sent, appeals (överklagande) and kommunicering before a decision."""
