"""Response models of the web API that belong to no single router package."""
