"""annotator: build labelled Arabic-first text corpora.

The core (everything but :mod:`annotator.gui`) runs headless and never imports PySide6.
"""

__version__ = "0.1.0"
