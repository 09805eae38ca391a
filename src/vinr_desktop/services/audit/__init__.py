"""The audit log read back: the log review (loggkontroll), who has seen a case, and the codes
the program writes into events in the words a reviewer reads.
"""
