"""`python -m registry` runs the command line."""

from registry.cli.main import main

main()
