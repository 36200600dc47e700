"""Styles: theme loading, fonts and logos."""
