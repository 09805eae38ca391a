"""The Journal tab: the timeline (a lazily paged model shown as cards) and the editor of one
entry, saved as a draft while it is typed and signed.
"""
