"""Text to facts, pure and without I/O: sentences, numbers, figures, dates, paragraph signatures, and the one brief pipeline."""
