"""The reader's screens: the main screen and its dialogs (help, tag picker, note editor, export)."""
