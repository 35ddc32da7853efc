"""newsbrief's terminal side: the Textual reader and the command line."""
