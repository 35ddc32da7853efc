"""Keeping files safe on disk: atomic JSON storage, opening TinyDB files, the shelf of articles, the lock, the paths."""
