"""Municipal kiosk: an open-source kiosk and digital-signage player for towns."""

__version__ = "0.1.0"
