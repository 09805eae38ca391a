"""The administrator's *Säkerhetskopior* page, the status bar's backup date and the note shown
while a backup runs at logout or quit."""
