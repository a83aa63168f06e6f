"""The Qt Quick side of the player. Importing it loads PySide6 (see kiosk.ops.memory)."""

import PySide6.QtCore  # noqa: F401  (loads PySide6's import hook, adjusted just below)

from kiosk.ops.memory import read_no_sources_into_memory

read_no_sources_into_memory()
