"""Rule data shipped with icpfile: the catalog, the national lists and the province pack."""
