"""Exchange: the annotation exports (json, w3c), their schema, and reading a json export back in."""
