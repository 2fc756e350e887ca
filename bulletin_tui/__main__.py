"""``python -m bulletin_tui`` runs the ``bulletin`` command."""

from bulletin_tui.cli import main

main()
