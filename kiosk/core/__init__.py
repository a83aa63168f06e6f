"""Pure core: feed model and validation, schedule rules, rotation, localisation, QR matrices.

Nothing here imports PySide6, requests or APScheduler, touches the network, or reads the clock:
``now`` is always an argument. A test imports this package with PySide6 blocked.
"""
