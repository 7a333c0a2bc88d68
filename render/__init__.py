"""Presentation: Folium pages, Mapnik and vector tiles, static images, reports and templates.

Drawn from the domain (`geo`), never the other way round; knows nothing of HTTP (`api`).
"""
