"""Risk: the instruments (shipped and added), assessments in a case from draft to signed, their
history and the flag, and each person's säkerhetsplan.
"""
