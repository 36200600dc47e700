"""Writing the PDF and what is made from it: booklets and print marks."""
