"""Full-text search over every brief's title and text: the query syntax, and the index kept in the store folder."""
