"""Routers, one module per endpoint family."""
