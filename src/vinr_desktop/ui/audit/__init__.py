"""The audit log read back: Loggkontroll, the Åtkomst tab of a case, and Vem har sett mina
ärenden?
"""
