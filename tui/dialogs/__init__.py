"""The reader's dialogs: each asks one thing and dismisses with a typed result (a frozen dataclass, or None
when nothing is to be done); the screen that opened it makes the store call."""
