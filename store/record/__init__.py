"""The user's record: annotations, the tag set and the compare regrouping, with undo history."""
