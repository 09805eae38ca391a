"""The program's frame: the main window and the way between its screens (start page, setup
wizard, login, recovery, lock screen, workspace), the idle lock, Ctrl+L from everywhere, where
the user was when it locked, and diagnostics that cannot leak.
"""
