"""Persistence: engine creation for SpatiaLite and PostGIS, models, migrations and loading."""
