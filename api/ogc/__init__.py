"""OGC API - Features (Part 1 Core): collections of regions, accessibility figures and centres."""
