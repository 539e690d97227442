"""Developer tools: the catalogs kept in step with the code, the README's preview picture. Not
installed with the package: run them from a clone (`python -m tools.catalogs`)."""
