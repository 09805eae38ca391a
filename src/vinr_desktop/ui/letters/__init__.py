"""The letters to the client in the Insatser tab: kommunicering before a decision, the
beslutsmeddelande and its sending, the appeal (services/letters/)."""
