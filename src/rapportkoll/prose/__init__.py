"""The text against the tables: prose claims linked to cells and checked, and the document lint."""
