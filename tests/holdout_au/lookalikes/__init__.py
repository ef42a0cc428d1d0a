"""Innocent look-alike personas L1-L24 of the catalogue."""
