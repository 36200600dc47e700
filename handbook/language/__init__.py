"""Languages: the catalogue of words each edition prints, and the language's rules for typography and references."""
