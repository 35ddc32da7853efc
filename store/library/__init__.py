"""The articles: reading files into briefs, import in worker processes, and the library that shelves them."""
