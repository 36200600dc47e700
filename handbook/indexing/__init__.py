"""Index terms and country mentions found in an edition."""
