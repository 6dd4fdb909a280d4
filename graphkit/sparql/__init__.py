"""SPARQL: engine, results and their formats, gallery, workers, endpoint, remote client."""
