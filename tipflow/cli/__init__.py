"""The command line: Typer commands over the library, Rich for what people read."""
