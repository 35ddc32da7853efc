"""The story across briefs: repeated paragraphs, and figures grouped by what they measure."""
