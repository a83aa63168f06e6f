"""QR codes generated locally (no web service ever sees what the town links to).

:func:`qr_svg` returns a self-contained SVG: white background, the four-module quiet zone the
standard asks for, and one path of dark modules, so it stays crisp at any size on screen.
"""

from __future__ import annotations

import qrcode
import qrcode.constants

QUIET_ZONE = 4


def qr_matrix(text: str) -> list[list[bool]]:
    """Module matrix (True = dark) of ``text``, error correction level M (15 %)."""
    code = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def qr_svg(text: str) -> str:
    matrix = qr_matrix(text)
    size = len(matrix) + 2 * QUIET_ZONE
    runs: list[str] = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            runs.append(f"M{start + QUIET_ZONE} {y + QUIET_ZONE}h{x - start}v1h-{x - start}z")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(runs)}"/></svg>'
    )
