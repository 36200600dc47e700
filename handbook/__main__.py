"""`python -m handbook` runs the command-line interface."""
from .commands.cli import main

if __name__ == "__main__":  # a spawned worker of `build --all` (macOS, Windows) imports this module again
    main()
