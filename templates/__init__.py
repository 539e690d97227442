"""The templates and UI catalogs, shipped inside the package as data (see termbase.paths)."""
