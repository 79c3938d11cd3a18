"""Suggestions that learn from the annotators: train a span tagger on a project's finished
documents and suggest with it (``annotator train``, ``annotator suggest --model``).

Needs the optional extra: ``pip install "annotator[learn]"`` (scikit-learn). Everything here is
Qt-free; the window runs it in a background thread.
"""


class LearnUnavailable(RuntimeError):
    """scikit-learn is not installed."""


class ModelError(ValueError):
    """A model file that cannot be used (missing, damaged, not a model, another schema)."""


def require_learn() -> None:
    try:
        import sklearn  # noqa: F401
    except ImportError as exc:
        raise LearnUnavailable(
            'training and suggesting with a model need scikit-learn: pip install "annotator[learn]"') from exc
