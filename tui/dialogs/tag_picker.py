"""The tag picker: type to filter the tag set, enter picks; a new name creates the tag.

The compare view picks groups with it too (`noun="group"`): the same list, filter and create.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ..widgets.text import one_line
from .type_ahead import TypeAheadScreen

CREATE = "\x00create"
CLEAR = "\x00clear"


@dataclass(frozen=True)
class TagChoice:
    label: str
    new: bool = False  # the label is not in the tag set yet: create it first
    clear: bool = False  # the "all briefs" entry of the tag filter
    rename_to: str | None = None  # manage the tag set instead: rename the label,
    remove: bool = False  # take it out of the set (and off every annotation),
    move: int = 0  # or move it this many places (the screen opens the picker again after)

    @property
    def manages(self) -> bool:
        return self.rename_to is not None or self.remove or self.move != 0


class TagPicker(TypeAheadScreen[TagChoice | None]):
    BINDINGS = [
        Binding("escape", "cancel", "cancel", id="newsbrief.picker.cancel"),
        Binding("down", "move(1)", "down", id="newsbrief.picker.down", show=False),
        Binding("up", "move(-1)", "up", id="newsbrief.picker.up", show=False),
        Binding("ctrl+r", "manage('rename')", "rename", id="newsbrief.picker.rename", priority=True, show=False),
        Binding("ctrl+d", "manage('remove')", "delete", id="newsbrief.picker.remove", priority=True, show=False),
        Binding("ctrl+up", "manage('up')", "move up", id="newsbrief.picker.move_up", priority=True, show=False),
        Binding("ctrl+down", "manage('down')", "move down", id="newsbrief.picker.move_down", priority=True, show=False),
    ]

    def __init__(
        self,
        tags: list[str],
        on_claim: list[str],
        *,
        title: str,
        allow_create: bool = True,
        clear_label: str | None = None,
        noun: str = "tag",
        hint: str = "enter picks (✓ = on the claim; picking it again removes it) · esc cancels",
        manage: bool = False,
        typed: str = "",
        error: str = "",
    ) -> None:
        super().__init__()
        self.noun = noun
        self.hint = hint
        self.tags = list(tags)
        self.on_claim = {label.casefold() for label in on_claim}
        self.title_text = title
        self.allow_create = allow_create
        self.clear_label = clear_label
        self.manage = manage  # ctrl+r renames, ctrl+d deletes, ctrl+↑/↓ moves the highlighted tag
        self.renaming: str | None = None  # after ctrl+r: the tag whose new name is being typed
        self.typed = typed  # opened again after a refusal: what was typed, and why it was refused
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label(Content(self.title_text), classes="dialog-title")
            placeholder = f"type to filter, or a new {self.noun} name" if self.allow_create else "type to filter"
            yield Input(self.typed, placeholder=placeholder, id="tag-query")
            yield OptionList(id="tag-options", markup=False)
            if self.error:
                yield Label(Content(one_line(self.error, 300)), id="tag-error")
            yield Label(Content(self.hint), classes="dialog-hint")

    def on_mount(self) -> None:
        self._fill(self.typed)
        self.take_keys(self.query_one(Input))

    @on(Input.Changed, "#tag-query")
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, query: str) -> None:
        folded = " ".join(query.split()).casefold()
        options: list[Option] = []
        if self.clear_label and not folded:
            options.append(Option(Content.styled(f"({self.clear_label})", "italic"), id=CLEAR))
        exact = False
        for number, label in enumerate(self.tags, 1):
            if folded and folded not in label.casefold():
                continue
            exact = exact or label.casefold() == folded
            key = f"{number} " if number <= 9 else "  "
            mark = " ✓" if label.casefold() in self.on_claim else ""
            options.append(Option(Content.assemble((key, "$text-muted"), one_line(label), (mark, "bold $text-success")), id=f"tag:{number - 1}"))
        if self.allow_create and folded and not exact:
            options.append(Option(Content.assemble((f"+ new {self.noun} ", "$text-muted"), (one_line(" ".join(query.split())), "bold")), id=CREATE))
        option_list = self.query_one(OptionList)
        option_list.set_options(options)
        if options:
            option_list.highlighted = 0

    def action_move(self, delta: int) -> None:
        option_list = self.query_one(OptionList)
        if option_list.option_count:
            current = option_list.highlighted if option_list.highlighted is not None else -delta
            option_list.highlighted = max(0, min(option_list.option_count - 1, current + delta))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.manage if action == "manage" else True

    def action_manage(self, what: str) -> None:
        option_list = self.query_one(OptionList)
        highlighted = option_list.highlighted
        option_id = option_list.get_option_at_index(highlighted).id if highlighted is not None else None
        if not option_id or not option_id.startswith("tag:"):
            self.notify("highlight a tag of the set first (type to filter, ↑/↓)", severity="warning")
            return
        label = self.tags[int(option_id[4:])]
        if what == "rename":  # the input now takes the new name; enter renames
            self.renaming = label
            self.query_one(".dialog-title", Label).update(Content(f"Rename {one_line(label)!r} to… (enter renames, esc cancels)"))
            box = self.query_one(Input)
            box.value = label
            box.cursor_position = len(label)
        elif what == "remove":
            self.dismiss(TagChoice(label, remove=True))
        else:
            self.dismiss(TagChoice(label, move=-1 if what == "up" else 1))

    @on(Input.Submitted, "#tag-query")
    def _submitted(self, event: Input.Submitted) -> None:
        if self.renaming is not None:
            typed = " ".join(event.value.split())
            if typed and typed != self.renaming:
                self.dismiss(TagChoice(self.renaming, rename_to=typed))
            return
        option_list = self.query_one(OptionList)
        if option_list.highlighted is not None:
            self._choose(option_list.get_option_at_index(option_list.highlighted).id)

    @on(OptionList.OptionSelected, "#tag-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id == CREATE:
            self.dismiss(TagChoice(" ".join(self.query_one(Input).value.split()), new=True))
        elif option_id == CLEAR:
            self.dismiss(TagChoice("", clear=True))
        elif option_id and option_id.startswith("tag:"):
            self.dismiss(TagChoice(self.tags[int(option_id[4:])]))
