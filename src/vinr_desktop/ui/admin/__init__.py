"""Administration: users, settings (the idle lock, the care settings), the instruments, and a
user's work contact details.
"""
