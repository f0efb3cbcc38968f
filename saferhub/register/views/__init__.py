"""The register's pages: search, people, places, and merging duplicates (one module per noun)."""
