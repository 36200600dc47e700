"""The command line: click commands, batch builds and the project starter."""
