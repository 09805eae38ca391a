"""The facts the auditors ask about, recorded in a case: the investigation, the assigned
handläggare, the child heard, samverkan/SIP meetings, a person's kön."""
