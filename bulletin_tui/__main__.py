"""``python -m bulletin_tui`` runs the ``bulletin`` command."""

from bulletin_tui.launch import main

main()
