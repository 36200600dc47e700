"""`python -m handbook` runs the command-line interface."""
from .cli import main

main()
