"""Who may open the register: creating it with its first user, login, lock and unlock, password
and recovery, users and settings (administration), one's own work contact details, and what a
register tells without its password.
"""
