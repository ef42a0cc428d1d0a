"""Crime networks, one typology (T1-T13 of the catalogue) per module."""
