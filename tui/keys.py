"""The reader's keys: every binding of the main screen and its panes, with its id (for the keymap in settings.json).

Each pane takes its own keys from here as its `BINDINGS` and acts on them itself: the screen holds the
keys that work everywhere, the list adds its sort and filters, and the movement keys (j/k, home/end,
page up/down, enter) are made once by `movement` for every pane with rows. `RANK` is the order in which
the footer and the help screen show them: most used first.
"""

from __future__ import annotations

from textual.binding import Binding

TAG = Binding.Group("tag", compact=True)
CLAIM = Binding.Group("claim", compact=True)
FIGURE = Binding.Group("figure", compact=True)
UNDO = Binding.Group("undo/redo", compact=True)
MOVE = Binding.Group("move", compact=True)
PANE = Binding.Group("pane", compact=True)
ANNOTATION = Binding.Group("annotation", compact=True)
BRIEF = Binding.Group("brief", compact=True)
MATCH = Binding.Group("match", compact=True)


def _tag(number: int) -> Binding:
    return Binding(
        str(number), f"tag({number})", f"tag {number}", id=f"newsbrief.tag_{number}", group=TAG,
        tooltip=f"Toggle tag {number} of the tag set on the claim",
    )


def movement(scope: str, *, items: str, open_tooltip: str | None, group: Binding.Group | None = MOVE) -> list[Binding]:
    """j/k and the arrows, home/end, page up/down, and enter when `open_tooltip` says what it opens; ids `SCOPE.down` …

    The pane binding them implements `cursor_down`, `cursor_up`, `first`, `last`, `page_up`, `page_down` (and `open`).
    """
    keys = [
        Binding("j,down", "cursor_down", "down", id=f"{scope}.down", key_display="j/↓", group=group, tooltip=f"Next item ({items})"),
        Binding("k,up", "cursor_up", "up", id=f"{scope}.up", key_display="k/↑", group=group, tooltip=f"Previous item ({items})"),
    ]
    if open_tooltip is not None:
        keys.append(Binding("enter", "open", "open", id=f"{scope}.open", tooltip=open_tooltip))
    return [
        *keys,
        Binding("home", "first", "first", id=f"{scope}.first", show=False, tooltip="First item"),
        Binding("end", "last", "last", id=f"{scope}.last", show=False, tooltip="Last item"),
        Binding("pageup", "page_up", "page up", id=f"{scope}.page_up", show=False, tooltip="One page up"),
        Binding("pagedown", "page_down", "page down", id=f"{scope}.page_down", show=False, tooltip="One page down"),
    ]


# One set of movement keys for the three panes (one id each, so one keymap entry rebinds it in all of them).
_ITEMS = "brief, line, figure"
_OPEN = "Open the brief / make the figure's sentence the claim"

