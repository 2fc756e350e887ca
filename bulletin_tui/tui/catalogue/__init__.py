"""The screen's strings of each feature, one module a feature, each with ``STRINGS``.

``tui/i18n.py`` gathers them into the one catalogue; see there.
"""
