"""Exports: RDF in every syntax, GraphML, GEXF and CSV for network tools, the HTML viewer."""
