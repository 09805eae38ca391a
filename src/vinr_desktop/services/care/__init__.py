"""Care: the provider register, decisions and the insatser they grant, vårdplaner,
genomförandeplaner, follow-ups with the client, and a case's insatser together.
"""
