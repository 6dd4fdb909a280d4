"""The RDF graph: namespaces and prefixes, the ontology's files, loading, validation, names."""
