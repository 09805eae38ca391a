"""Backups and restore as the program does them (the copies themselves: store/backup.py)."""
