"""The data layer stays UI-free: importing `store` must not load Textual."""

import subprocess
import sys


def test_importing_store_does_not_load_textual() -> None:
    probe = "import sys, store, store.export, store.figures; print('textual' in sys.modules, 'tui' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
