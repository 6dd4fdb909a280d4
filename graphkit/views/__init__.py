"""Text views for people (aligned tables) and programs (json, csv), one module per answer."""
