"""``python -m tipflow`` runs the command line."""

from tipflow.cli.app import main

main()
