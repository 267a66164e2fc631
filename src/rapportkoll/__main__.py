"""`python -m rapportkoll` runs the command line."""

from rapportkoll.cli import main

main()
