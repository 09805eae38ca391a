"""Care: the Insatser tab, decisions, vårdplaner (editor and viewer), genomförandeplaner,
follow-ups with the client, and the Utförare page.
"""
