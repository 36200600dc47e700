"""Reading an edition's YAML sources into the model: files with positions, inline markup, transforms."""