# The main screen's own keys: they work in every pane.
SCREEN_KEYS = [
    Binding("question_mark", "help", "help", id="newsbrief.help", tooltip="Show every key"),
    *(_tag(number) for number in range(1, 10)),
    Binding("t", "tag_picker", "tag…", id="newsbrief.tag_picker", tooltip="Choose a tag by name, or create one, and toggle it on the claim"),
    Binding("right_square_bracket", "next_claim", "next", id="newsbrief.next_claim", group=CLAIM, tooltip="Next claim (sentence)"),
    Binding("left_square_bracket", "prev_claim", "previous", id="newsbrief.prev_claim", group=CLAIM, tooltip="Previous claim (sentence)"),
    Binding("v", "extend_claim", "extend", id="newsbrief.extend_claim", tooltip="Extend the claim by one sentence"),
    Binding("V", "shrink_claim", "shrink", id="newsbrief.shrink_claim", show=False, tooltip="Shrink the claim by a sentence (a part: back to whole sentences)"),
    Binding("w", "claim_word(1)", "word+", id="newsbrief.claim_word_more", show=False, tooltip="Extend the claim's end by one word"),
    Binding("W", "claim_word(-1)", "word−", id="newsbrief.claim_word_less", show=False, tooltip="Shrink the claim's end by one word"),
    Binding("z", "claim_figure", "figure only", id="newsbrief.claim_figure", show=False, tooltip="Narrow the claim to the current figure"),
    Binding("f", "next_figure", "next", id="newsbrief.next_figure", group=FIGURE, tooltip="Next figure"),
    Binding("F", "prev_figure", "previous", id="newsbrief.prev_figure", group=FIGURE, tooltip="Previous figure"),
    Binding("n", "note", "note", id="newsbrief.note", tooltip="Write the claim's note"),
    Binding("x", "remove", "remove", id="newsbrief.remove", tooltip="Remove the annotation under the claim (tags and note)"),
    Binding("R", "toggle_reviewed", "reviewed", id="newsbrief.toggle_reviewed", tooltip="Mark the open brief reviewed, or not reviewed any more"),
    Binding("a", "next_annotation(1)", "next", id="newsbrief.next_annotation", group=ANNOTATION, show=False, tooltip="Next annotation in the brief: it becomes the claim"),
    Binding("A", "next_annotation(-1)", "previous", id="newsbrief.prev_annotation", group=ANNOTATION, show=False, tooltip="Previous annotation in the brief"),
    Binding("i", "pick_annotation", "pick", id="newsbrief.pick_annotation", show=False, tooltip="Pick one of the overlapping annotations under the claim"),
    Binding("ctrl+z", "undo", "undo", id="newsbrief.undo", group=UNDO, tooltip="Undo the last change of this session"),
    Binding("ctrl+y", "redo", "redo", id="newsbrief.redo", group=UNDO, tooltip="Redo what was undone"),
    Binding("slash", "search", "search", id="newsbrief.search", tooltip='Search titles and texts: words (and words they begin), "a phrase"'),
    Binding("full_stop", "next_match(1)", "next", id="newsbrief.next_match", group=MATCH, tooltip="Next search match, on to the next brief found: its sentence becomes the claim"),
    Binding("comma", "next_match(-1)", "previous", id="newsbrief.prev_match", group=MATCH, tooltip="Previous search match, back to the previous brief found"),
    Binding("L", "annotations", "annotations", id="newsbrief.annotations", show=False, tooltip="Every annotation of every brief: filter, enter opens one"),
    Binding("e", "export", "export", id="newsbrief.export", tooltip="Export the annotations (JSON or W3C)"),
    Binding("c", "compare", "compare", id="newsbrief.compare", tooltip="Compare the figures of all briefs, grouped by what they measure"),
    Binding("D", "edit_brief", "date/source", id="newsbrief.edit_brief", tooltip="Set the brief's date and source"),
    Binding("J", "next_brief(1)", "next", id="newsbrief.next_brief", group=BRIEF, show=False, tooltip="Open the next brief of the list"),
    Binding("K", "next_brief(-1)", "previous", id="newsbrief.prev_brief", group=BRIEF, show=False, tooltip="Open the previous brief of the list"),
    Binding("X", "remove_brief", "remove brief", id="newsbrief.remove_brief", show=False, tooltip="Remove the brief under the list cursor (asks first; ctrl+z brings it back)"),
    Binding("I", "import_briefs", "import", id="newsbrief.import_briefs", show=False, tooltip="Import files, folders or URLs into the store, as `newsbrief import` does"),
    Binding("o", "open_url", "open url", id="newsbrief.open_url", show=False, tooltip="Open the brief's web page in the browser"),
    Binding("r", "toggle_repeats", "repeats", id="newsbrief.toggle_repeats", tooltip="Hide or show the paragraphs repeated from earlier briefs"),
    Binding("g", "toggle_figures", "figures", id="newsbrief.toggle_figures", tooltip="Show or hide the figures panel"),
    Binding("q", "quit", "quit", id="newsbrief.quit", tooltip="Quit (everything is already saved)"),
    Binding("tab", "next_pane", "next", id="newsbrief.next_pane", group=PANE, tooltip="Next pane"),
    Binding("shift+tab", "prev_pane", "previous", id="newsbrief.prev_pane", group=PANE, tooltip="Previous pane"),
]

# The filters belong to the list (and `escape` to the search box too); the screen holds their state.
CLEAR_FILTER = Binding("escape", "screen.clear_filter", "clear filter", id="newsbrief.clear_filter", tooltip="Clear the text and tag filters")
LIST_KEYS = [
    Binding("s", "screen.sort", "sort", id="newsbrief.sort", tooltip="Sort the list: oldest first, newest first, by title"),
    Binding("T", "screen.tag_filter", "tag filter", id="newsbrief.tag_filter", tooltip="Show only briefs with claims tagged …"),
    Binding("u", "screen.unreviewed_filter", "unreviewed", id="newsbrief.unreviewed_filter", tooltip="Show only the briefs not marked reviewed (again: all)"),
    CLEAR_FILTER,
    *movement("newsbrief", items=_ITEMS, open_tooltip=_OPEN),
]
FIGURE_KEYS = movement("newsbrief", items=_ITEMS, open_tooltip=_OPEN)
READING_KEYS = movement("newsbrief", items=_ITEMS, open_tooltip=None)

# The order of the footer and the help: the screen's keys, the list's filters before the movement keys,
# and tab between enter and the keys the footer never shows.
_ORDER = [*SCREEN_KEYS[:-2], *LIST_KEYS[:7], *SCREEN_KEYS[-2:], *LIST_KEYS[7:]]
RANK: dict[str, int] = {binding.id: place for place, binding in enumerate(_ORDER) if binding.id}


# Ids of keys the reader's other screens and dialogs bind (settings.json may rebind them too).
SCOPES = ("newsbrief.confirm.", "newsbrief.import.", "newsbrief.compare.", "newsbrief.annotations.", "newsbrief.help.", "newsbrief.note.", "newsbrief.brief.", "newsbrief.export.", "newsbrief.picker.")


def unknown_ids(keymap: dict[str, str]) -> list[str]:
    """The binding ids of a keymap that name no key of the reader (a typo would otherwise do nothing, silently)."""
    return [key for key in keymap if key not in RANK and not key.startswith(SCOPES)]


def rank(binding: Binding) -> int:
    """Where a binding comes in the footer and the help (keys of other screens last, in their own order)."""
    return RANK.get(binding.id or "", len(RANK))
