"""The reader's screens: the main screen, the compare view and help. The dialogs are in tui/dialogs/."""
