"""`python -m handbook` runs the command-line interface."""
from .commands.cli import main

main()
