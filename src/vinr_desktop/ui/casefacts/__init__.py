"""The case's "Utredning och samverkan" section and its small dialogs."""
