"""ESCO inside: import of the official ESCO export and its merge into the routes."""
