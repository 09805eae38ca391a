"""The journal of a case: the timeline, drafts saved as they are typed, signing, corrections,
and the entries the program writes itself.
"""
