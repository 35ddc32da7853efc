"""The story across briefs: repeated paragraphs, and figures grouped by what they measure."""

ORDERS = ("brief", "figure")  # a compare group's rows: by their brief's place in the story, or by the day each figure refers to
