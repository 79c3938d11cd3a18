"""Runtime resources shipped in the wheel as ``annotator.resources``.

This folder sits at the top of the repository so it is easy to find, and pyproject.toml maps
it into the package. Read it through :mod:`annotator.resources_path`, never by a path
relative to the source tree: after a wheel install there is no source tree.
"""
