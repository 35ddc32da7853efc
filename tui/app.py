"""The newsbrief reader: the app and the one factory the command line and the tests build it with."""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.screen import Screen

from store import Store, StoreError, UnwritableStore
from store.persist.paths import default_store_dir
from store.persist.shelf import CATALOG_FILE
from store.persist.storage import atomic_write_bytes

from .commands import NewsbriefCommands
from .dialogs.type_ahead import redirect
from .keys import unknown_ids
from .place import PLACE_KEY, Place
from .screens.main import MainScreen
from .widgets.text import one_line

SETTINGS_FILE = "settings.json"  # in the store folder: {"theme": NAME, "keymap": {BINDING_ID: KEYS}, "place": …}
WRITE_WAIT = 5.0  # seconds a key waits for another process's write (an import batch) before it is refused


class NewsbriefApp(App[None]):
    """The reader on one open store; closes the store (and releases its lock) when it exits."""

    CSS_PATH = "app.tcss"
    TITLE = "newsbrief"
    COMMANDS = App.COMMANDS | {NewsbriefCommands}

    def __init__(self, store: Store, *, notices: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.store = store
        self.notices = list(notices or [])  # (message, severity) to show once the screen is up
        self.settings = self._read_settings()
        self._collector_paused = False

    async def _on_key(self, event: events.Key) -> None:
        # Before App._on_key (Textual calls each class's handler, base last): a key typed while a
        # dialog opens is the dialog's (tui/dialogs/type_ahead.py), and then the bindings never see it.
        redirect(self, event)

    # --- settings: the theme and the keymap, remembered in the store folder ---------------

    @property
    def settings_path(self) -> Path:
        return self.store.folder / SETTINGS_FILE

    def _read_settings(self) -> dict[str, Any]:
        try:
            raw = self.settings_path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as error:
            self.notices.append((f"{self.settings_path}: cannot read ({error.strerror}); default settings used", "warning"))
            return {}
        try:
            settings = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError):
            self.notices.append((f"{self.settings_path}: not valid JSON; default settings used", "warning"))
            return {}
        if not isinstance(settings, dict):
            self.notices.append((f"{self.settings_path}: expected a JSON object; default settings used", "warning"))
            return {}
        return settings

    def _write_settings(self) -> None:
        if self.store.readonly:
            return
        try:
            atomic_write_bytes(self.settings_path, json.dumps(self.settings, indent=2).encode("utf-8"))
        except OSError as error:
            self.notify(one_line(f"{self.settings_path}: cannot save settings ({error.strerror})"), severity="error", markup=False)

    def _theme_changed(self, theme: object) -> None:
        if self.settings.get("theme") != self.theme:
            self.settings["theme"] = self.theme
            self._write_settings()

    # --- life cycle ---------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        return MainScreen(self.store, place=Place.from_record(self.settings.get(PLACE_KEY)))

    def on_load(self) -> None:
        # The first screen makes ~30,000 objects (widgets, styles, strips) that mostly live as long
        # as the reader, and the collector's passes over them (and over the list's rows) took 8 ms
        # of it at 10,000 briefs and ~20 ms at 100,000. So it pauses until the first frame is out
        # (on_ready), which freezes them as create_app froze the store, or the app ends before.
        self._collector_paused = gc.isenabled()
        gc.disable()

    def on_ready(self) -> None:
        gc.freeze()
        self._resume_collector()

    def _resume_collector(self) -> None:
        if self._collector_paused:
            self._collector_paused = False
            gc.enable()

    def on_mount(self) -> None:
        theme = self.settings.get("theme")
        if isinstance(theme, str):
            if theme in self.available_themes:
                self.theme = theme
            else:
                self.notices.append((f"theme {one_line(theme, 40)!r} is not available; using {self.theme}", "warning"))
        keymap = self.settings.get("keymap")
        if isinstance(keymap, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in keymap.items()):
            self.set_keymap(keymap)
            for binding_id in unknown_ids(keymap):
                self.notices.append((f"settings.json: keymap names {binding_id!r}, which is no key of the reader (? lists the ids)", "warning"))
        elif keymap is not None:
            self.notices.append(("settings.json: \"keymap\" must map binding ids to keys; ignored", "warning"))
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        for message, severity in self.notices:
            self.notify(one_line(message, 300), severity=severity, markup=False, timeout=8)  # type: ignore[arg-type]

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """Remember where the user is (while the panes are still there to ask), then exit."""
        main = next((screen for screen in self.screen_stack if isinstance(screen, MainScreen)), None)
        place = main.place() if main is not None and main.is_mounted else None
        if place is not None and place.to_record() != self.settings.get(PLACE_KEY):
            self.settings[PLACE_KEY] = place.to_record()
            self._write_settings()
        super().exit(*args, **kwargs)

    def on_unmount(self) -> None:
        self.store.close()
        self._resume_collector()
        # What create_app froze stays frozen: the process ends with the reader, and handed back here
        # the interpreter's last collection walked all of it (the exit took 123 ms at 10,000 briefs,
        # 16 ms frozen). A process that opens another reader hands it back then (create_app).


def create_app(store_dir: Path | None = None) -> NewsbriefApp:
    """Open the store at store_dir (default XDG folder via Store(None)) for reading and writing: other
    readers and commands may have it open too, each taking its lock for one write at a time. A folder
    that cannot be written (store.errors.UnwritableStore) opens read-only, and a notification says so.
    Only the default store, opened for the first time and empty, is filled with the bundled seeds,
    with a notification saying so; a folder given with --store starts empty. Raises
    store.errors.StoreError (one-line message) for a corrupt store — the command line prints it and exits 1."""
    # What start-up loads (the modules, then the store's catalog and annotations) lives as long as
    # the reader. Frozen (gc.freeze), the garbage collector stops walking it again and again: at
    # 10,000 briefs the collections while the store opened took 2-40 ms, and a full one during the
    # first screen ~40 ms. It is never handed back while this reader lives, nor at its exit; what
    # an earlier reader of this process froze (the tests open hundreds) is garbage now: collected first.
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    gc.freeze()
    notices: list[tuple[str, str]] = []
    first_time = store_dir is None and not (default_store_dir() / CATALOG_FILE).exists()
    try:
        store = Store(store_dir, wait=WRITE_WAIT)
    except UnwritableStore as error:
        store = Store(store_dir, readonly=True)
        notices.append((f"opened read-only: {error}", "warning"))
    try:
        store.listing()  # what the first screen lists, tag counts and all: a damaged catalog or head is refused here in one line, not in a traceback (a damaged annotation shard is a notice where a brief of it is needed)
        if first_time and not store.readonly and store.is_empty():
            report = store.import_seeds()
            notices.append((f"a new store at {store.folder}: filled with the {len(report.added)} sample briefs (`newsbrief remove ID` takes one away)", "information"))
            notices.extend((f"sample briefs: {problem}", "error") for problem in report.errors)
    except StoreError:
        store.close()
        raise
    app = NewsbriefApp(store, notices=notices)
    gc.freeze()  # and now the store as opened
    return app
