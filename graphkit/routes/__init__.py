"""Careers as graphs: projections, routes, gaps, suggestions, the cost model, the compiled cache."""
