"""Reference data of the Global Compact: objectives, guiding principles, round tables, regions."""
