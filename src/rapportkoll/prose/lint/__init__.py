"""Document lint: what is wrong with the document as a document (template text, numbering, footnotes, labels)."""
