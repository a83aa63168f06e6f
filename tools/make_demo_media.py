#!/usr/bin/env python3
"""Generate the demo media of the invented commune "Valmorin-sur-Ondine".

Every picture is drawn from scratch with PySide6's QPainter in a flat-vector
illustration style (no downloaded images, no text inside the pictures except
the title card of the Christmas video). The output is deterministic.

Run from the repository root:

    QT_QPA_PLATFORM=offscreen python tools/make_demo_media.py --out playlists/demo/media

Requirements: PySide6 (``pip install pyside6``). ffmpeg is needed only for the
video ``noel.mp4`` (pass ``--no-video`` to skip it); use ``--only NAME`` to
regenerate a single file, e.g. ``--only mairie``.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QRadialGradient,
)

# --------------------------------------------------------------------------
# Palette
# --------------------------------------------------------------------------
NAVY = "#1D3557"
BLUE = "#457B9D"
LBLUE = "#A8DADC"
CREAM = "#F1FAEE"
RED = "#E63946"
TEAL = "#2A9D8F"
YELLOW = "#E9C46A"
ORANGE = "#F4A261"
GREEN_D = "#386641"
GREEN = "#6A994E"
GREEN_L = "#A7C957"
GREY_D = "#495057"
GREY = "#8D99AE"
GREY_L = "#DEE2E6"
SLATE = "#4F6272"
STONE = "#EDE3CF"
WOOD = "#B07D4F"
SKINS = ["#F2C7A5", "#D9A27E", "#A86F4C", "#7A4E33", "#EBB894"]
HAIRS = ["#2B2118", "#5A3A22", "#1D1D1D", "#8C5A2B", "#C9A46A", "#6B6B6B"]
CLOTHES = [NAVY, BLUE, TEAL, RED, ORANGE, YELLOW, "#6D597A", GREEN, "#264653"]

JPEG_QUALITY = 85
# Shared pen/brush objects (passing the Qt.NoPen / Qt.NoBrush enums directly
# triggers a refcount crash in some PySide6 releases).
NO_PEN = QPen(Qt.NoPen)
NO_BRUSH = QBrush(Qt.NoBrush)
W, H = 1600, 1000


def guard_none_refcount():
    """Work around a PySide6 6.12.0 bug on CPython < 3.12: every call that
    returns None drops one reference to None, and after a few thousand
    painter calls the interpreter aborts ("deallocating None"). On 3.12+
    None is immortal; here we emulate that by giving it a huge refcount.
    Only applied when the leak is actually detected."""
    if sys.version_info >= (3, 12):
        return
    probe = QPainterPath()
    before = sys.getrefcount(None)
    for _ in range(100):
        probe.moveTo(0, 0)
    if sys.getrefcount(None) <= before - 50:
        import ctypes
        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
        print("note: PySide6 None-refcount leak detected, workaround applied", file=sys.stderr)


# --------------------------------------------------------------------------
# Small drawing helpers
# --------------------------------------------------------------------------
def col(c, alpha=None) -> QColor:
    """QColor from a hex string / QColor, with optional alpha (0-255)."""
    q = QColor(c)
    if alpha is not None:
        q.setAlpha(int(max(0, min(255, alpha))))
    return q


def mix(c1, c2, t: float) -> QColor:
    a, b = QColor(c1), QColor(c2)
    return QColor(
        int(a.red() + (b.red() - a.red()) * t),
        int(a.green() + (b.green() - a.green()) * t),
        int(a.blue() + (b.blue() - a.blue()) * t),
        int(a.alpha() + (b.alpha() - a.alpha()) * t),
    )


def dark(c, f: float = 0.15) -> QColor:
    return mix(c, "#10141c", f)


def light(c, f: float = 0.15) -> QColor:
    return mix(c, "#ffffff", f)


def lin(x1, y1, x2, y2, stops) -> QLinearGradient:
    g = QLinearGradient(x1, y1, x2, y2)
    for pos, c in stops:
        g.setColorAt(pos, col(c))
    return g


def brush(p: QPainter, fill):
    p.setPen(NO_PEN)
    if isinstance(fill, (QLinearGradient, QRadialGradient)):
        p.setBrush(QBrush(fill))
    else:
        p.setBrush(col(fill))


def rect(p, x, y, w, h, fill, r=0.0):
    brush(p, fill)
    if r:
        p.drawRoundedRect(QRectF(x, y, w, h), r, r)
    else:
        p.drawRect(QRectF(x, y, w, h))


def ellipse(p, cx, cy, rx, ry, fill):
    brush(p, fill)
    p.drawEllipse(QPointF(cx, cy), rx, ry)


def poly(p, pts, fill):
    brush(p, fill)
    p.drawPolygon(QPolygonF([QPointF(x, y) for x, y in pts]))


def path_fill(p, path: QPainterPath, fill):
    brush(p, fill)
    p.drawPath(path)


def line(p, x1, y1, x2, y2, color, width, cap=Qt.RoundCap):
    pen = QPen(col(color))
    pen.setWidthF(width)
    pen.setCapStyle(cap)
    p.setPen(pen)
    p.setBrush(NO_BRUSH)
    p.drawLine(QPointF(x1, y1), QPointF(x2, y2))
    p.setPen(NO_PEN)


def stroke_path(p, path, color, width, cap=Qt.RoundCap):
    pen = QPen(col(color))
    pen.setWidthF(width)
    pen.setCapStyle(cap)
    pen.setJoinStyle(Qt.RoundJoin)
    p.setPen(pen)
    p.setBrush(NO_BRUSH)
    p.drawPath(path)
    p.setPen(NO_PEN)


def shadow(p, cx, cy, rx, ry, alpha=70, color="#1D2433"):
    """Soft elliptical contact shadow (radial gradient squashed vertically)."""
    p.save()
    p.translate(cx, cy)
    p.scale(1.0, ry / rx if rx else 1.0)
    g = QRadialGradient(0, 0, rx)
    g.setColorAt(0.0, col(color, alpha))
    g.setColorAt(0.6, col(color, alpha * 0.55))
    g.setColorAt(1.0, col(color, 0))
    p.setPen(NO_PEN)
    p.setBrush(QBrush(g))
    p.drawEllipse(QPointF(0, 0), rx, rx)
    p.restore()


def glow(p, cx, cy, r, color, alpha=160):
    g = QRadialGradient(cx, cy, r)
    g.setColorAt(0.0, col(color, alpha))
    g.setColorAt(0.35, col(color, alpha * 0.45))
    g.setColorAt(1.0, col(color, 0))
    p.setPen(NO_PEN)
    p.setBrush(QBrush(g))
    p.drawEllipse(QPointF(cx, cy), r, r)


def arch_path(x, y, w, h) -> QPainterPath:
    """Rectangle whose top is a half circle."""
    r = w / 2
    path = QPainterPath()
    path.moveTo(x, y + h)
    path.lineTo(x, y + r)
    path.arcTo(QRectF(x, y, w, 2 * r), 180, -180)
    path.lineTo(x + w, y + h)
    path.closeSubpath()
    return path


def sky(p, w, h, top, bottom, horizon=None):
    horizon = horizon or h
    rect(p, 0, 0, w, horizon, lin(0, 0, 0, horizon, [(0, top), (1, bottom)]))


def cloud(p, x, y, s, alpha=235, color="#FFFFFF"):
    """Flat cloud: overlapping circles on a flat base."""
    c = col(color, alpha)
    path = QPainterPath()
    path.addRoundedRect(QRectF(x - 90 * s, y - 22 * s, 180 * s, 44 * s), 22 * s, 22 * s)
    for dx, dy, r in ((-45, -20, 38), (5, -40, 50), (50, -18, 36)):
        path.addEllipse(QPointF(x + dx * s, y + dy * s), r * s, r * s)
    p.setPen(NO_PEN)
    path.setFillRule(Qt.WindingFill)
    p.setBrush(c)
    p.drawPath(path.simplified())


def hills(p, base_y, amp, color, rng, w=W, bottom=None, n=5, phase=0.0):
    """A smooth ridge filled down to `bottom`."""
    bottom = bottom if bottom is not None else base_y + 600
    path = QPainterPath()
    path.moveTo(0, bottom)
    pts = []
    for i in range(n + 1):
        x = i * w / n
        y = base_y - amp * (0.5 + 0.5 * math.sin(i * 1.7 + phase)) - rng.uniform(0, amp * 0.3)
        pts.append((x, y))
    path.lineTo(pts[0][0], pts[0][1])
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        mx = (x0 + x1) / 2
        path.cubicTo(mx, y0, mx, y1, x1, y1)
    path.lineTo(w, bottom)
    path.closeSubpath()
    path_fill(p, path, color)


# --------------------------------------------------------------------------
# Reusable objects: trees, people, windows, houses
# --------------------------------------------------------------------------
def blob_canopy(p, cx, cy, rx, ry, rng, base, n=9, highlight=True):
    """Canopy made of overlapping circles, darker at the bottom right."""
    circles = []
    for _ in range(n):
        a = rng.uniform(0, 2 * math.pi)
        d = rng.uniform(0.0, 0.55)
        r = rng.uniform(0.42, 0.6) * min(rx, ry)
        circles.append((cx + math.cos(a) * d * rx, cy + math.sin(a) * d * ry, r))
    circles.append((cx, cy, 0.62 * min(rx, ry)))
    # shadow layer
    for x, y, r in circles:
        ellipse(p, x + r * 0.08, y + r * 0.1, r, r, dark(base, 0.22))
    for x, y, r in circles:
        ellipse(p, x - r * 0.04, y - r * 0.06, r * 0.94, r * 0.94, base)
    if highlight:
        for x, y, r in circles:
            if y < cy + ry * 0.1 and x < cx + rx * 0.3:
                ellipse(p, x - r * 0.3, y - r * 0.32, r * 0.4, r * 0.36, light(base, 0.09))


def round_tree(p, x, ground, h, rng, base=GREEN, trunk="#6B4A32"):
    tw = h * 0.06
    rect(p, x - tw / 2, ground - h * 0.5, tw, h * 0.5, trunk, tw * 0.3)
    blob_canopy(p, x, ground - h * 0.62, h * 0.36, h * 0.36, rng, base, n=7)


def poplar(p, x, ground, h, base=GREEN_D, trunk="#5B4030"):
    rect(p, x - h * 0.02, ground - h * 0.25, h * 0.04, h * 0.25, trunk)
    ellipse(p, x, ground - h * 0.58, h * 0.13, h * 0.42, base)
    ellipse(p, x - h * 0.04, ground - h * 0.64, h * 0.06, h * 0.3, light(base, 0.12))


def plane_tree(p, x, ground, h, rng, flip=False):
    """Big plane tree (platane) with its typical patchy bark."""
    tw = h * 0.075
    top = ground - h * 0.62
    path = QPainterPath()
    path.moveTo(x - tw * 0.75, ground)
    path.cubicTo(x - tw * 0.5, ground - h * 0.2, x - tw * 0.45, top + h * 0.1, x - tw * 0.35, top)
    path.lineTo(x + tw * 0.35, top)
    path.cubicTo(x + tw * 0.45, top + h * 0.1, x + tw * 0.5, ground - h * 0.2, x + tw * 0.75, ground)
    path.closeSubpath()
    path_fill(p, path, "#B9AE8E")
    p.save()
    p.setClipPath(path)
    for _ in range(26):
        px = x + rng.uniform(-tw, tw)
        py = rng.uniform(top, ground)
        ellipse(p, px, py, rng.uniform(6, 16) * h / 600, rng.uniform(10, 24) * h / 600,
                rng.choice(["#8E8468", "#D8D0B4", "#9FA07A", "#CFC59F"]))
    rect(p, x + tw * 0.1, top, tw, h, col("#000000", 28))
    p.restore()
    # branches
    sgn = -1 if flip else 1
    line(p, x, top + h * 0.05, x - sgn * h * 0.18, top - h * 0.12, "#9E9478", tw * 0.35)
    line(p, x, top + h * 0.02, x + sgn * h * 0.15, top - h * 0.16, "#9E9478", tw * 0.3)
    blob_canopy(p, x, ground - h * 0.8, h * 0.42, h * 0.26, rng, "#5E8C45", n=14)


def person(p, x, foot, h, rng, body=None, legs=None, skin=None, hair=None,
           dress=False, bag=None, arm_up=False, hat=None, back=False):
    """Simple flat human silhouette. (x, foot) is the bottom centre."""
    body = body or rng.choice(CLOTHES)
    legs = legs or rng.choice([NAVY, "#2F3E46", "#3D405B", "#5C677D"])
    skin = skin or rng.choice(SKINS)
    hair = hair or rng.choice(HAIRS)
    u = h / 100.0
    # legs
    if dress:
        rect(p, x - 7 * u, foot - 30 * u, 5 * u, 30 * u, skin, 2 * u)
        rect(p, x + 2 * u, foot - 30 * u, 5 * u, 30 * u, skin, 2 * u)
    else:
        rect(p, x - 9 * u, foot - 48 * u, 8 * u, 47 * u, legs, 3 * u)
        rect(p, x + 1 * u, foot - 48 * u, 8 * u, 47 * u, legs, 3 * u)
    rect(p, x - 11 * u, foot - 4 * u, 10 * u, 4 * u, "#22252B", 2 * u)
    rect(p, x + 1 * u, foot - 4 * u, 10 * u, 4 * u, "#22252B", 2 * u)
    # torso
    torso = QPainterPath()
    if dress:
        torso.moveTo(x - 10 * u, foot - 80 * u)
        torso.lineTo(x + 10 * u, foot - 80 * u)
        torso.lineTo(x + 17 * u, foot - 28 * u)
        torso.lineTo(x - 17 * u, foot - 28 * u)
        torso.closeSubpath()
        path_fill(p, torso, body)
        rect(p, x - 11 * u, foot - 82 * u, 22 * u, 20 * u, body, 7 * u)
    else:
        rect(p, x - 12 * u, foot - 82 * u, 24 * u, 38 * u, body, 8 * u)
    # arms
    arm = dark(body, 0.12)
    if arm_up:
        p.save()
        p.translate(x + 10 * u, foot - 78 * u)
        p.rotate(-150)
        rect(p, -3.5 * u, 0, 7 * u, 32 * u, arm, 3.5 * u)
        ellipse(p, 0, 32 * u, 4 * u, 4 * u, skin)
        p.restore()
    else:
        rect(p, x + 9 * u, foot - 80 * u, 7 * u, 33 * u, arm, 3.5 * u)
        ellipse(p, x + 12.5 * u, foot - 46 * u, 4 * u, 4 * u, skin)
    rect(p, x - 16 * u, foot - 80 * u, 7 * u, 33 * u, arm, 3.5 * u)
    ellipse(p, x - 12.5 * u, foot - 46 * u, 4 * u, 4 * u, skin)
    # neck and head
    rect(p, x - 3 * u, foot - 88 * u, 6 * u, 8 * u, skin)
    ellipse(p, x, foot - 94 * u, 9 * u, 10 * u, hair if back else skin)
    if not back:
        hp = QPainterPath()
        hp.addEllipse(QPointF(x, foot - 97 * u), 9.5 * u, 8 * u)
        clip = QPainterPath()
        clip.addRect(QRectF(x - 12 * u, foot - 110 * u, 24 * u, 12 * u))
        path_fill(p, hp.intersected(clip), hair)
    if hat:
        rect(p, x - 10 * u, foot - 108 * u, 20 * u, 9 * u, hat, 4 * u)
        ellipse(p, x, foot - 110 * u, 4 * u, 4 * u, light(hat, 0.5))
    if bag:
        rect(p, x + 12 * u, foot - 52 * u, 14 * u, 16 * u, bag, 3 * u)
        line(p, x + 14 * u, foot - 52 * u, x + 17 * u, foot - 60 * u, dark(bag, 0.3), 1.5 * u)
        line(p, x + 24 * u, foot - 52 * u, x + 21 * u, foot - 60 * u, dark(bag, 0.3), 1.5 * u)


def seated_child(p, x, foot, h, rng, body=None, hair=None):
    """Child sitting cross-legged, seen from the back."""
    body = body or rng.choice(CLOTHES)
    hair = hair or rng.choice(HAIRS[:5])
    u = h / 100.0
    ellipse(p, x, foot - 8 * u, 30 * u, 10 * u, rng.choice([NAVY, "#3D405B", BLUE]))
    rect(p, x - 20 * u, foot - 62 * u, 40 * u, 52 * u, body, 16 * u)
    ellipse(p, x, foot - 78 * u, 16 * u, 17 * u, hair)


def window(p, x, y, w, h, frame="#F7F5EE", glass=("#CFE8EE", "#6F9DB5"),
           arch=False, shutters=None, bars=True, sill=True, lit=None):
    fw = max(3.0, w * 0.09)
    if shutters:
        sw = w * 0.48
        for sx in (x - sw - 2, x + w + 2):
            rect(p, sx, y, sw, h, shutters, 2)
            for i in range(1, int(h / 9)):
                rect(p, sx + 2, y + i * 9, sw - 4, 2, dark(shutters, 0.18))
    outer = arch_path(x, y, w, h) if arch else None
    if outer is not None:
        path_fill(p, outer, frame)
        inner = arch_path(x + fw, y + fw, w - 2 * fw, h - 2 * fw)
    else:
        rect(p, x, y, w, h, frame)
        inner = QPainterPath()
        inner.addRect(QRectF(x + fw, y + fw, w - 2 * fw, h - 2 * fw))
    g = lit or lin(0, y, 0, y + h, [(0, glass[0]), (1, glass[1])])
    path_fill(p, inner, g)
    # diagonal reflection
    p.save()
    p.setClipPath(inner)
    poly(p, [(x + w * 0.1, y + h), (x + w * 0.45, y + h), (x + w * 1.0, y + h * 0.25), (x + w * 0.75, y + h * 0.2)],
         col("#FFFFFF", 45))
    p.restore()
    if bars:
        rect(p, x + w / 2 - fw * 0.3, y + fw, fw * 0.6, h - 2 * fw, frame)
        n = max(1, int(h / w * 1.3))
        for i in range(1, n + 1):
            yy = y + fw + (h - 2 * fw) * i / (n + 1)
            rect(p, x + fw, yy - fw * 0.25, w - 2 * fw, fw * 0.5, frame)
    if sill:
        rect(p, x - fw, y + h, w + 2 * fw, fw * 1.2, dark(frame, 0.08))


def townhouse(p, x, ground, w, h, wall, roof, rng, shutters=None, floors=3,
              roof_h=None, tile=False, shop=None, lit=False):
    """Narrow French townhouse facade with a pitched/mansard roof seen front-on."""
    roof_h = roof_h or w * 0.32
    rect(p, x, ground - h, w, h, wall)
    rect(p, x, ground - h, w, 6, dark(wall, 0.1))
    # roof
    rc = roof
    poly(p, [(x - 6, ground - h), (x + w + 6, ground - h), (x + w - w * 0.12, ground - h - roof_h),
             (x + w * 0.12, ground - h - roof_h)], rc)
    for i in range(1, 5):
        yy = ground - h - roof_h * i / 5
        rect(p, x + w * 0.12 * i / 5, yy, w - 2 * w * 0.12 * i / 5, 2, dark(rc, 0.12))
    # chimney
    cx = x + w * rng.choice([0.25, 0.7])
    rect(p, cx, ground - h - roof_h - 22, w * 0.1, 30, dark(wall, 0.15))
    rect(p, cx - 3, ground - h - roof_h - 26, w * 0.1 + 6, 6, dark(wall, 0.3))
    # windows
    cols = 2 if w < 170 else 3
    ww = w / cols * 0.46
    fl_h = (h - 30) / floors
    for f in range(floors):
        wy = ground - h + 22 + f * fl_h
        for c in range(cols):
            wx = x + w / cols * (c + 0.5) - ww / 2
            if f == floors - 1 and shop:
                continue
            litg = None
            if lit and rng.random() < 0.6:
                litg = lin(0, wy, 0, wy + fl_h * 0.62, [(0, "#FFE8A3"), (1, "#F4A261")])
            window(p, wx, wy, ww, fl_h * 0.62, shutters=shutters, lit=litg,
                   glass=("#D6ECF0", "#7FA8BE"))
    if shop:
        sy = ground - fl_h * 0.95
        rect(p, x + 8, sy, w - 16, fl_h * 0.95, dark(shop, 0.25))
        rect(p, x + 14, sy + 20, w - 28, fl_h * 0.95 - 20,
             lin(0, sy, 0, ground, [(0, "#FFF4D6" if lit else "#D6ECF0"), (1, "#F4C27A" if lit else "#8FB5C9")]))
        rect(p, x + 4, sy - 4, w - 8, 22, shop)


def bench(p, x, ground, s=1.0, color="#2F5D50"):
    rect(p, x - 60 * s, ground - 38 * s, 120 * s, 8 * s, color, 3 * s)
    rect(p, x - 60 * s, ground - 58 * s, 120 * s, 7 * s, color, 3 * s)
    rect(p, x - 60 * s, ground - 70 * s, 120 * s, 7 * s, color, 3 * s)
    for dx in (-50, 42):
        rect(p, (x + dx * s), ground - 40 * s, 8 * s, 40 * s, "#2B2D42", 2 * s)


def street_lamp(p, x, ground, h, color=NAVY, lit=False):
    rect(p, x - h * 0.02, ground - h * 0.08, h * 0.04, h * 0.08, color)
    rect(p, x - h * 0.012, ground - h * 0.92, h * 0.024, h * 0.9, color)
    poly(p, [(x - h * 0.05, ground - h * 0.92), (x + h * 0.05, ground - h * 0.92),
             (x + h * 0.035, ground - h), (x - h * 0.035, ground - h)],
         "#FFE9A8" if lit else "#E7EEF0")
    poly(p, [(x - h * 0.06, ground - h), (x + h * 0.06, ground - h), (x, ground - h * 1.06)], color)
    if lit:
        glow(p, x, ground - h * 0.96, h * 0.25, "#FFD37A", 150)


def french_flag(p, x, y, w, h, t=0.0, amp=None):
    """Waving tricolour: (x, y) is the top-left at the pole."""
    amp = h * 0.08 if amp is None else amp
    colors = ["#2B4C9B", "#FFFFFF", "#E63946"]
    for i, c in enumerate(colors):
        x0 = x + w * i / 3
        x1 = x + w * (i + 1) / 3
        def wy(xx):
            return amp * math.sin((xx - x) / w * 2.4 * math.pi + t) * ((xx - x) / w)
        path = QPainterPath()
        path.moveTo(x0, y + wy(x0))
        steps = 8
        for k in range(1, steps + 1):
            xx = x0 + (x1 - x0) * k / steps
            path.lineTo(xx, y + wy(xx))
        for k in range(steps, -1, -1):
            xx = x0 + (x1 - x0) * k / steps
            path.lineTo(xx, y + h + wy(xx))
        path.closeSubpath()
        path_fill(p, path, c)
        # fold shading
        p.save()
        p.setClipPath(path)
        for k in range(3):
            sx = x + w * (0.3 + k * 0.33)
            rect(p, sx, y - amp * 2, w * 0.08, h + amp * 4, col("#000000", 22))
        p.restore()


# --------------------------------------------------------------------------
# 1. Town hall
# --------------------------------------------------------------------------
def draw_mairie(p: QPainter, rng: random.Random):
    ground = 700
    sky(p, W, H, "#86BED3", "#EEF6F2", horizon=ground)
    glow(p, 240, 120, 260, "#FFF6D8", 120)
    cloud(p, 300, 150, 1.1)
    cloud(p, 1280, 110, 0.9)
    cloud(p, 1030, 200, 0.55, alpha=200)
    # background: distant roofs and trees
    for i in range(12):
        bx = i * 140 - 20 + rng.uniform(-20, 20)
        bh = rng.uniform(120, 200)
        rect(p, bx, ground - bh, 150, bh, mix("#C9D6DA", "#EDF3F1", rng.uniform(0, 0.4)))
        poly(p, [(bx - 5, ground - bh), (bx + 155, ground - bh), (bx + 75, ground - bh - 50)], "#AFC2CB")
    for i in range(9):
        blob_canopy(p, 80 + i * 190 + rng.uniform(-30, 30), ground - 90, 90, 70, rng, "#9DB98A", n=6, highlight=False)

    # ---- main building -------------------------------------------------
    L, R = 330, 1270
    top = 330
    stone = "#EFE5CF"
    stone_d = "#E1D3B5"
    # mansard roof
    poly(p, [(L + 10, top - 12), (R - 10, top - 12), (R - 55, top - 120), (L + 55, top - 120)],
         lin(0, top - 120, 0, top, [(0, "#5D7387"), (1, "#3F5468")]))
    for i in range(1, 6):
        yy = top - 12 - i * 18
        inset = 10 + 45 * i / 6
        rect(p, L + inset, yy, R - L - 2 * inset, 2, col("#2E3F50", 120))
    rect(p, L + 50, top - 126, R - L - 100, 8, "#34475A")
    # chimneys
    for cx in (L + 110, R - 140):
        rect(p, cx, top - 175, 34, 60, "#D5C5A3")
        rect(p, cx - 4, top - 180, 42, 8, "#B9A883")
    # dormers
    for dx in (L + 150, L + 280, R - 280, R - 150):
        rect(p, dx - 26, top - 100, 52, 72, stone)
        poly(p, [(dx - 34, top - 98), (dx + 34, top - 98), (dx, top - 130)], "#3F5468")
        window(p, dx - 16, top - 88, 32, 54, bars=False, sill=False)
    # wings
    rect(p, L, top, R - L, ground - top, stone)
    # ground-floor rustication
    for yy in range(530, ground, 24):
        rect(p, L, yy, R - L, 3, stone_d)
    rect(p, L, 520, R - L, 14, "#E6D8BA")         # string course
    rect(p, L - 12, top - 16, R - L + 24, 20, "#E8DCC1")   # cornice
    rect(p, L - 12, top + 4, R - L + 24, 6, col("#000000", 30))
    # corner quoins
    for qx in (L, R - 26):
        for k, yy in enumerate(range(top + 10, ground, 30)):
            rect(p, qx + (0 if k % 2 else -4), yy, 30, 26, "#F6EEDC")
    # wing windows
    for cx in (405, 505, 605, 995, 1095, 1195):
        window(p, cx - 30, 385, 60, 110, shutters=None)
        rect(p, cx - 38, 372, 76, 10, "#E6D8BA")
        window(p, cx - 30, 560, 60, 110, arch=True)
    # central avant-corps
    CL, CR = 650, 950
    rect(p, CL, top - 30, CR - CL, ground - top + 30, "#F6EEDC")
    rect(p, CR, top - 30, 10, ground - top + 30, col("#000000", 35))
    for yy in range(530, ground, 24):
        rect(p, CL, yy, CR - CL, 3, stone_d)
    rect(p, CL, 520, CR - CL, 14, "#E6D8BA")
    # pilasters
    for px in (CL + 8, CR - 32):
        rect(p, px, top - 20, 24, 500 - top + 20, "#FBF5E8")
        rect(p, px + 18, top - 20, 6, 500 - top + 20, col("#000000", 20))
    # pediment
    poly(p, [(CL - 20, top - 30), (CR + 20, top - 30), (800, top - 160)], "#E8DCC1")
    poly(p, [(CL + 12, top - 42), (CR - 12, top - 42), (800, top - 140)], "#F6EEDC")
    rect(p, CL - 20, top - 38, CR - CL + 40, 12, "#E8DCC1")
    # clock
    ccx, ccy = 800, top - 82
    ellipse(p, ccx, ccy + 3, 38, 38, col("#000000", 40))
    ellipse(p, ccx, ccy, 38, 38, NAVY)
    ellipse(p, ccx, ccy, 31, 31, "#FBF7EC")
    for k in range(12):
        a = k * math.pi / 6
        r0 = 24 if k % 3 else 21
        line(p, ccx + math.cos(a) * r0, ccy + math.sin(a) * r0, ccx + math.cos(a) * 28,
             ccy + math.sin(a) * 28, NAVY, 2.5 if k % 3 else 4)
    line(p, ccx, ccy, ccx + 13, ccy - 10, NAVY, 4)      # hour hand (~10:10)
    line(p, ccx, ccy, ccx - 17, ccy - 14, NAVY, 3)
    ellipse(p, ccx, ccy, 4, 4, RED)
    # flag pole on top of the pediment
    rect(p, 797, top - 270, 6, 112, "#5B6470")
    ellipse(p, 800, top - 272, 6, 6, YELLOW)
    french_flag(p, 803, top - 262, 120, 76, t=0.6)
    # balcony + central first-floor french windows
    for cx in (720, 800, 880):
        window(p, cx - 28, 370, 56, 135, arch=True)
    rect(p, 680, 470, 240, 8, "#2E3A4A")
    for k in range(25):
        rect(p, 684 + k * 9.6, 478, 3, 32, "#2E3A4A")
    rect(p, 672, 508, 256, 12, "#E6D8BA")
    # main door
    path_fill(p, arch_path(752, 560, 96, 140), "#E6D8BA")
    path_fill(p, arch_path(760, 568, 80, 132), lin(0, 568, 0, 700, [(0, "#2C4A6E"), (1, NAVY)]))
    rect(p, 799, 600, 2, 100, "#14253D")
    for dx in (768, 804):
        rect(p, dx, 615, 28, 32, col("#FFFFFF", 25), 3)
        rect(p, dx, 655, 28, 36, col("#FFFFFF", 25), 3)
    path_fill(p, arch_path(768, 576, 64, 40), col("#FFFFFF", 35))
    for cx in (705, 895):
        window(p, cx - 26, 575, 52, 100, arch=True)
    # planters with red geraniums
    for px in (360, 470, 570, 1030, 1130, 1230):
        rect(p, px - 30, ground - 26, 60, 26, "#7A8B99", 3)
        for k in range(7):
            ellipse(p, px - 24 + k * 8, ground - 30 - (k % 2) * 5, 8, 7, GREEN)
        for k in range(6):
            ellipse(p, px - 22 + k * 9, ground - 36 - (k % 3) * 3, 4.5, 4.5, RED)

    # ---- the square -----------------------------------------------------
    rect(p, 0, ground, W, H - ground, lin(0, ground, 0, H, [(0, "#E2D6BE"), (1, "#CDBD9C")]))
    vp = (800, 420)
    for k in range(-14, 15):
        xb = 800 + k * 150
        t = (ground - vp[1]) / (H - vp[1])
        xt = vp[0] + (xb - vp[0]) * t
        line(p, xt, ground, xb, H, col("#A89670", 70), 2, Qt.FlatCap)
    yy = ground
    step = 10
    while yy < H:
        line(p, 0, yy, W, yy, col("#A89670", 70), 2, Qt.FlatCap)
        step *= 1.28
        yy += step
    # building base shadow and steps
    rect(p, 0, ground, W, 10, col("#000000", 25))
    for i, wdt in enumerate((250, 290, 330, 370)):
        y0 = ground + i * 11
        rect(p, 800 - wdt / 2, y0, wdt, 11, "#F3EBDA" if i % 2 == 0 else "#E9DEC6")
        rect(p, 800 - wdt / 2, y0 + 9, wdt, 2, col("#000000", 30))
    # lamps
    for lx in (500, 1100):
        shadow(p, lx, 790, 26, 6, 60)
        street_lamp(p, lx, 790, 230)
    # benches
    shadow(p, 360, 842, 80, 10, 60)
    bench(p, 360, 840, 1.0)
    shadow(p, 1240, 842, 80, 10, 60)
    bench(p, 1240, 840, 1.0)
    # people
    people = [(610, 820, 125, dict(body=TEAL, bag=YELLOW)), (650, 825, 80, dict(body=ORANGE)),
              (990, 860, 150, dict(body=RED, dress=True)), (1030, 862, 155, dict(body=NAVY)),
              (300, 930, 175, dict(body=BLUE, back=True))]
    for x, f, hh, kw in people:
        shadow(p, x + hh * 0.08, f, hh * 0.22, hh * 0.04, 70)
        person(p, x, f, hh, rng, **kw)
    # plane trees framing the square
    for tx, flip in ((120, False), (1480, True)):
        shadow(p, tx + 60, 905, 260, 40, 55)
        plane_tree(p, tx, 900, 820, rng, flip=flip)


# --------------------------------------------------------------------------
# 2. Swimming pool
# --------------------------------------------------------------------------
def draw_piscine(p: QPainter, rng: random.Random):
    vpx, vpy = 800, 390
    wall_top, wall_bot = 140, 520       # back wall
    WL, WR = 300, 1300
    far_y, near_y = 548, 905            # pool far / near edge
    PL, PR = 590, 1010                  # pool far edge x-range

    def at(xf, y):
        """x at height y on the perspective line through (xf, far_y)."""
        return vpx + (xf - vpx) * (y - vpy) / (far_y - vpy)

    # ceiling
    poly(p, [(0, 0), (W, 0), (WR, wall_top), (WL, wall_top)], lin(0, 0, 0, wall_top, [(0, "#E9E4DA"), (1, "#F6F3EC")]))
    for i in range(7):
        xb = -200 + i * 333
        xt = vpx + (xb - vpx) * (wall_top - vpy) / (0 - vpy)
        poly(p, [(xb - 16, 0), (xb + 16, 0), (xt + 5, wall_top), (xt - 5, wall_top)], "#C89F74")
    # back wall with huge window
    rect(p, WL, wall_top, WR - WL, wall_bot - wall_top, "#F4F1EA")
    gx0, gx1, gy0, gy1 = WL + 20, WR - 20, wall_top + 18, wall_bot - 40
    rect(p, gx0, gy0, gx1 - gx0, gy1 - gy0, lin(0, gy0, 0, gy1, [(0, "#8FC6DA"), (0.75, "#D9EEF1"), (1, "#E8F3EF")]))
    p.save()
    p.setClipRect(QRectF(gx0, gy0, gx1 - gx0, gy1 - gy0))
    cloud(p, 520, 230, 0.7)
    cloud(p, 1100, 200, 0.5)
    hills(p, gy1 - 60, 40, "#A9C9B4", rng, w=W, n=6)
    for i in range(10):
        blob_canopy(p, gx0 + 40 + i * 105, gy1 - 40, 60, 55, rng, rng.choice(["#7FA86A", "#6A994E", "#8DB573"]), n=5,
                    highlight=False)
    p.restore()
    for i in range(9):
        xx = gx0 + (gx1 - gx0) * i / 8
        rect(p, xx - 5, gy0, 10, gy1 - gy0, "#DAD6CE")
    rect(p, gx0, gy0 + (gy1 - gy0) * 0.42, gx1 - gx0, 8, "#DAD6CE")
    rect(p, gx0 - 6, gy1, gx1 - gx0 + 12, 10, "#DAD6CE")
    # side walls with tall windows in perspective
    poly(p, [(0, -30), (WL, wall_top), (WL, wall_bot), (0, 630)], "#ECE7DE")
    poly(p, [(W, -30), (WR, wall_top), (WR, wall_bot), (W, 630)], "#E4DFD5")
    for side in (-1, 1):
        for i in range(4):
            # depth parameter: 0 = back wall, 1 = image edge
            t0 = 0.12 + i * 0.22
            t1 = t0 + 0.14
            xw = WL if side < 0 else WR
            xe = 0 if side < 0 else W

            def pt(t, which):
                x = xw + (xe - xw) * t
                top_y = wall_top + (-30 - wall_top) * t
                bot_y = wall_bot + (630 - wall_bot) * t
                hgt = bot_y - top_y
                return (x, top_y + hgt * 0.12) if which == "top" else (x, top_y + hgt * 0.78)
            a, b, c, d = pt(t0, "top"), pt(t1, "top"), pt(t1, "bot"), pt(t0, "bot")
            poly(p, [a, b, c, d], lin(0, a[1], 0, d[1], [(0, "#9ECFE0"), (1, "#D7EDEF")]))
            poly(p, [a, b, (b[0], b[1] + 6), (a[0], a[1] + 6)], "#DAD6CE")
    # floor / deck
    poly(p, [(0, 630), (WL, wall_bot), (WR, wall_bot), (W, 630), (W, H), (0, H)],
         lin(0, wall_bot, 0, H, [(0, "#DCE3E4"), (1, "#B9C7CB")]))
    for i in range(-12, 13):
        xf = vpx + i * 60
        line(p, vpx + (xf - vpx) * (wall_bot - vpy) / (far_y - vpy), wall_bot,
             vpx + (xf - vpx) * (H - vpy) / (far_y - vpy), H, col("#FFFFFF", 90), 1.5, Qt.FlatCap)
    yy, step = wall_bot, 5
    while yy < H:
        line(p, 0, yy, W, yy, col("#FFFFFF", 90), 1.5, Qt.FlatCap)
        step *= 1.22
        yy += step
    # pool basin
    pool = [(PL, far_y), (PR, far_y), (at(PR, near_y), near_y), (at(PL, near_y), near_y)]
    poly(p, [(PL - 8, far_y - 4), (PR + 8, far_y - 4), (at(PR, near_y) + 30, near_y + 12),
             (at(PL, near_y) - 30, near_y + 12)], "#F7F9F9")
    poly(p, pool, lin(0, far_y, 0, near_y, [(0, "#3FA7B5"), (0.5, "#4CC0C8"), (1, "#2C97AE")]))
    pool_path = QPainterPath()
    pool_path.addPolygon(QPolygonF([QPointF(*q) for q in pool]))
    p.save()
    p.setClipPath(pool_path)
    lanes = 6
    lane_w = (PR - PL) / lanes
    # lane floor lines
    for i in range(lanes):
        xc = PL + lane_w * (i + 0.5)
        y_end = far_y + 14
        poly(p, [(xc - 3, y_end), (xc + 3, y_end), (at(xc + 3, near_y + 40), near_y + 40),
                 (at(xc - 3, near_y + 40), near_y + 40)], col("#1D4E6B", 120))
        poly(p, [(xc - 12, y_end), (xc + 12, y_end), (xc + 12.5, y_end + 4), (xc - 12.5, y_end + 4)], col("#1D4E6B", 120))
    # reflections of the windows on the water
    for i in range(8):
        xx = gx0 + (gx1 - gx0) * (i + 0.5) / 8
        poly(p, [(xx - 30, far_y), (xx + 30, far_y), (at(xx + 30, far_y + 150), far_y + 150),
                 (at(xx - 30, far_y + 150), far_y + 150)],
             lin(0, far_y, 0, far_y + 150, [(0, col("#FFFFFF", 80)), (1, col("#FFFFFF", 0))]))
    # caustic ripples
    for _ in range(260):
        y = far_y + (near_y - far_y) * rng.random() ** 0.8
        s = (y - vpy) / (far_y - vpy)
        x = rng.uniform(at(PL, y), at(PR, y))
        wdt = rng.uniform(10, 28) * s
        path = QPainterPath()
        path.moveTo(x - wdt, y)
        path.cubicTo(x - wdt / 2, y - 2 * s, x + wdt / 2, y + 2 * s, x + wdt, y)
        stroke_path(p, path, col("#FFFFFF", rng.randint(50, 120)), 1.1 * s)
    # swimmers
    for lane, depth in ((1, 0.55), (4, 0.25)):
        xc = PL + lane_w * (lane + 0.5)
        y = far_y + (near_y - far_y) * depth
        s = (y - vpy) / (far_y - vpy)
        x = at(xc, y)
        ellipse(p, x, y + 4 * s, 26 * s, 7 * s, col("#FFFFFF", 110))
        ellipse(p, x, y, 6 * s, 5.5 * s, RED if lane == 1 else YELLOW)   # swim cap
        path = QPainterPath()
        path.moveTo(x + 4 * s, y)
        path.quadTo(x + 14 * s, y - 16 * s, x + 20 * s, y + 2 * s)
        stroke_path(p, path, SKINS[lane % 5], 3.2 * s)
        ellipse(p, x - 18 * s, y + 3 * s, 6 * s, 3 * s, col("#FFFFFF", 160))
    # lane ropes
    for i in range(1, lanes):
        xf = PL + lane_w * i
        n = 70
        for k in range(n):
            t = k / (n - 1)
            y = far_y + (near_y - far_y) * (t ** 1.6)
            s = (y - vpy) / (far_y - vpy)
            x = at(xf, y)
            cidx = (k // 3) % 3
            c = [RED, "#FFFFFF", "#2B6CB0"][cidx] if i in (1, lanes - 1) else [YELLOW, "#FFFFFF", "#2B6CB0"][cidx]
            ellipse(p, x, y + 1.5 * s, 3.6 * s, 1.3 * s, col("#0B3B52", 70))
            ellipse(p, x, y, 3 * s, 2.2 * s, c)
    p.restore()
    # gutter/near edge tiles
    poly(p, [(at(PL, near_y) - 30, near_y + 12), (at(PR, near_y) + 30, near_y + 12), (W, near_y + 40), (W, H), (0, H),
             (0, near_y + 40)], lin(0, near_y, 0, H, [(0, "#E7ECEC"), (1, "#C9D3D5")]))
    rect(p, 0, near_y + 10, W, 6, "#1D4E6B")
    # starting blocks on the near edge
    for i in range(lanes):
        xc = at(PL + lane_w * (i + 0.5), near_y)
        shadow(p, xc + 10, near_y + 62, 90, 12, 70)
        poly(p, [(xc - 52, near_y + 58), (xc + 52, near_y + 58), (xc + 40, near_y - 40), (xc - 40, near_y - 40)],
             "#E9EEF0")
        poly(p, [(xc + 40, near_y - 40), (xc + 52, near_y + 58), (xc + 60, near_y + 54), (xc + 46, near_y - 36)],
             "#AEBBC2")
        poly(p, [(xc - 46, near_y - 52), (xc + 46, near_y - 52), (xc + 48, near_y - 38), (xc - 48, near_y - 38)],
             [RED, YELLOW, TEAL, BLUE, ORANGE, NAVY][i])
        ellipse(p, xc, near_y + 8, 16, 16, [RED, YELLOW, TEAL, BLUE, ORANGE, NAVY][i])
        ellipse(p, xc, near_y + 8, 8, 8, "#FFFFFF")
    # potted plants and a lifeguard chair at the side
    rect(p, 1420, 520, 14, 260, "#FFFFFF")
    rect(p, 1500, 520, 14, 260, "#FFFFFF")
    for yy in (600, 660, 720):
        rect(p, 1420, yy, 94, 8, "#FFFFFF")
    rect(p, 1405, 505, 124, 22, RED, 6)
    rect(p, 1412, 445, 110, 62, RED, 10)
    shadow(p, 1470, 782, 80, 10, 60)
    for px in (170, 1570):
        shadow(p, px, 760, 50, 8, 60)
        rect(p, px - 30, 700, 60, 60, "#D9D4C7", 8)
        blob_canopy(p, px, 640, 70, 80, rng, "#6A994E", n=7)


# --------------------------------------------------------------------------
# 3. School canteen meal tray
# --------------------------------------------------------------------------
def draw_cantine(p: QPainter, rng: random.Random):
    # background: blurred canteen (wall, window, colourful chairs)
    rect(p, 0, 0, W, 300, lin(0, 0, 0, 300, [(0, "#F4EBDC"), (1, "#EADCC6")]))
    rect(p, 120, 30, 420, 200, lin(0, 30, 0, 230, [(0, "#BFE1EA"), (1, "#E8F4F2")]), 8)
    rect(p, 325, 30, 10, 200, "#FFFFFF")
    for k, (x, c) in enumerate([(700, YELLOW), (860, TEAL), (1020, ORANGE), (1180, BLUE), (1340, RED)]):
        rect(p, x, 60 + (k % 2) * 20, 120, 90, c, 10)    # children's drawings on the wall
        ellipse(p, x + 40, 100 + (k % 2) * 20, 18, 18, light(c, 0.5))
        rect(p, x + 20, 125 + (k % 2) * 20, 80, 10, dark(c, 0.2), 5)
    for x, c in ((60, YELLOW), (420, TEAL), (780, ORANGE), (1140, RED), (1500, BLUE)):
        rect(p, x, 170, 160, 120, c, 18)
        rect(p, x + 10, 230, 140, 70, dark(c, 0.12), 14)
    rect(p, 0, 230, W, 80, lin(0, 230, 0, 310, [(0, col("#000000", 0)), (1, col("#000000", 48))]))
    # table top (wood) with slight perspective
    poly(p, [(-40, 270), (W + 40, 270), (W + 300, H), (-300, H)],
         lin(0, 270, 0, H, [(0, "#E6C9A0"), (1, "#D4AE7F")]))
    for k in range(1, 9):
        y = 270 + (H - 270) * (k / 9) ** 1.1
        line(p, 0, y, W, y, col("#B98E5E", 90), 2)
    rect(p, -10, 262, W + 20, 12, "#C79C6B")
    # tray
    tx, ty, tw, th = 250, 330, 1100, 620
    shadow(p, tx + tw / 2 + 20, ty + th / 2 + 40, tw * 0.58, th * 0.6, 80)
    rect(p, tx, ty, tw, th, "#2A9D8F", 36)
    rect(p, tx + 18, ty + 16, tw - 36, th - 32, "#33AB9D", 26)
    rect(p, tx + 18, ty + 16, tw - 36, 12, col("#FFFFFF", 30), 6)
    # napkin + cutlery (left)
    poly(p, [(300, 400), (420, 385), (440, 900), (318, 905)], "#F8F4EC")
    poly(p, [(300, 400), (420, 385), (425, 480), (304, 492)], "#EFE9DC")
    for x0, kind in ((345, "fork"), (392, "knife")):
        rect(p, x0 - 6, 520, 12, 300, "#C9D1D6", 6)
        rect(p, x0 - 2, 520, 4, 300, "#E9EEF1", 2)
        if kind == "fork":
            rect(p, x0 - 12, 430, 24, 100, "#C9D1D6", 8)
            for k in range(4):
                rect(p, x0 - 11 + k * 6.5, 410, 4, 50, "#C9D1D6", 2)
        else:
            path = QPainterPath()
            path.moveTo(x0 - 8, 530)
            path.lineTo(x0 - 8, 420)
            path.quadTo(x0 + 14, 440, x0 + 8, 530)
            path.closeSubpath()
            path_fill(p, path, "#DCE2E6")
    # main plate: fish, green beans, gratin
    pcx, pcy = 800, 660
    shadow(p, pcx + 12, pcy + 22, 300, 225, 75)
    ellipse(p, pcx, pcy, 290, 220, "#FFFFFF")
    ellipse(p, pcx, pcy + 4, 220, 165, "#EEF1F3")
    ellipse(p, pcx, pcy, 218, 162, "#FAFBFB")
    ellipse(p, pcx - 70, pcy - 140, 120, 22, col("#FFFFFF", 255))
    # mashed potatoes (purée) with a swirl and a little parsley
    gx, gy = pcx + 95, pcy - 45
    shadow(p, gx + 8, gy + 20, 110, 70, 50)
    ellipse(p, gx, gy, 105, 78, "#F3DFA8")
    ellipse(p, gx - 8, gy - 8, 86, 62, "#F8E9BE")
    for k in range(3):
        swirl = QPainterPath()
        swirl.addEllipse(QPointF(gx - 6 + k * 4, gy - 6 + k * 3), 62 - k * 20, 42 - k * 14)
        stroke_path(p, swirl, "#E6C97C", 5)
    rect(p, gx - 14, gy - 18, 28, 22, "#FCE38A", 5)            # butter pat
    for _ in range(10):
        ellipse(p, gx + rng.uniform(-70, 70), gy + rng.uniform(-45, 45), 3.5, 3, "#4F8A3C")
    # breaded fish fillet
    fx, fy = pcx - 80, pcy + 10
    p.save()
    p.translate(fx, fy)
    p.rotate(-12)
    rect(p, -125, -55, 250, 110, "#D98E3A", 50)
    rect(p, -118, -50, 236, 96, "#EAA94F", 46)
    for _ in range(60):
        ellipse(p, rng.uniform(-105, 105), rng.uniform(-38, 36), rng.uniform(2, 5), rng.uniform(2, 4),
                rng.choice(["#C97B2C", "#F5C77A", "#D98E3A"]))
    p.restore()
    # lemon wedge
    path = QPainterPath()
    path.moveTo(fx - 120, fy - 70)
    path.arcTo(QRectF(fx - 170, fy - 120, 100, 100), 200, 180)
    path.closeSubpath()
    path_fill(p, path, "#F4E27A")
    # green beans
    for k in range(26):
        x0 = pcx + 20 + k * 6 + rng.uniform(-6, 6)
        y0 = pcy + 100 + rng.uniform(-18, 18)
        a = rng.uniform(-0.5, 0.5)
        path = QPainterPath()
        path.moveTo(x0 - 80 * math.cos(a), y0 - 80 * math.sin(a) * 0.5)
        path.quadTo(x0, y0 + rng.uniform(-14, 14), x0 + 80 * math.cos(a), y0 + 80 * math.sin(a) * 0.5)
        stroke_path(p, path, rng.choice(["#3F7A30", "#6A994E", "#5C9A42", "#4F8A3C"]), 11)
    # starter bowl: grated carrots
    bx, by = 530, 440
    shadow(p, bx + 8, by + 16, 120, 80, 70)
    ellipse(p, bx, by, 115, 80, "#F3F0EA")
    ellipse(p, bx, by, 95, 64, "#FFFFFF")
    p.save()
    clip = QPainterPath()
    clip.addEllipse(QPointF(bx, by), 88, 58)
    p.setClipPath(clip)
    ellipse(p, bx, by, 88, 58, "#F4A261")
    for _ in range(90):
        x0, y0 = bx + rng.uniform(-85, 85), by + rng.uniform(-55, 55)
        a = rng.uniform(0, math.pi)
        line(p, x0, y0, x0 + math.cos(a) * 18, y0 + math.sin(a) * 10,
             rng.choice(["#E76F1A", "#F79A3E", "#FFB569", "#E8853A"]), 4)
    for _ in range(8):
        ellipse(p, bx + rng.uniform(-50, 50), by + rng.uniform(-30, 30), 5, 4, "#5C9A42")
    p.restore()
    # bread slices
    for k, (x0, y0, a) in enumerate(((1010, 410, -18), (1080, 450, 8))):
        p.save()
        p.translate(x0, y0)
        p.rotate(a)
        shadow(p, 6, 14, 80, 40, 60)
        rect(p, -75, -38, 150, 76, "#C9843B", 36)
        rect(p, -66, -30, 132, 60, "#F3DDB0", 28)
        for _ in range(14):
            ellipse(p, rng.uniform(-55, 55), rng.uniform(-20, 20), rng.uniform(2, 5), rng.uniform(2, 4), "#E2C792")
        p.restore()
    # apple
    ax, ay = 1200, 680
    shadow(p, ax + 14, ay + 48, 85, 35, 80)
    ellipse(p, ax - 28, ay, 58, 62, "#D62839")
    ellipse(p, ax + 28, ay, 58, 62, "#E63946")
    ellipse(p, ax - 30, ay - 22, 16, 24, col("#FFFFFF", 90))
    rect(p, ax - 3, ay - 82, 7, 30, "#6B4A32", 3)
    p.save()
    p.translate(ax + 18, ay - 72)
    p.rotate(-25)
    ellipse(p, 0, 0, 24, 11, "#6A994E")
    p.restore()
    # yoghurt pot
    yx, yy = 1225, 850
    shadow(p, yx + 10, yy + 18, 72, 40, 70)
    ellipse(p, yx, yy, 62, 44, "#E9ECEF")
    ellipse(p, yx, yy, 54, 38, "#FFFFFF")
    ellipse(p, yx, yy, 38, 26, "#F4D7E0")
    # glass of water, seen slightly from above: a transparent cylinder
    glass_of_water(p, 1250, 330, 62, 150)
    # water jug at the left edge of the table
    glass_of_water(p, 120, 300, 80, 230, jug=True)


def glass_of_water(p, cx, top, r, h, jug=False):
    ry = r * 0.32
    shadow(p, cx + 18, top + h + 4, r * 1.3, ry * 1.4, 60)
    body = QPainterPath()
    body.moveTo(cx - r, top)
    body.lineTo(cx - r * 0.86, top + h)
    body.arcTo(QRectF(cx - r * 0.86, top + h - ry * 0.86, r * 1.72, ry * 1.72), 180, 180)
    body.lineTo(cx + r, top)
    body.closeSubpath()
    path_fill(p, body, col("#E4F2F6", 150))
    # water inside (from 35% height down)
    wy = top + h * 0.3
    water = QPainterPath()
    wr = r - (r * 0.14) * 0.3 - 4
    water.moveTo(cx - wr, wy)
    water.lineTo(cx - r * 0.86 + 4, top + h - 4)
    water.arcTo(QRectF(cx - r * 0.86 + 4, top + h - ry * 0.8, r * 1.72 - 8, ry * 1.6 - 8), 180, 180)
    water.lineTo(cx + wr, wy)
    water.closeSubpath()
    path_fill(p, water, lin(0, wy, 0, top + h, [(0, col("#9FD3E3", 200)), (1, col("#6FB6CF", 220))]))
    ellipse(p, cx, wy, wr, ry * 0.9, col("#C6E8F0", 230))
    # rim and highlights
    rim = QPainterPath()
    rim.addEllipse(QPointF(cx, top), r, ry)
    inner = QPainterPath()
    inner.addEllipse(QPointF(cx, top), r - 5, ry - 4)
    path_fill(p, rim.subtracted(inner), col("#FFFFFF", 220))
    rect(p, cx - r * 0.7, top + h * 0.15, r * 0.16, h * 0.7, col("#FFFFFF", 150), r * 0.08)
    rect(p, cx + r * 0.55, top + h * 0.2, r * 0.08, h * 0.5, col("#FFFFFF", 110), r * 0.04)
    if jug:
        handle = QPainterPath()
        handle.moveTo(cx + r * 0.95, top + h * 0.2)
        handle.cubicTo(cx + r * 1.7, top + h * 0.2, cx + r * 1.7, top + h * 0.75, cx + r * 0.9, top + h * 0.8)
        stroke_path(p, handle, col("#E4F2F6", 200), 12)


# --------------------------------------------------------------------------
# 4. Council chamber
# --------------------------------------------------------------------------
def marianne_bust(p, cx, base_y, s, color="#F4F1EA", shade_c="#DCD5C7"):
    """Marianne bust in profile (facing left) wearing a Phrygian cap, on a
    wooden pedestal. (cx, base_y) = bottom centre of the pedestal."""
    u = s / 100.0
    # pedestal
    rect(p, cx - 34 * u, base_y - 150 * u, 68 * u, 150 * u, "#7C5A3E")
    rect(p, cx - 42 * u, base_y - 160 * u, 84 * u, 14 * u, "#6A4B33")
    rect(p, cx - 42 * u, base_y - 12 * u, 84 * u, 12 * u, "#6A4B33")
    rect(p, cx + 12 * u, base_y - 146 * u, 22 * u, 134 * u, col("#000000", 40))
    top = base_y - 160 * u
    # shoulders with drapery
    path = QPainterPath()
    path.moveTo(cx - 58 * u, top)
    path.cubicTo(cx - 62 * u, top - 38 * u, cx - 36 * u, top - 58 * u, cx - 10 * u, top - 60 * u)
    path.lineTo(cx + 22 * u, top - 60 * u)
    path.cubicTo(cx + 52 * u, top - 56 * u, cx + 64 * u, top - 34 * u, cx + 58 * u, top)
    path.closeSubpath()
    path_fill(p, path, color)
    for k in range(3):
        drape = QPainterPath()
        drape.moveTo(cx - 40 * u + k * 16 * u, top - 44 * u + k * 4 * u)
        drape.quadTo(cx - 10 * u + k * 16 * u, top - 20 * u, cx - 30 * u + k * 20 * u, top)
        stroke_path(p, drape, mix(color, shade_c, 0.6), 2 * u)
    # neck
    rect(p, cx - 8 * u, top - 96 * u, 26 * u, 44 * u, color)
    # head in profile, facing left
    hx, hy = cx + 4 * u, top - 118 * u
    head = QPainterPath()
    head.moveTo(hx + 26 * u, hy + 30 * u)                       # nape
    head.cubicTo(hx + 36 * u, hy + 4 * u, hx + 30 * u, hy - 32 * u, hx - 2 * u, hy - 34 * u)
    head.cubicTo(hx - 20 * u, hy - 34 * u, hx - 27 * u, hy - 22 * u, hx - 28 * u, hy - 10 * u)  # forehead
    head.lineTo(hx - 38 * u, hy + 5 * u)                        # nose tip
    head.lineTo(hx - 29 * u, hy + 9 * u)
    head.lineTo(hx - 31 * u, hy + 14 * u)                       # lips
    head.lineTo(hx - 28 * u, hy + 18 * u)
    head.cubicTo(hx - 30 * u, hy + 26 * u, hx - 24 * u, hy + 31 * u, hx - 14 * u, hy + 32 * u)  # chin
    head.lineTo(hx - 8 * u, hy + 44 * u)                        # throat
    head.lineTo(hx + 18 * u, hy + 44 * u)
    head.closeSubpath()
    path_fill(p, head, color)
    # hair falling on the nape
    ellipse(p, hx + 26 * u, hy + 26 * u, 11 * u, 20 * u, shade_c)
    # Phrygian cap: covers the skull, its tip flops forward over the forehead
    cap = QPainterPath()
    cap.moveTo(hx - 29 * u, hy - 8 * u)
    cap.cubicTo(hx - 32 * u, hy - 26 * u, hx - 30 * u, hy - 36 * u, hx - 38 * u, hy - 44 * u)
    cap.cubicTo(hx - 46 * u, hy - 50 * u, hx - 40 * u, hy - 60 * u, hx - 30 * u, hy - 58 * u)  # floppy tip
    cap.cubicTo(hx - 14 * u, hy - 72 * u, hx + 22 * u, hy - 66 * u, hx + 34 * u, hy - 34 * u)
    cap.cubicTo(hx + 42 * u, hy - 14 * u, hx + 40 * u, hy + 4 * u, hx + 34 * u, hy + 14 * u)
    cap.cubicTo(hx + 14 * u, hy + 2 * u, hx - 6 * u, hy - 8 * u, hx - 29 * u, hy - 8 * u)
    cap.closeSubpath()
    path_fill(p, cap, shade_c)
    fold = QPainterPath()
    fold.moveTo(hx - 30 * u, hy - 52 * u)
    fold.cubicTo(hx - 16 * u, hy - 46 * u, hx + 4 * u, hy - 40 * u, hx + 20 * u, hy - 30 * u)
    stroke_path(p, fold, dark(shade_c, 0.12), 2.5 * u)
    # tricolour cockade
    ellipse(p, hx + 16 * u, hy - 14 * u, 8 * u, 8 * u, "#2B4C9B")
    ellipse(p, hx + 16 * u, hy - 14 * u, 5.5 * u, 5.5 * u, "#FFFFFF")
    ellipse(p, hx + 16 * u, hy - 14 * u, 2.8 * u, 2.8 * u, RED)
    # shading on the back of the bust
    rect(p, cx + 24 * u, top - 54 * u, 8 * u, 52 * u, col("#000000", 18), 4 * u)


def chair_back(p, x, y, w, h, color):
    rect(p, x - w / 2, y, w, h, color, w * 0.25)
    rect(p, x - w / 2 + w * 0.12, y + h * 0.1, w * 0.76, h * 0.45, light(color, 0.12), w * 0.2)


def microphone(p, x, y, s, angle=-30):
    rect(p, x - 10 * s, y - 4 * s, 20 * s, 6 * s, "#2B2D42", 3 * s)
    path = QPainterPath()
    path.moveTo(x, y - 3 * s)
    dx = math.sin(math.radians(angle)) * 40 * s
    path.quadTo(x, y - 40 * s, x + dx, y - 48 * s)
    stroke_path(p, path, "#2B2D42", 2.2 * s)
    ellipse(p, x + dx, y - 50 * s, 4 * s, 4 * s, "#1C1C1C")
    ellipse(p, x + dx, y - 50 * s, 1.6 * s, 1.6 * s, RED)


def draw_conseil(p: QPainter, rng: random.Random):
    vpx, vpy = 800, 430
    BL, BR, BT, BB = 300, 1300, 90, 560   # back wall
    # ceiling
    poly(p, [(0, 0), (W, 0), (BR, BT), (BL, BT)], "#EFE8DA")
    rect(p, BL, BT - 4, BR - BL, 8, "#D9CDB4")
    # back wall: panelling
    rect(p, BL, BT, BR - BL, BB - BT, lin(0, BT, 0, BB, [(0, "#E7DCC4"), (1, "#DCCDAE")]))
    rect(p, BL, 420, BR - BL, BB - 420, "#A9805A")
    for k in range(8):
        x0 = BL + 18 + k * ((BR - BL - 36) / 8)
        rect(p, x0 + 6, 436, (BR - BL - 36) / 8 - 12, BB - 456, "#B68E67", 4)
    rect(p, BL, 414, BR - BL, 10, "#8A6546")
    # tall windows with curtains on the back wall
    for wx in (BL + 70, BR - 230):
        rect(p, wx - 10, 130, 180, 270, "#F7F2E8")
        window(p, wx, 140, 160, 260, arch=True, glass=("#BFDDEA", "#E4F1F1"), sill=False)
        for cx0 in (wx - 30, wx + 150):
            path = QPainterPath()
            path.moveTo(cx0, 120)
            path.lineTo(cx0 + 40, 120)
            path.quadTo(cx0 + 30, 300, cx0 + 44, 408)
            path.lineTo(cx0 - 4, 408)
            path.quadTo(cx0 + 8, 300, cx0, 120)
            path_fill(p, path, "#A63D40")
            rect(p, cx0 + 14, 120, 6, 288, col("#000000", 30))
        rect(p, wx - 44, 112, 248, 12, "#C9A45C", 6)
    # Marianne on a pedestal and the French flag, centre of the back wall
    path_fill(p, arch_path(618, 92, 224, 336), "#C9A45C")    # gilded niche
    path_fill(p, arch_path(628, 102, 204, 326), lin(0, 102, 0, 428, [(0, "#2C4A73"), (1, NAVY)]))
    marianne_bust(p, 730, 556, 124)
    # flag on a stand (hanging, gently folded)
    rect(p, 880, 150, 7, 406, "#C9A45C")
    ellipse(p, 883.5, 146, 9, 9, "#E2BE6A")
    french_flag(p, 887, 165, 150, 190, t=1.2, amp=5)
    rect(p, 868, 548, 32, 10, "#8A6546", 3)
    # floor (carpet) and side walls
    poly(p, [(0, -40), (BL, BT), (BL, BB), (0, 720)], "#E2D7BF")
    poly(p, [(W, -40), (BR, BT), (BR, BB), (W, 720)], "#D8CCB1")
    for side in (-1, 1):
        xw, xe = (BL, 0) if side < 0 else (BR, W)
        for t0 in (0.15, 0.55):
            t1 = t0 + 0.22
            def yy(t, top):
                return (BT + (-40 - BT) * t) if top else (BB + (720 - BB) * t)
            xa, xb = xw + (xe - xw) * t0, xw + (xe - xw) * t1
            # framed portrait-like paintings (abstract landscapes, no faces)
            ya0 = yy(t0, True) + (yy(t0, False) - yy(t0, True)) * 0.22
            yb0 = yy(t1, True) + (yy(t1, False) - yy(t1, True)) * 0.22
            ya1 = yy(t0, True) + (yy(t0, False) - yy(t0, True)) * 0.55
            yb1 = yy(t1, True) + (yy(t1, False) - yy(t1, True)) * 0.55
            poly(p, [(xa, ya0), (xb, yb0), (xb, yb1), (xa, ya1)], "#C9A45C")
            m = 0.08
            poly(p, [(xa + (xb - xa) * m, ya0 + (yb0 - ya0) * m + 8), (xb - (xb - xa) * m, yb0 - (yb0 - ya0) * m + 8),
                     (xb - (xb - xa) * m, yb1 - (yb1 - ya1) * m - 8), (xa + (xb - xa) * m, ya1 + (yb1 - ya1) * m - 8)],
                 lin(0, min(ya0, yb0), 0, max(ya1, yb1), [(0, "#A8DADC"), (0.6, "#CFE3D0"), (0.61, "#8DB573"), (1, "#6A994E")]))
        # wainscot
        poly(p, [(xw, 420), (xe, 560), (xe, 720), (xw, BB)], "#A9805A")
    poly(p, [(0, 720), (BL, BB), (BR, BB), (W, 720), (W, H), (0, H)],
         lin(0, BB, 0, H, [(0, "#8E3B3F"), (1, "#6E2A30")]))
    # carpet pattern
    for k in range(-8, 9):
        xb = vpx + k * 200
        line(p, vpx + (xb - vpx) * (BB - vpy) / (H - vpy), BB, xb, H, col("#000000", 25), 2, Qt.FlatCap)

    # ---- U-shaped table ---------------------------------------------------
    def at(x_far, y, y_far=600.0):
        return vpx + (x_far - vpx) * (y - vpy) / (y_far - vpy)

    tbl = "#6B4A32"
    top_c = "#8A6546"
    # back table (base of the U)
    back_y0, back_y1 = 596, 630
    # chairs behind back table
    for k in range(9):
        x = 470 + k * 82.5
        chair_back(p, x, 520, 54, 90, NAVY)
    poly(p, [(430, back_y0), (1170, back_y0), (1185, back_y1), (415, back_y1)], top_c)
    rect(p, 415, back_y1, 770, 60, tbl)
    rect(p, 415, back_y1, 770, 8, dark(tbl, 0.2))
    for k in range(9):
        x = 470 + k * 82.5
        microphone(p, x, back_y0 + 14, 0.9, angle=-20 if x > 800 else 20)
        rect(p, x - 18, back_y0 + 18, 30, 10, "#FFFFFF", 2)   # papers
    # side arms of the U (left and right), coming towards the viewer
    for side in (-1, 1):
        inner_far = 800 + side * 300
        outer_far = 800 + side * 385
        y_far, y_near = back_y0, H + 60
        # chairs on the outer side
        for k in range(5):
            t = (k + 0.6) / 5.6
            y = y_far + (y_near - y_far) * t ** 1.25
            s = (y - vpy) / (y_far - vpy)
            x = at(outer_far, y, y_far) + side * 28 * s
            chair_back(p, x, y - 105 * s, 60 * s, 100 * s, NAVY)
        top = [(at(inner_far, y_far, y_far), y_far), (at(outer_far, y_far, y_far), y_far),
               (at(outer_far, y_near, y_far), y_near), (at(inner_far, y_near, y_far), y_near)]
        poly(p, top, top_c)
        # inner side panel (facing the centre of the U)
        poly(p, [top[0], top[3], (top[3][0], top[3][1] + 200), (top[0][0], top[0][1] + 34)], tbl)
        for k in range(5):
            t = (k + 0.6) / 5.6
            y = y_far + (y_near - y_far) * t ** 1.25 - 6
            s = (y - vpy) / (y_far - vpy)
            x = at((inner_far + outer_far) / 2, y, y_far)
            ellipse(p, x, y + 12 * s, 20 * s, 5 * s, "#FFFFFF")
            microphone(p, x - side * 6 * s, y, 0.85 * s, angle=-side * 35)
            # water bottle
            rect(p, x + side * 22 * s, y - 26 * s, 7 * s, 26 * s, col("#A8DADC", 220), 3 * s)
    # chandelier-ish lights
    for lx in (560, 1040):
        line(p, lx, 0, lx, 40, "#8A6546", 2)
        glow(p, lx, 55, 60, "#FFE8A8", 120)
        ellipse(p, lx, 50, 26, 10, "#C9A45C")


# --------------------------------------------------------------------------
# 5. Saturday market
# --------------------------------------------------------------------------
def crate(p, x, y, w, h, fruit, rng, r=None):
    """Wooden crate (top edge at y) heaped with round produce."""
    r = r or w * 0.11
    # heap: a small pyramid of produce
    rows = 3
    for row in range(rows):
        n = max(1, int((w - 2 * r) / (r * 1.6)) + 1 - row)
        span = (w - 2 * r) - row * r * 1.2
        for k in range(n):
            fx = x + w / 2 - span / 2 + k * span / max(1, n - 1) + rng.uniform(-2, 2)
            if n == 1:
                fx = x + w / 2
            fy = y + r * 0.35 - row * r * 0.8 + rng.uniform(-2, 2)
            c = rng.choice(fruit)
            ellipse(p, fx + r * 0.1, fy + r * 0.12, r, r * 0.92, dark(c, 0.25))
            ellipse(p, fx, fy, r, r * 0.92, c)
            ellipse(p, fx - r * 0.32, fy - r * 0.36, r * 0.3, r * 0.22, col("#FFFFFF", 90))
    rect(p, x, y, w, h, "#C8955F", 3)
    rect(p, x, y + h * 0.48, w, 4, "#A97A48")
    rect(p, x + 5, y + 6, w - 10, h * 0.3, "#D7A870", 2)
    rect(p, x + w - 8, y, 8, h, col("#000000", 30))


def awning(p, x, y, w, h, c1, c2, n=8):
    stripe = w / n
    for k in range(n):
        poly(p, [(x + k * stripe, y), (x + (k + 1) * stripe, y),
                 (x + (k + 1) * stripe + stripe * 0.06, y + h), (x + k * stripe + stripe * 0.06, y + h)],
             c1 if k % 2 == 0 else c2)
    # scalloped valance
    for k in range(n):
        cx = x + (k + 0.5) * stripe + stripe * 0.06
        rect(p, cx - stripe / 2, y + h, stripe, 16, c1 if k % 2 == 0 else c2)
        ellipse(p, cx, y + h + 16, stripe / 2, 14, c1 if k % 2 == 0 else c2)
    rect(p, x, y + h - 2, w + stripe * 0.06, 4, col("#000000", 30))


def market_stall(p, x, ground, w, c1, c2, produce, rng):
    h_table = 120
    top = ground - 430
    # poles
    for px in (x + 8, x + w - 16):
        rect(p, px, top + 60, 8, 430 - 60, "#5B6470")
    # back cloth
    rect(p, x + 16, top + 110, w - 32, 200, col("#FFFFFF", 120))
    awning(p, x - 20, top, w + 40, 100, c1, c2)
    # stallholder standing behind the table
    vendor = rng.choice([NAVY, TEAL, "#6D597A", GREEN])
    person(p, x + w * rng.uniform(0.3, 0.7), ground - 10, 270, rng, body=vendor)
    rect(p, x + 16, top + 100, w - 32, 26, col("#000000", 35))   # awning shade
    # table with cloth
    ty = ground - h_table
    shadow(p, x + w / 2, ground, w * 0.6, 14, 70)
    rect(p, x, ty, w, h_table, c1 if c1 != "#FFFFFF" else c2)
    rect(p, x, ty, w, 14, dark(c1 if c1 != "#FFFFFF" else c2, 0.15))
    # crates on the table
    n = len(produce)
    cw = (w - 20) / n
    for k, fruit in enumerate(produce):
        crate(p, x + 10 + k * cw + 4, ty - 56, cw - 8, 56, fruit, rng)
    return ty


def draw_marche(p: QPainter, rng: random.Random):
    ground = 600
    sky(p, W, H, "#7FB7CE", "#EAF4F0", horizon=ground)
    cloud(p, 250, 110, 0.9)
    cloud(p, 1350, 90, 1.1)
    # houses behind
    walls = ["#F3E3C3", "#E8C9A7", "#DDE5E0", "#F1D6C6", "#E9DDB6", "#D7E3EA", "#F3E9DA"]
    shut = [BLUE, TEAL, "#8A9A5B", RED, "#6D8FA8", GREY, "#3D6B5E"]
    x = -40
    i = 0
    while x < W:
        w = rng.choice([190, 220, 250])
        h = rng.choice([330, 370, 410])
        townhouse(p, x, ground, w, h, walls[i % len(walls)], "#5D7387" if i % 3 else "#B5654A", rng,
                  shutters=shut[i % len(shut)], floors=3, shop=[None, ORANGE, TEAL][i % 3])
        x += w
        i += 1
    # ground (paved square)
    rect(p, 0, ground, W, H - ground, lin(0, ground, 0, H, [(0, "#D8CCB5"), (1, "#C4B391")]))
    for k in range(12):
        line(p, 0, ground + 12 + k * k * 4, W, ground + 12 + k * k * 4, col("#A89670", 60), 2)
    rect(p, 0, ground, W, 8, col("#000000", 30))
    # stalls
    veg = {
        "tomato": ["#E63946", "#D62839", "#F25C54"],
        "orange": ["#F4A261", "#F08A24", "#F7B267"],
        "apple": ["#A7C957", "#8AB34A", "#C4DA6B"],
        "lettuce": ["#6A994E", "#7FB55A", "#5A8A3E"],
        "aubergine": ["#5E3A6E", "#6D4580", "#4F2F5E"],
        "lemon": ["#F4E27A", "#E9C46A", "#F7E59A"],
        "plum": ["#7B2D5B", "#923C6E", "#6A2150"],
        "potato": ["#C9A46A", "#B88F55", "#D6B57E"],
    }
    stalls = [
        (90, RED, "#FFFFFF", ["tomato", "lettuce", "aubergine"]),
        (590, TEAL, "#FFFFFF", ["orange", "lemon", "apple"]),
        (1090, "#FFFFFF", BLUE, ["plum", "potato", "tomato"]),
    ]
    for x0, c1, c2, items in stalls:
        market_stall(p, x0, 780, 420, c1, c2, [veg[n] for n in items], rng)
    # people in front
    people = [(230, 900, 190, dict(body=NAVY, bag="#C8955F")),
              (420, 930, 120, dict(body=YELLOW)),
              (560, 920, 200, dict(body=RED, dress=True, bag=TEAL)),
              (870, 960, 205, dict(body=BLUE, back=True)),
              (1010, 950, 195, dict(body=ORANGE, dress=True, back=True, bag="#C8955F")),
              (1400, 935, 200, dict(body=GREEN)),
              (1470, 940, 130, dict(body=TEAL, back=True))]
    for x, f, hh, kw in people:
        shadow(p, x + 10, f, hh * 0.25, hh * 0.05, 70)
        person(p, x, f, hh, rng, **kw)
    # bunting across the top
    path = QPainterPath()
    path.moveTo(-10, 30)
    path.quadTo(800, 150, W + 10, 30)
    stroke_path(p, path, "#5B6470", 2)
    for k in range(24):
        t = (k + 0.5) / 24
        x = (1 - t) ** 2 * -10 + 2 * (1 - t) * t * 800 + t * t * (W + 10)
        y = (1 - t) ** 2 * 30 + 2 * (1 - t) * t * 150 + t * t * 30
        c = [RED, "#FFFFFF", BLUE, YELLOW, TEAL][k % 5]
        poly(p, [(x - 18, y), (x + 18, y), (x, y + 34)], c)


# --------------------------------------------------------------------------
# 6. Road works
# --------------------------------------------------------------------------
def cone(p, x, ground, h):
    shadow(p, x + h * 0.15, ground, h * 0.5, h * 0.1, 80)
    rect(p, x - h * 0.42, ground - h * 0.08, h * 0.84, h * 0.08, "#E76F1A", h * 0.03)
    poly(p, [(x - h * 0.3, ground - h * 0.08), (x + h * 0.3, ground - h * 0.08), (x + h * 0.07, ground - h),
             (x - h * 0.07, ground - h)], "#F37A21")
    for a, b in ((0.3, 0.42), (0.6, 0.7)):
        wa = 0.3 - (0.23 * (a - 0.08) / 0.92)
        wb = 0.3 - (0.23 * (b - 0.08) / 0.92)
        poly(p, [(x - h * wa, ground - h * a), (x + h * wa, ground - h * a), (x + h * wb, ground - h * b),
                 (x - h * wb, ground - h * b)], "#FFFFFF")
    poly(p, [(x + h * 0.05, ground - h * 0.08), (x + h * 0.3, ground - h * 0.08), (x + h * 0.07, ground - h),
             (x + h * 0.02, ground - h)], col("#000000", 30))


def barrier(p, x, ground, w, h):
    for lx in (x + w * 0.08, x + w * 0.92):
        shadow(p, lx, ground, 50, 8, 70)
        poly(p, [(lx - 40, ground), (lx - 30, ground), (lx + 2, ground - h), (lx - 2, ground - h)], "#C9CED3")
        poly(p, [(lx + 40, ground), (lx + 30, ground), (lx - 2, ground - h), (lx + 2, ground - h)], "#AEB5BC")
    for by, bh in ((ground - h, h * 0.22), (ground - h * 0.45, h * 0.16)):
        path = QPainterPath()
        path.addRoundedRect(QRectF(x, by, w, bh), 4, 4)
        path_fill(p, path, "#FFFFFF")
        p.save()
        p.setClipPath(path)
        sw = bh * 1.3
        k = 0
        xx = x - bh
        while xx < x + w + bh:
            poly(p, [(xx, by + bh), (xx + sw * 0.5, by + bh), (xx + sw * 0.5 + bh, by), (xx + bh, by)], RED)
            xx += sw
            k += 1
        p.restore()
        rect(p, x, by + bh - 3, w, 3, col("#000000", 40))
    # warning lamps
    for lx in (x + 10, x + w - 10):
        rect(p, lx - 6, ground - h - 24, 12, 26, "#333")
        ellipse(p, lx, ground - h - 32, 14, 14, "#F6B93B")
        glow(p, lx, ground - h - 32, 40, "#FFD37A", 120)


def worker_sign(p, cx, cy, size):
    """French temporary road-works sign: orange-yellow triangle, red border,
    black pictogram of a worker with a shovel."""
    hgt = size * math.sqrt(3) / 2
    # post/stand
    rect(p, cx - 5, cy + hgt * 0.35, 10, size * 0.9, "#5B6470")
    poly(p, [(cx - 60, cy + hgt * 0.35 + size * 0.9), (cx + 60, cy + hgt * 0.35 + size * 0.9),
             (cx, cy + hgt * 0.35 + size * 0.4)], "#7A838C")
    shadow(p, cx + 20, cy + hgt * 0.35 + size * 0.9, 90, 12, 70)
    tri = [(cx, cy - hgt * 0.65), (cx + size / 2, cy + hgt * 0.35), (cx - size / 2, cy + hgt * 0.35)]
    path = QPainterPath()
    path.addPolygon(QPolygonF([QPointF(*q) for q in tri]))
    path.closeSubpath()
    stroke_path(p, path, RED, size * 0.06)
    path_fill(p, path, RED)
    k = 0.74
    ccy = cy + hgt * 0.35 - hgt * (1 - k) / 3 * 0 - hgt * 0.09
    inner = [(cx, ccy - hgt * k * 0.66), (cx + size * k / 2, ccy + hgt * k * 0.34), (cx - size * k / 2, ccy + hgt * k * 0.34)]
    poly(p, inner, "#F6A623")
    # pictogram: worker digging
    u = size / 100.0
    gy = ccy + hgt * k * 0.34 - 8 * u
    poly(p, [(cx - 16 * u, gy), (cx + 22 * u, gy), (cx + 16 * u, gy - 10 * u), (cx + 4 * u, gy - 12 * u)], "#111")
    ellipse(p, cx - 4 * u, gy - 46 * u, 4.5 * u, 4.5 * u, "#111")
    line(p, cx - 6 * u, gy - 38 * u, cx - 14 * u, gy - 18 * u, "#111", 6 * u)
    line(p, cx - 14 * u, gy - 18 * u, cx - 18 * u, gy - 1 * u, "#111", 5 * u)
    line(p, cx - 14 * u, gy - 18 * u, cx - 4 * u, gy - 4 * u, "#111", 5 * u)
    line(p, cx - 8 * u, gy - 34 * u, cx + 6 * u, gy - 26 * u, "#111", 4 * u)
    line(p, cx + 14 * u, gy - 40 * u, cx + 4 * u, gy - 14 * u, "#111", 3 * u)
    poly(p, [(cx + 1 * u, gy - 16 * u), (cx + 8 * u, gy - 13 * u), (cx + 5 * u, gy - 6 * u), (cx - 1 * u, gy - 9 * u)], "#111")


def digger(p, x, ground, s, rng):
    """Small yellow mini-excavator facing left."""
    u = s / 100.0
    shadow(p, x + 10 * u, ground, 120 * u, 14 * u, 90)
    # tracks
    rect(p, x - 90 * u, ground - 36 * u, 190 * u, 36 * u, "#2B2D42", 18 * u)
    for k in range(6):
        ellipse(p, x - 66 * u + k * 28 * u, ground - 18 * u, 10 * u, 10 * u, "#5B6470")
    # body
    rect(p, x - 70 * u, ground - 60 * u, 160 * u, 26 * u, "#3D405B", 4 * u)
    rect(p, x - 40 * u, ground - 120 * u, 140 * u, 64 * u, "#F2B33D", 12 * u)
    rect(p, x + 60 * u, ground - 112 * u, 40 * u, 50 * u, "#D9962B", 8 * u)
    # cab
    rect(p, x - 36 * u, ground - 210 * u, 80 * u, 94 * u, "#F2B33D", 10 * u)
    rect(p, x - 28 * u, ground - 200 * u, 64 * u, 70 * u, lin(0, ground - 200 * u, 0, ground - 130 * u,
                                                               [(0, "#CFE7EE"), (1, "#7FA8BE")]), 6 * u)
    poly(p, [(x - 28 * u, ground - 140 * u), (x + 10 * u, ground - 200 * u), (x + 22 * u, ground - 200 * u),
             (x - 16 * u, ground - 140 * u)], col("#FFFFFF", 70))
    rect(p, x - 44 * u, ground - 216 * u, 96 * u, 12 * u, "#D9962B", 6 * u)
    ellipse(p, x + 30 * u, ground - 222 * u, 7 * u, 6 * u, ORANGE)   # beacon
    # boom + arm + bucket
    bx, by = x - 40 * u, ground - 100 * u
    ex, ey = x - 150 * u, ground - 230 * u
    line(p, bx, by, ex, ey, "#F2B33D", 26 * u)
    ax, ay = x - 215 * u, ground - 80 * u
    line(p, ex, ey, ax, ay, "#E0A030", 20 * u)
    line(p, bx + 4 * u, by - 20 * u, ex + 20 * u, ey + 24 * u, "#8D99AE", 7 * u)
    bucket = [(ax - 30 * u, ay - 10 * u), (ax + 22 * u, ay - 16 * u), (ax + 20 * u, ay + 30 * u),
              (ax - 10 * u, ay + 44 * u), (ax - 34 * u, ay + 30 * u)]
    poly(p, bucket, "#3D405B")
    for k in range(4):
        poly(p, [(ax - 34 * u + k * 8 * u, ay + 30 * u), (ax - 28 * u + k * 8 * u, ay + 32 * u),
                 (ax - 32 * u + k * 8 * u, ay + 42 * u)], "#5B6470")
    ellipse(p, ex, ey, 10 * u, 10 * u, "#3D405B")


def draw_travaux(p: QPainter, rng: random.Random):
    vpx, vpy = 760, 470
    sky(p, W, H, "#8CC2D6", "#EEF6F2", horizon=vpy + 20)
    cloud(p, 700, 120, 0.8)
    cloud(p, 1050, 200, 0.5, alpha=200)
    # distant hill + trees at the end of the street
    hills(p, vpy - 10, 30, "#B5CDB2", rng, n=4)

    # buildings on both sides, in one-point perspective
    def side_row(side):
        edge_x = 0 if side < 0 else W
        colors = ["#F1D6C6", "#E9DDB6", "#DDE5E0", "#F3E3C3", "#E8C9A7"]
        # depth slices from far (t small) to near (t = 1)
        ts = [0.08, 0.16, 0.3, 0.52, 1.0]
        for k in range(len(ts) - 1):
            t0, t1 = ts[k], ts[k + 1]
            bh = [330, 300, 360, 340][k]
            # facade front edge at x for depth t
            def fx(t):
                return vpx + (edge_x - vpx) * t
            def gy(t):
                return vpy + (H - 130 - vpy) * t
            def ty(t):
                return vpy + (vpy - 120 - vpy) * t - bh * t * 0.9
            a = (fx(t0), ty(t0))
            b = (fx(t1), ty(t1))
            c = (fx(t1), gy(t1))
            d = (fx(t0), gy(t0))
            wall = colors[(k + (side > 0)) % len(colors)]
            poly(p, [a, b, c, d], dark(wall, 0.05 if side < 0 else 0.12))
            # windows on receding facade
            for row in range(3):
                for cpos in (0.22, 0.62):
                    def lerp(pa, pb, t):
                        return (pa[0] + (pb[0] - pa[0]) * t, pa[1] + (pb[1] - pa[1]) * t)
                    ta, tb = cpos, cpos + 0.18
                    top_l = lerp(a, b, ta)
                    top_r = lerp(a, b, tb)
                    bot_l = lerp(d, c, ta)
                    bot_r = lerp(d, c, tb)
                    fa, fb = 0.15 + row * 0.27, 0.15 + row * 0.27 + 0.17
                    q = [lerp(top_l, bot_l, fa), lerp(top_r, bot_r, fa), lerp(top_r, bot_r, fb), lerp(top_l, bot_l, fb)]
                    poly(p, q, "#F7F5EE")                         # frame
                    cxq = sum(v[0] for v in q) / 4
                    cyq = sum(v[1] for v in q) / 4
                    poly(p, [(cxq + (v[0] - cxq) * 0.8, cyq + (v[1] - cyq) * 0.84) for v in q],
                         lin(0, q[0][1], 0, q[3][1], [(0, "#CFE6EE"), (1, "#7FA8BE")]))
                    # shutters
                    poly(p, [q[0], (q[0][0] - (q[1][0] - q[0][0]) * 0.45, q[0][1] - (q[1][1] - q[0][1]) * 0.45),
                             (q[3][0] - (q[2][0] - q[3][0]) * 0.45, q[3][1] - (q[2][1] - q[3][1]) * 0.45), q[3]],
                         [BLUE, TEAL, "#8A9A5B", GREY][(k + row) % 4])
            # roof edge
            poly(p, [a, b, (b[0], b[1] - 30 * t1), (a[0], a[1] - 30 * t0)], "#5D7387")
    side_row(-1)
    side_row(1)
    # road and pavements
    poly(p, [(vpx - 10, vpy), (vpx + 10, vpy), (W + 400, H), (-400, H)], lin(0, vpy, 0, H, [(0, "#9AA3AB"), (1, "#6C757D")]))
    poly(p, [(vpx - 10, vpy), (vpx - 4, vpy), (200, H), (-300, H)], "#C9C1B1")   # left pavement
    poly(p, [(vpx + 4, vpy), (vpx + 10, vpy), (W + 300, H), (1400, H)], "#C9C1B1")
    poly(p, [(vpx - 4, vpy), (vpx - 3, vpy), (230, H), (200, H)], "#E9E4DA")
    poly(p, [(vpx + 3, vpy), (vpx + 4, vpy), (1400, H), (1370, H)], "#E9E4DA")
    # dashed centre line
    for k in range(9):
        t0 = (k / 9) ** 1.8
        t1 = ((k + 0.5) / 9) ** 1.8
        y0 = vpy + (H - vpy) * t0
        y1 = vpy + (H - vpy) * t1
        poly(p, [(vpx + (800 - vpx) * t0 - 2 - 10 * t0, y0), (vpx + (800 - vpx) * t0 + 2 + 10 * t0, y0),
                 (vpx + (800 - vpx) * t1 + 2 + 10 * t1, y1), (vpx + (800 - vpx) * t1 - 2 - 10 * t1, y1)], "#F1FAEE")
    # trench with earth heap on the right half of the road
    trench = [(880, 700), (1080, 700), (1200, 870), (930, 870)]
    poly(p, trench, "#6B4A32")
    poly(p, [(880, 700), (1080, 700), (1090, 712), (888, 712)], "#4A3222")
    path = QPainterPath()
    path.moveTo(1100, 860)
    path.cubicTo(1130, 760, 1230, 740, 1290, 860)
    path.closeSubpath()
    path_fill(p, path, "#8C6A4A")
    ellipse(p, 1180, 800, 30, 12, "#A07D5B")
    # digger on the road
    digger(p, 1360, 745, 150, rng)
    # worker in hi-vis next to the trench
    person(p, 1010, 690, 150, rng, body="#F4A261", legs=NAVY, hat="#F6D155")
    rect(p, 998, 690 - 150 * 0.7, 24, 5, "#FFFFFF")
    # warning sign and barrier in front
    worker_sign(p, 380, 560, 230)
    barrier(p, 520, 900, 560, 120)
    for cx, cy, hh in ((300, 930, 120), (440, 820, 90), (1230, 930, 120), (1100, 820, 90)):
        cone(p, cx, cy, hh)


# --------------------------------------------------------------------------
# 7. Library
# --------------------------------------------------------------------------
def bookshelf(p, x, y, w, h, rng, shelves=5, wood="#C8955F"):
    rect(p, x, y, w, h, dark(wood, 0.2))
    rect(p, x + 10, y + 10, w - 20, h - 20, "#5A4030")
    sh = (h - 20) / shelves
    book_cols = [RED, NAVY, BLUE, TEAL, YELLOW, ORANGE, "#6D597A", GREEN, "#F1FAEE", "#264653", "#B5654A"]
    for s in range(shelves):
        by = y + 10 + (s + 1) * sh
        rect(p, x, by - 10, w, 12, wood)
        bx = x + 14
        while bx < x + w - 30:
            bw = rng.uniform(12, 24)
            bh = sh * rng.uniform(0.6, 0.85)
            c = rng.choice(book_cols)
            if rng.random() < 0.06:          # a leaning book
                poly(p, [(bx, by - 10), (bx + bw, by - 10), (bx + bw + bh * 0.35, by - 10 - bh * 0.94),
                         (bx + bh * 0.35, by - 10 - bh * 0.94)], c)
                bx += bw + bh * 0.35 + 2
                continue
            rect(p, bx, by - 10 - bh, bw, bh, c, 2)
            rect(p, bx + 2, by - 10 - bh * 0.8, bw - 4, 3, col("#FFFFFF", 110))
            rect(p, bx + 2, by - 10 - bh * 0.3, bw - 4, 3, col("#FFFFFF", 80))
            bx += bw + 1.5
            if rng.random() < 0.08:
                bx += 20
    rect(p, x + w - 10, y, 10, h, col("#000000", 40))


def draw_mediatheque(p: QPainter, rng: random.Random):
    floor_y = 640
    # wall
    rect(p, 0, 0, W, floor_y, lin(0, 0, 0, floor_y, [(0, "#F6EFE2"), (1, "#EFE3CD")]))
    # big window at the centre-left
    wx, wy, ww, wh = 560, 70, 480, 470
    rect(p, wx - 14, wy - 14, ww + 28, wh + 28, "#FFFFFF")
    rect(p, wx, wy, ww, wh, lin(0, wy, 0, wy + wh, [(0, "#92C7DA"), (1, "#E4F2EF")]))
    p.save()
    p.setClipRect(QRectF(wx, wy, ww, wh))
    cloud(p, wx + 140, wy + 100, 0.6)
    hills(p, wy + wh - 80, 40, "#A9C9B4", rng, w=W, n=8)
    for k in range(5):
        blob_canopy(p, wx + 40 + k * 110, wy + wh - 60, 70, 80, rng, rng.choice([GREEN, "#7FA86A"]), n=6)
    p.restore()
    for k in (1, 2):
        rect(p, wx + ww * k / 3 - 5, wy, 10, wh, "#FFFFFF")
    rect(p, wx, wy + wh * 0.4, ww, 10, "#FFFFFF")
    # pendant lamps
    for lx in (300, 1300):
        line(p, lx, 0, lx, 90, "#333", 2)
        poly(p, [(lx - 50, 130), (lx + 50, 130), (lx + 20, 90), (lx - 20, 90)], YELLOW)
        glow(p, lx, 140, 90, "#FFF1C1", 140)
    # shelves
    bookshelf(p, 40, 150, 480, 500, rng)
    bookshelf(p, 1080, 150, 480, 500, rng)
    # floor
    rect(p, 0, floor_y, W, H - floor_y, lin(0, floor_y, 0, H, [(0, "#D9B98C"), (1, "#C49C6A")]))
    for k in range(1, 12):
        y = floor_y + (H - floor_y) * (k / 12) ** 1.3
        line(p, 0, y, W, y, col("#A8824F", 80), 2)
    poly(p, [(wx, floor_y + 10), (wx + ww, floor_y + 10), (wx + ww + 200, H), (wx - 100, H)], col("#FFF6DA", 60))
    # round children's rug
    ellipse(p, 800, 860, 640, 150, "#2A9D8F")
    ellipse(p, 800, 860, 560, 125, "#E9C46A")
    ellipse(p, 800, 860, 470, 100, "#F4A261")
    ellipse(p, 800, 860, 370, 76, "#E76F51")
    # low children's book bin at the right
    shadow(p, 1330, 760, 170, 20, 70)
    rect(p, 1180, 640, 300, 120, "#E9C46A", 12)
    for k in range(9):
        c = [RED, BLUE, TEAL, ORANGE, NAVY, GREEN][k % 6]
        poly(p, [(1200 + k * 30, 650), (1228 + k * 30, 650), (1235 + k * 30, 600 + (k % 3) * 10), (1205 + k * 30, 600 + (k % 3) * 10)], c)
    rect(p, 1180, 650, 300, 110, "#E9C46A", 12)
    rect(p, 1190, 660, 280, 16, col("#FFFFFF", 70), 8)
    # plant
    shadow(p, 150, 780, 70, 12, 70)
    rect(p, 110, 700, 80, 80, "#E76F51", 10)
    for a in range(-60, 61, 20):
        p.save()
        p.translate(150, 700)
        p.rotate(a)
        ellipse(p, 0, -60, 16, 60, GREEN if a % 40 else GREEN_D)
        p.restore()
    # storyteller on a chair
    sx, sy = 800, 720
    shadow(p, sx, sy + 30, 110, 18, 70)
    rect(p, sx - 70, sy - 180, 140, 170, "#6D597A", 20)          # armchair back
    rect(p, sx - 90, sy - 60, 180, 70, "#7C6890", 20)           # seat
    rect(p, sx - 100, sy - 110, 34, 120, "#5C4A6A", 14)
    rect(p, sx + 66, sy - 110, 34, 120, "#5C4A6A", 14)
    rect(p, sx - 78, sy + 5, 14, 28, "#3D2E4A")
    rect(p, sx + 64, sy + 5, 14, 28, "#3D2E4A")
    # storyteller body
    skin = "#D9A27E"
    rect(p, sx - 40, sy - 70, 80, 40, NAVY, 16)                 # lap
    rect(p, sx - 40, sy - 40, 22, 80, NAVY, 10)                 # legs down
    rect(p, sx + 18, sy - 40, 22, 80, NAVY, 10)
    rect(p, sx - 48, sy + 30, 32, 14, "#2B2118", 6)
    rect(p, sx + 16, sy + 30, 32, 14, "#2B2118", 6)
    rect(p, sx - 44, sy - 190, 88, 130, TEAL, 30)                # torso
    rect(p, sx - 8, sy - 212, 16, 24, skin)
    ellipse(p, sx, sy - 235, 30, 34, skin)
    hp = QPainterPath()
    hp.addEllipse(QPointF(sx, sy - 245), 33, 30)
    clip = QPainterPath()
    clip.addRect(QRectF(sx - 40, sy - 290, 80, 34))
    path_fill(p, hp.intersected(clip), "#5A3A22")
    ellipse(p, sx - 11, sy - 236, 3, 3.5, "#3B2A20")          # eyes
    ellipse(p, sx + 11, sy - 236, 3, 3.5, "#3B2A20")
    smile = QPainterPath()
    smile.moveTo(sx - 10, sy - 220)
    smile.quadTo(sx, sy - 212, sx + 10, sy - 220)
    stroke_path(p, smile, "#8A4B3A", 3)
    ellipse(p, sx + 24, sy - 222, 12, 28, "#5A3A22")
    ellipse(p, sx - 24, sy - 222, 12, 28, "#5A3A22")
    # open book held up towards the children
    bx, by = sx, sy - 140
    rect(p, bx - 70, by - 50, 58, 70, RED, 4)
    rect(p, bx + 12, by - 50, 58, 70, RED, 4)
    poly(p, [(bx - 66, by - 46), (bx - 2, by - 40), (bx - 2, by + 16), (bx - 66, by + 12)], "#FFFDF6")
    poly(p, [(bx + 66, by - 46), (bx + 2, by - 40), (bx + 2, by + 16), (bx + 66, by + 12)], "#F3EEE2")
    ellipse(p, bx - 34, by - 14, 16, 14, YELLOW)                 # picture: sun
    poly(p, [(bx + 14, by + 8), (bx + 34, by - 24), (bx + 56, by + 8)], GREEN)   # picture: hill
    for dx in (-60, 60):
        ellipse(p, bx + dx, by + 6, 11, 11, skin)               # hands
    # cushions (beanbags)
    for cx, cy, c in ((330, 800, ORANGE), (1270, 810, BLUE), (470, 930, YELLOW), (1150, 940, RED)):
        shadow(p, cx, cy + 40, 110, 18, 70)
        path = QPainterPath()
        path.addRoundedRect(QRectF(cx - 100, cy - 50, 200, 100), 50, 50)
        path_fill(p, path, c)
        ellipse(p, cx - 30, cy - 20, 40, 16, col("#FFFFFF", 50))
    # children seated on the rug, seen from behind
    kids = [(560, 905, 150), (690, 935, 160), (840, 940, 158), (980, 915, 150), (1090, 880, 135), (450, 860, 128),
            (760, 870, 128), (910, 860, 125)]
    kids.sort(key=lambda k: k[1])
    for x, f, hh in kids:
        shadow(p, x, f - 4, hh * 0.35, hh * 0.07, 70)
        seated_child(p, x, f, hh, rng)


# --------------------------------------------------------------------------
# 8. Blood donation poster (portrait)
# --------------------------------------------------------------------------
def drop_path(cx, top, r) -> QPainterPath:
    """Water-drop shape: point at `top`, round bottom of radius r."""
    cy = top + r * 2.2
    path = QPainterPath()
    path.moveTo(cx, top)
    path.cubicTo(cx + r * 0.35, top + r * 0.7, cx + r, cy - r * 0.9, cx + r, cy)
    path.arcTo(QRectF(cx - r, cy - r, 2 * r, 2 * r), 0, -180)
    path.cubicTo(cx - r, cy - r * 0.9, cx - r * 0.35, top + r * 0.7, cx, top)
    path.closeSubpath()
    return path


def heart_path(cx, cy, s) -> QPainterPath:
    path = QPainterPath()
    path.moveTo(cx, cy + s * 0.9)
    path.cubicTo(cx - s * 1.3, cy + s * 0.05, cx - s * 1.05, cy - s * 1.05, cx, cy - s * 0.45)
    path.cubicTo(cx + s * 1.05, cy - s * 1.05, cx + s * 1.3, cy + s * 0.05, cx, cy + s * 0.9)
    path.closeSubpath()
    return path


def draw_don_du_sang(p: QPainter, rng: random.Random, w=1080, h=1350):
    rect(p, 0, 0, w, h, lin(0, 0, 0, h, [(0, "#FDF3F0"), (1, "#F6D9D6")]))
    # soft background circles
    for cx, cy, r, c in ((120, 180, 260, "#F9E1DC"), (960, 260, 220, "#FBE9E4"), (900, 1200, 320, "#F3CFCB"),
                         (140, 1150, 200, "#F8E4E0")):
        ellipse(p, cx, cy, r, r, c)
    # confetti of small drops / hearts / plus signs
    placed = []
    for _ in range(60):
        x, y = rng.uniform(40, w - 40), rng.uniform(40, h - 40)
        if math.hypot(x - 540, y - 790) < 520 or (200 < x < 880 and y < 420):   # keep the drop clear
            continue
        if any(math.hypot(x - qx, y - qy) < 90 for qx, qy in placed):
            continue
        placed.append((x, y))
        kind = rng.random()
        c = col(rng.choice([RED, "#F28482", ORANGE, TEAL]), 150)
        if kind < 0.4:
            path_fill(p, drop_path(x, y - 20, 14), c)
        elif kind < 0.7:
            path_fill(p, heart_path(x, y, 16), c)
        else:
            rect(p, x - 16, y - 5, 32, 10, c, 4)
            rect(p, x - 5, y - 16, 10, 32, c, 4)
    cx, top, r = 540, 230, 280
    # soft halo and a heartbeat line passing behind the drop
    ellipse(p, cx, top + r * 2.0, r * 1.75, r * 1.75, col("#FFFFFF", 110))
    ellipse(p, cx, top + r * 2.0, r * 1.45, r * 1.45, col("#FFFFFF", 90))
    pulse = QPainterPath()
    py = top + r * 2.3
    pulse.moveTo(-20, py)
    for px, dy in ((150, 0), (190, -40), (225, 50), (255, 0), (cx, 0), (825, 0), (860, -90), (900, 110),
                   (935, -30), (960, 0), (w + 20, 0)):
        pulse.lineTo(px, py + dy)
    stroke_path(p, pulse, col(RED, 170), 12)
    # the big drop
    shadow(p, cx + 20, top + r * 3.3, r * 0.95, r * 0.13, 70, color="#7A1F2A")
    path = drop_path(cx, top, r)
    path_fill(p, path, lin(cx - r, top, cx + r, top + 3.2 * r, [(0, "#F25C68"), (0.55, RED), (1, "#B81D2E")]))
    p.save()
    p.setClipPath(path)
    ellipse(p, cx + r * 0.5, top + r * 2.9, r * 0.9, r * 0.7, col("#8E1726", 60))
    p.restore()
    # glossy highlight
    hl = QPainterPath()
    hl.moveTo(cx - r * 0.1, top + r * 0.5)
    hl.cubicTo(cx - r * 0.45, top + r * 1.1, cx - r * 0.8, top + r * 1.6, cx - r * 0.72, top + r * 2.2)
    stroke_path(p, hl, col("#FFFFFF", 120), r * 0.1)
    ellipse(p, cx - r * 0.62, top + r * 2.55, r * 0.06, r * 0.06, col("#FFFFFF", 120))
    # white heart inside
    hc = heart_path(cx, top + r * 2.25, r * 0.55)
    p.save()
    p.translate(8, 10)
    path_fill(p, hc, col("#7A1F2A", 60))
    p.restore()
    path_fill(p, hc, "#FFFFFF")
    # plus sign badge
    bx, by, br = cx + r * 0.82, top + r * 0.8, 95
    shadow(p, bx + 8, by + 14, br * 1.1, br * 1.1, 50, color="#7A1F2A")
    ellipse(p, bx, by, br, br, "#FFFFFF")
    ellipse(p, bx, by, br - 12, br - 12, TEAL)
    rect(p, bx - 48, by - 15, 96, 30, "#FFFFFF", 6)
    rect(p, bx - 15, by - 48, 30, 96, "#FFFFFF", 6)


# --------------------------------------------------------------------------
# 9. Waste collection
# --------------------------------------------------------------------------
def wheelie_bin(p, x, ground, h, body, lid, rng):
    """Two-wheeled bin, slightly 3/4 view, (x, ground) bottom centre."""
    u = h / 100.0
    shadow(p, x + 8 * u, ground, 40 * u, 6 * u, 90)
    # body (tapered)
    poly(p, [(x - 30 * u, ground - 88 * u), (x + 30 * u, ground - 88 * u), (x + 26 * u, ground - 4 * u),
             (x - 26 * u, ground - 4 * u)], body)
    poly(p, [(x + 30 * u, ground - 88 * u), (x + 38 * u, ground - 84 * u), (x + 33 * u, ground - 8 * u),
             (x + 26 * u, ground - 4 * u)], dark(body, 0.25))
    for k in range(3):
        rect(p, x - 22 * u, ground - 70 * u + k * 20 * u, 44 * u, 4 * u, dark(body, 0.12), 2 * u)
    # handle at the back, then the big coloured lid
    rect(p, x - 24 * u, ground - 104 * u, 56 * u, 8 * u, dark(body, 0.3), 4 * u)
    poly(p, [(x - 36 * u, ground - 86 * u), (x + 40 * u, ground - 86 * u), (x + 36 * u, ground - 102 * u),
             (x - 32 * u, ground - 102 * u)], lid)
    rect(p, x - 36 * u, ground - 90 * u, 76 * u, 6 * u, dark(lid, 0.18), 2 * u)
    rect(p, x - 30 * u, ground - 100 * u, 62 * u, 3 * u, light(lid, 0.3), 1.5 * u)
    # wheel
    ellipse(p, x + 30 * u, ground - 8 * u, 9 * u, 9 * u, "#1E1E24")
    ellipse(p, x + 30 * u, ground - 8 * u, 4 * u, 4 * u, "#6C757D")


def garbage_truck(p, x, ground, s):
    """Municipal rear-loader collection truck seen from the side, facing right.
    (x, ground) = rear bottom."""
    u = s / 100.0
    shadow(p, x + 220 * u, ground, 240 * u, 14 * u, 90)
    # chassis
    rect(p, x + 10 * u, ground - 52 * u, 420 * u, 18 * u, "#2B2D42", 4 * u)
    # rear hopper (slanted) + loading step
    poly(p, [(x, ground - 50 * u), (x + 4 * u, ground - 150 * u), (x + 40 * u, ground - 200 * u),
             (x + 80 * u, ground - 200 * u), (x + 80 * u, ground - 50 * u)], "#DDE3E6")
    poly(p, [(x + 8 * u, ground - 140 * u), (x + 40 * u, ground - 186 * u), (x + 52 * u, ground - 186 * u),
             (x + 52 * u, ground - 140 * u)], "#B9C3C9")
    rect(p, x - 18 * u, ground - 44 * u, 40 * u, 8 * u, "#5B6470", 2 * u)
    # container body
    rect(p, x + 76 * u, ground - 210 * u, 252 * u, 164 * u, "#F4F7F6", 10 * u)
    for k in range(1, 6):
        rect(p, x + 76 * u + k * 42 * u, ground - 204 * u, 4 * u, 152 * u, "#DCE3E6")
    rect(p, x + 76 * u, ground - 96 * u, 252 * u, 30 * u, GREEN)
    rect(p, x + 76 * u, ground - 70 * u, 252 * u, 8 * u, TEAL)
    # recycling arrows motif (three chevrons, no text)
    for k in range(3):
        a0 = -math.pi / 2 + k * 2 * math.pi / 3
        cx, cy, rr = x + 200 * u, ground - 150 * u, 28 * u
        p.save()
        p.translate(cx + math.cos(a0) * rr * 0.6, cy + math.sin(a0) * rr * 0.6)
        p.rotate(math.degrees(a0) + 90)
        poly(p, [(-14 * u, -6 * u), (14 * u, -6 * u), (14 * u, -14 * u), (26 * u, 0), (14 * u, 14 * u),
                 (14 * u, 6 * u), (-14 * u, 6 * u)], GREEN)
        p.restore()
    # cab
    cab = QPainterPath()
    cab.moveTo(x + 336 * u, ground - 46 * u)
    cab.lineTo(x + 336 * u, ground - 196 * u)
    cab.lineTo(x + 410 * u, ground - 196 * u)
    cab.quadTo(x + 430 * u, ground - 196 * u, x + 436 * u, ground - 170 * u)
    cab.lineTo(x + 446 * u, ground - 110 * u)
    cab.lineTo(x + 446 * u, ground - 46 * u)
    cab.closeSubpath()
    path_fill(p, cab, TEAL)
    win = QPainterPath()
    win.moveTo(x + 372 * u, ground - 184 * u)
    win.lineTo(x + 412 * u, ground - 184 * u)
    win.quadTo(x + 424 * u, ground - 184 * u, x + 428 * u, ground - 166 * u)
    win.lineTo(x + 434 * u, ground - 124 * u)
    win.lineTo(x + 372 * u, ground - 124 * u)
    win.closeSubpath()
    path_fill(p, win, lin(0, ground - 184 * u, 0, ground - 124 * u, [(0, "#D4ECF2"), (1, "#86AFC3")]))
    rect(p, x + 346 * u, ground - 184 * u, 20 * u, 60 * u, "#86AFC3", 3 * u)
    rect(p, x + 440 * u, ground - 70 * u, 10 * u, 14 * u, "#FFE9A8", 3 * u)      # headlight
    rect(p, x + 352 * u, ground - 110 * u, 18 * u, 5 * u, "#1E6F66", 2 * u)     # door handle
    rect(p, x + 440 * u, ground - 160 * u, 6 * u, 30 * u, "#2B2D42", 2 * u)     # mirror
    for bx in (x + 350 * u, x + 300 * u, x + 40 * u):
        ellipse(p, bx, ground - 208 * u, 9 * u, 7 * u, ORANGE)                   # beacons
    # wheels
    for wx in (x + 110 * u, x + 175 * u, x + 390 * u):
        ellipse(p, wx, ground - 26 * u, 27 * u, 27 * u, "#1E1E24")
        ellipse(p, wx, ground - 26 * u, 12 * u, 12 * u, "#ADB5BD")
    # collection agent on the rear step, in a hi-vis outfit
    person(p, x - 2 * u, ground - 40 * u, 130 * u, random.Random(3), body=ORANGE, legs=NAVY, hat=None,
           skin="#D9A27E", hair="#2B2118")


def draw_dechets(p: QPainter, rng: random.Random):
    horizon = 560
    far_st = 690            # kerb of the far (cross) street
    walk_y = 800            # back edge of the foreground pavement
    kerb_y = 885            # front kerb of the foreground pavement
    sky(p, W, H, "#86BED3", "#EEF6F2", horizon=far_st)
    glow(p, 1380, 120, 240, "#FFF6D8", 120)
    cloud(p, 260, 130, 0.9)
    cloud(p, 880, 90, 0.6, alpha=210)
    hills(p, horizon - 20, 50, "#B8D0B4", rng, n=4)
    # far houses along the cross street
    for k, hx in enumerate(range(-40, 700, 150)):
        hh = [150, 175, 140, 165, 155][k % 5]
        rect(p, hx, far_st - 50 - hh, 140, hh, ["#E9DDB6", "#DDE5E0", "#F1D6C6", "#D7E3EA", "#F3E3C3"][k % 5])
        poly(p, [(hx - 8, far_st - 50 - hh), (hx + 148, far_st - 50 - hh), (hx + 70, far_st - 100 - hh)],
             "#B5654A" if k % 2 else "#5D7387")
        for wx in (hx + 22, hx + 88):
            window(p, wx, far_st - 30 - hh, 30, 42, bars=False, shutters=None)
        rect(p, hx + 56, far_st - 100, 28, 50, "#6D8FA8", 2)
    for k in range(6):
        round_tree(p, 40 + k * 130, far_st - 40, 150, rng, base=rng.choice([GREEN, "#7FA86A"]))
    rect(p, 0, far_st - 50, 700, 14, "#CFC8B8")       # far pavement
    rect(p, 0, far_st - 36, 700, 56, "#8D969E")       # far cross street
    # the side street coming towards us (one-point perspective)
    vpx = 330
    poly(p, [(vpx - 120, far_st + 20), (vpx + 150, far_st + 20), (640, walk_y), (-80, walk_y)], "#959EA6")
    poly(p, [(vpx - 120, far_st + 20), (vpx - 150, far_st + 20), (-150, walk_y), (-80, walk_y)], "#CFC8B8")
    poly(p, [(vpx + 150, far_st + 20), (vpx + 180, far_st + 20), (700, walk_y), (640, walk_y)], "#CFC8B8")
    for k in range(4):
        t0, t1 = k / 4, k / 4 + 0.12
        y0 = far_st + 20 + (walk_y - far_st - 20) * t0
        y1 = far_st + 20 + (walk_y - far_st - 20) * t1
        x0 = vpx + 15 + (280 - vpx - 15) * t0
        x1 = vpx + 15 + (280 - vpx - 15) * t1
        poly(p, [(x0 - 3 - 4 * t0, y0), (x0 + 3 + 4 * t0, y0), (x1 + 3 + 4 * t1, y1), (x1 - 3 - 4 * t1, y1)],
             "#F1FAEE")
    # the collection truck on the cross street, heading to our bins
    garbage_truck(p, 30, far_st + 16, 72)
    # the house with its front garden (right)
    hx, hw, hb = 760, 720, 720
    rect(p, hx, 300, hw, hb - 300, "#F3E3C3")
    rect(p, hx + hw - 20, 300, 20, hb - 300, col("#000000", 18))
    poly(p, [(hx - 40, 305), (hx + hw + 40, 305), (hx + hw - 90, 150), (hx + 90, 150)], "#B5654A")
    for k in range(1, 6):
        y = 305 - k * 26
        rect(p, hx - 40 + k * 21, y, hw + 80 - k * 42, 3, "#9C5139")
    rect(p, hx + 520, 100, 50, 90, "#D9C7A0")
    rect(p, hx - 40, 300, hw + 80, 14, "#9C5139")
    for wx, wy in ((hx + 80, 360), (hx + 550, 360), (hx + 80, 540), (hx + 550, 540)):
        window(p, wx, wy, 90, 120, shutters="#457B9D")
    window(p, hx + 330, 360, 90, 120, shutters="#457B9D")
    rect(p, hx + 320, 520, 110, 200, "#E6D8BA")
    rect(p, hx + 330, 532, 90, 188, TEAL, 4)
    rect(p, hx + 345, 548, 60, 46, col("#FFFFFF", 60), 4)
    ellipse(p, hx + 405, 640, 5, 5, YELLOW)
    # garden lawn, low wall and hedge
    rect(p, 700, hb, W - 700, walk_y - hb, "#8DB573")
    rect(p, hx + 335, hb, 80, walk_y - hb, "#D9CDB5")     # garden path
    rect(p, 700, walk_y - 40, W - 700, 40, lin(0, walk_y - 40, 0, walk_y, [(0, "#E6DCC6"), (1, "#D3C5A7")]))
    rect(p, 700, walk_y - 46, W - 700, 10, "#C9BB9C")
    for k in range(16):
        hxk = 720 + k * 58
        if hx + 300 < hxk < hx + 460:
            continue
        blob_canopy(p, hxk, walk_y - 66, 40, 30, rng, GREEN, n=4)
    # foreground pavement and road
    rect(p, 0, walk_y, W, kerb_y - walk_y, lin(0, walk_y, 0, kerb_y, [(0, "#DCD5C7"), (1, "#CBC2B0")]))
    for k in range(13):
        line(p, 40 + k * 130, walk_y + 2, 20 + k * 130, kerb_y, col("#A8A092", 150), 2)
    rect(p, 0, kerb_y, W, 14, "#B3AB9C")
    rect(p, 0, kerb_y + 14, W, H - kerb_y - 14, lin(0, kerb_y, 0, H, [(0, "#8D969E"), (1, "#767F87")]))
    for k in range(6):
        rect(p, 60 + k * 280, 960, 160, 10, "#F1FAEE", 3)
    # the three bins: packaging (yellow), glass (green), household waste (grey)
    wheelie_bin(p, 880, 870, 250, "#3E4A44", "#F2C12E", rng)
    wheelie_bin(p, 1110, 874, 250, "#3E4A44", "#4CAF50", rng)
    wheelie_bin(p, 1340, 870, 250, "#3E4A44", "#8D99AE", rng)


# --------------------------------------------------------------------------
# 10. Christmas market at dusk (also used for the video)
# --------------------------------------------------------------------------
NOEL_LIGHTS_CACHE: dict = {}


def noel_light_positions():
    """Bulbs on the garlands and the tree: list of (x, y, colour, phase, freq)."""
    if "pos" in NOEL_LIGHTS_CACHE:
        return NOEL_LIGHTS_CACHE["pos"]
    rng = random.Random(2024)
    pts = []
    palette = ["#FFD27A", "#FFE6A8", "#FF8A80", "#9FE3D8", "#FFD27A"]
    garlands = [((-20, 130), (800, 250), (1620, 130)), ((-20, 300), (420, 380), (820, 300)),
                ((780, 300), (1200, 380), (1620, 300))]
    for (x0, y0), (cx, cy), (x1, y1) in garlands:
        n = 30 if x1 - x0 > 1000 else 18
        for k in range(n + 1):
            t = k / n
            x = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t * t * x1
            y = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t * t * y1 + 8
            pts.append((x, y, rng.choice(palette), rng.uniform(0, 2 * math.pi), rng.choice([1, 2, 3, 4])))
    # tree baubles/lights (spiral)
    tx, ttop, tbot = 800, 330, 820
    for k in range(46):
        t = (k + 0.5) / 46
        y = ttop + 40 + (tbot - ttop - 70) * t
        half = 30 + 230 * t
        x = tx + math.sin(k * 2.3) * half * 0.85
        pts.append((x, y, rng.choice(palette), rng.uniform(0, 2 * math.pi), rng.choice([1, 2, 3])))
    NOEL_LIGHTS_CACHE["pos"] = pts
    NOEL_LIGHTS_CACHE["garlands"] = garlands
    return pts


def chalet(p, x, ground, w, h, rng, awning_c, goods):
    """Wooden Christmas-market chalet with a snowy roof and a lit counter."""
    wood = "#8B5E3C"
    rect(p, x, ground - h, w, h, wood)
    for k in range(1, int(h / 18)):
        rect(p, x, ground - h + k * 18, w, 2, dark(wood, 0.2))
    # counter opening, warmly lit
    ox, oy, ow, oh = x + w * 0.1, ground - h * 0.82, w * 0.8, h * 0.45
    rect(p, ox, oy, ow, oh, lin(0, oy, 0, oy + oh, [(0, "#FFE3A3"), (1, "#F4A261")]))
    glow(p, x + w / 2, oy + oh * 0.6, w * 0.7, "#FFC970", 70)
    # goods on shelves
    for k in range(int(ow / 26)):
        c = rng.choice(goods)
        ellipse(p, ox + 14 + k * 26, oy + oh * 0.45, 10, 10, c)
        rect(p, ox + 6 + k * 26, oy + oh - 26, 18, 22, rng.choice(goods), 3)
    rect(p, ox - 10, oy + oh, ow + 20, 14, "#6B4A32")
    # small awning
    awning(p, ox - 6, oy - 12, ow + 12, 22, awning_c, "#FFFFFF", n=6)
    # roof with snow
    poly(p, [(x - 25, ground - h + 4), (x + w + 25, ground - h + 4), (x + w / 2, ground - h - w * 0.38)], "#5E3B24")
    path = QPainterPath()
    path.moveTo(x - 28, ground - h - 4)
    path.lineTo(x + w / 2, ground - h - w * 0.38 - 10)
    path.lineTo(x + w + 28, ground - h - 4)
    for k in range(8, -1, -1):
        xx = x - 28 + (w + 56) * k / 8
        path.quadTo(xx + (w + 56) / 16, ground - h + 14, xx, ground - h + 2)
    path.closeSubpath()
    path_fill(p, path, "#F4F8FB")
    rect(p, x, ground - 12, w, 12, dark(wood, 0.3))


def snowman(p, x, ground, s):
    shadow(p, x + 20 * s, ground, 70 * s, 12 * s, 110, color="#1D2B4A")
    for cy, r in ((40, 44), (108, 31), (156, 21)):
        ellipse(p, x + 3 * s, ground - cy * s, (r + 3) * s, (r + 2) * s, "#AFC0D6")
    ellipse(p, x, ground - 40 * s, 46 * s, 42 * s, "#F4F8FB")
    ellipse(p, x, ground - 108 * s, 32 * s, 30 * s, "#F4F8FB")
    ellipse(p, x, ground - 156 * s, 22 * s, 21 * s, "#F4F8FB")
    for cy, r in ((40, 44), (108, 31), (156, 21)):
        ellipse(p, x + r * 0.35 * s, ground - cy * s + r * 0.1 * s, r * 0.6 * s, r * 0.85 * s, col("#9DB4C8", 90))
    for k in range(3):
        ellipse(p, x - 2 * s, ground - (96 + k * 14) * s, 3.5 * s, 3.5 * s, "#2B2D42")   # buttons
    poly(p, [(x, ground - 154 * s), (x - 26 * s, ground - 150 * s), (x, ground - 147 * s)], ORANGE)
    rect(p, x - 26 * s, ground - 138 * s, 52 * s, 12 * s, RED, 6 * s)
    rect(p, x + 6 * s, ground - 134 * s, 12 * s, 40 * s, RED, 5 * s)
    rect(p, x - 18 * s, ground - 196 * s, 36 * s, 26 * s, NAVY, 3 * s)
    rect(p, x - 26 * s, ground - 174 * s, 52 * s, 6 * s, NAVY, 3 * s)


def draw_noel_background(p: QPainter, rng: random.Random):
    """Static part of the Christmas-market scene (no bulbs, no falling snow)."""
    ground = 700
    sky(p, W, H, "#141F3D", "#E9A98B", horizon=ground)
    rect(p, 0, 0, W, ground, lin(0, 0, 0, ground, [(0, "#131C38"), (0.45, "#2C3A6B"), (0.8, "#8A6C93"), (1, "#E7A489")]))
    # stars
    for _ in range(60):
        x, y = rng.uniform(0, W), rng.uniform(0, 300)
        ellipse(p, x, y, rng.uniform(0.8, 2.0), rng.uniform(0.8, 2.0), col("#FFFFFF", rng.randint(90, 200)))
    ellipse(p, 1390, 110, 42, 42, "#F6F1DA")           # moon
    ellipse(p, 1408, 100, 38, 38, "#1C2749")
    # town silhouette at the back with lit windows; the town hall in the centre
    rngb = random.Random(7)
    x = -30
    while x < W:
        w = rngb.choice([150, 180, 210])
        h = rngb.choice([260, 300, 340])
        if 560 < x + w / 2 < 1040:
            x += w
            continue
        townhouse(p, x, ground - 60, w, h, "#3A4A74", "#26335A", rngb, floors=3, lit=True)
        x += w
    # the mairie (dimmed), centre
    L, R, top = 560, 1040, 300
    rect(p, L, top, R - L, ground - 60 - top, "#4A5A86")
    poly(p, [(L + 10, top), (R - 10, top), (R - 40, top - 70), (L + 40, top - 70)], "#2B3761")
    poly(p, [(700, top), (900, top), (800, top - 110)], "#56679A")
    french_flag(p, 803, top - 190, 80, 50, t=0.5)
    rect(p, 797, top - 196, 5, 90, "#8C97B8")
    for cx in (620, 700, 800, 900, 980):
        for wy in (350, 470):
            window(p, cx - 22, wy, 44, 80, frame="#6C7BA6",
                   lit=lin(0, wy, 0, wy + 80, [(0, "#FFE8A3"), (1, "#F4A261")]), bars=True, sill=False)
    # snowy ground (square)
    rect(p, 0, ground - 60, W, H - ground + 60, lin(0, ground - 60, 0, H, [(0, "#C9D6E8"), (1, "#EEF3FA")]))
    for k in range(10):
        ellipse(p, rng.uniform(0, W), rng.uniform(ground, H), rng.uniform(80, 200), rng.uniform(10, 24),
                col("#FFFFFF", 90))
    # chalets on both sides
    goods_sets = [["#E63946", "#F4A261", "#E9C46A"], ["#2A9D8F", "#A8DADC", "#F1FAEE"],
                  ["#8B5E3C", "#E9C46A", "#F4A261"], ["#E63946", "#2A9D8F", "#F1FAEE"]]
    for k, (cx, gy, w, h) in enumerate(((60, 790, 300, 230), (420, 770, 250, 200), (960, 770, 250, 200),
                                         (1260, 790, 300, 230))):
        shadow(p, cx + w / 2, gy + 6, w * 0.65, 16, 90, color="#1D2B4A")
        chalet(p, cx, gy, w, h, rng, [RED, TEAL, RED, TEAL][k], goods_sets[k])
    # Christmas tree in the centre
    tx, ttop, tbot = 800, 330, 820
    shadow(p, tx, tbot + 20, 300, 30, 90, color="#1D2B4A")
    rect(p, tx - 22, tbot - 20, 44, 50, "#5E3B24")
    rect(p, tx - 60, tbot + 10, 120, 36, RED, 6)
    for k in range(5):
        y0 = ttop + k * 90
        half = 90 + k * 50
        poly(p, [(tx, y0 - 10), (tx + half, y0 + 130), (tx - half, y0 + 130)], mix("#1F6B4E", "#0F3D2E", k * 0.12))
        path = QPainterPath()   # snow on the tiers
        path.moveTo(tx - half, y0 + 130)
        for j in range(7):
            xx = tx - half + (2 * half) * (j + 1) / 7
            path.quadTo(xx - half / 7, y0 + 116, xx, y0 + 130)
        path.lineTo(tx + half * 0.85, y0 + 108)
        path.lineTo(tx - half * 0.85, y0 + 108)
        path.closeSubpath()
        path_fill(p, path, col("#F4F8FB", 230))
        poly(p, [(tx, y0 - 10), (tx + half, y0 + 130), (tx + half * 0.3, y0 + 130)], col("#000000", 40))
    # baubles
    rngt = random.Random(11)
    for k in range(22):
        t = rngt.uniform(0.15, 0.95)
        y = ttop + (tbot - ttop - 60) * t + 40
        half = 40 + 240 * t
        x = tx + rngt.uniform(-half * 0.7, half * 0.7)
        ellipse(p, x, y, 11, 11, rngt.choice([RED, YELLOW, "#E9ECEF", TEAL]))
        ellipse(p, x - 3, y - 3, 3.5, 3.5, col("#FFFFFF", 160))
    # star
    star = QPainterPath()
    for k in range(10):
        r = 46 if k % 2 == 0 else 20
        a = -math.pi / 2 + k * math.pi / 5
        pt = QPointF(tx + math.cos(a) * r, ttop - 30 + math.sin(a) * r)
        star.moveTo(pt) if k == 0 else star.lineTo(pt)
    star.closeSubpath()
    glow(p, tx, ttop - 30, 110, "#FFE08A", 120)
    path_fill(p, star, "#FFD166")
    # snowman and people in winter clothes
    snowman(p, 1450, 930, 0.9)
    people = [(300, 900, 190, dict(body=RED, hat=NAVY, back=True)), (360, 915, 120, dict(body=YELLOW, hat=RED, back=True)),
              (1090, 890, 185, dict(body=TEAL, hat="#FFFFFF")), (1150, 900, 175, dict(body=NAVY, hat=RED, dress=True)),
              (620, 950, 200, dict(body="#6D597A", hat=YELLOW, back=True))]
    for x, f, hh, kw in people:
        shadow(p, x + 10, f, hh * 0.25, hh * 0.05, 80, color="#1D2B4A")
        person(p, x, f, hh, rng, **kw)
    # garland wires
    noel_light_positions()
    for (x0, y0), (cx, cy), (x1, y1) in NOEL_LIGHTS_CACHE["garlands"]:
        path = QPainterPath()
        path.moveTo(x0, y0)
        path.quadTo(cx, cy, x1, y1)
        stroke_path(p, path, "#0E1428", 2.5)


def draw_noel_lights(p: QPainter, t=None, period=8.0):
    """Bulbs with a soft glow. t=None: still image (steady brightness).
    Each bulb's twinkle frequency is a whole number of cycles per `period`
    seconds (0.125-0.5 Hz), so the animation loops seamlessly and never flashes."""
    for x, y, c, phase, freq in noel_light_positions():
        if t is None:
            b = 0.85
        else:
            b = 0.7 + 0.3 * math.sin(2 * math.pi * freq * t / period + phase)
        glow(p, x, y, 26, c, int(110 * b))
        ellipse(p, x, y, 6, 6, mix("#FFFFFF", c, 0.35 + 0.3 * (1 - b)))


def snowflakes(seed=5, n=180):
    rng = random.Random(seed)
    flakes = []
    for _ in range(n):
        depth = rng.random()
        flakes.append(dict(x=rng.uniform(0, W), y=rng.uniform(0, H), r=1.5 + 3.5 * depth,
                           span=H + rng.uniform(40, 600), drift=rng.uniform(6, 22), ph=rng.uniform(0, 6.28),
                           laps=1 if depth < 0.6 else 2, a=int(140 + 110 * depth)))
    return flakes


def draw_snow(p: QPainter, flakes, t=0.0, period=8.0):
    """Falling snow. Every flake travels a whole number of wrap spans per
    `period`, so frame 0 and frame N are identical (seamless loop)."""
    for f in flakes:
        y = (f["y"] + f["span"] * f["laps"] * t / period) % f["span"] - 20
        x = f["x"] + f["drift"] * math.sin(2 * math.pi * t / period * 2 + f["ph"])
        ellipse(p, x, y, f["r"], f["r"], col("#FFFFFF", f["a"]))


def draw_noel(p: QPainter, rng: random.Random):
    draw_noel_background(p, rng)
    draw_noel_lights(p, None)
    draw_snow(p, snowflakes(), 0.0)


# --------------------------------------------------------------------------
# 11. Cycle path along the river Ondine
# --------------------------------------------------------------------------
def bicycle_rider(p, x, ground, s, body=RED):
    """Cyclist riding to the right. (x, ground) = between the wheels."""
    u = s / 100.0
    wr = 28 * u
    rear, front = (x - 38 * u, ground - wr), (x + 38 * u, ground - wr)
    for cx, cy in (rear, front):
        ellipse(p, cx, cy, wr, wr, "#1E1E24")
        ellipse(p, cx, cy, wr - 4 * u, wr - 4 * u, "#DCE3E8")
        for k in range(6):
            a = k * math.pi / 6
            line(p, cx - math.cos(a) * (wr - 4 * u), cy - math.sin(a) * (wr - 4 * u),
                 cx + math.cos(a) * (wr - 4 * u), cy + math.sin(a) * (wr - 4 * u), "#9AA5AE", 0.8 * u)
        ellipse(p, cx, cy, 3 * u, 3 * u, "#1E1E24")
    crank = (x - 4 * u, ground - wr)
    seat = (x - 14 * u, ground - wr - 40 * u)
    bar = (x + 26 * u, ground - wr - 44 * u)
    frame_c = TEAL
    for a, b in ((rear, crank), (crank, seat), (seat, rear), (seat, (bar[0] - 4 * u, bar[1] + 6 * u)),
                 (crank, (bar[0] - 4 * u, bar[1] + 6 * u)), ((bar[0] - 4 * u, bar[1] + 6 * u), front)):
        line(p, a[0], a[1], b[0], b[1], frame_c, 3.5 * u)
    rect(p, seat[0] - 9 * u, seat[1] - 3 * u, 18 * u, 5 * u, "#1E1E24", 2 * u)
    line(p, bar[0] - 4 * u, bar[1] + 6 * u, bar[0] + 4 * u, bar[1] - 2 * u, "#1E1E24", 3 * u)
    # rider
    hip = (seat[0] + 2 * u, seat[1] - 6 * u)
    shoulder = (x + 10 * u, ground - wr - 88 * u)
    knee = (x + 12 * u, ground - wr - 30 * u)
    foot = (crank[0] + 6 * u, crank[1] + 8 * u)
    line(p, hip[0], hip[1], knee[0], knee[1], NAVY, 10 * u)
    line(p, knee[0], knee[1], foot[0], foot[1], NAVY, 8 * u)
    knee2 = (x - 2 * u, ground - wr - 22 * u)
    line(p, hip[0], hip[1], knee2[0], knee2[1], dark(NAVY, 0.2), 9 * u)
    line(p, knee2[0], knee2[1], crank[0] - 8 * u, crank[1] - 6 * u, dark(NAVY, 0.2), 7 * u)
    line(p, hip[0], hip[1], shoulder[0], shoulder[1], body, 20 * u)
    line(p, shoulder[0], shoulder[1], bar[0] + 2 * u, bar[1], dark(body, 0.15), 7 * u)
    ellipse(p, shoulder[0] + 10 * u, shoulder[1] - 16 * u, 10 * u, 10.5 * u, "#D9A27E")
    helmet = QPainterPath()
    helmet.moveTo(shoulder[0] - 2 * u, shoulder[1] - 18 * u)
    helmet.cubicTo(shoulder[0] - 2 * u, shoulder[1] - 34 * u, shoulder[0] + 22 * u, shoulder[1] - 34 * u,
                   shoulder[0] + 22 * u, shoulder[1] - 18 * u)
    helmet.closeSubpath()
    path_fill(p, helmet, YELLOW)
    # little backpack
    rect(p, hip[0] - 10 * u, hip[1] - 38 * u, 14 * u, 24 * u, NAVY, 4 * u)


def draw_velo(p: QPainter, rng: random.Random):
    horizon = 470
    sky(p, W, H, "#7DB9D1", "#F3EFDF", horizon=horizon + 60)
    glow(p, 1250, 200, 300, "#FFF3C8", 160)
    ellipse(p, 1250, 200, 55, 55, "#FFF4D0")
    cloud(p, 320, 130, 1.0)
    cloud(p, 820, 80, 0.6, alpha=210)
    # hills, far to near
    hills(p, horizon - 40, 90, "#B7CFD6", rng, n=4, phase=0.3)
    hills(p, horizon + 10, 70, "#9FC0A6", rng, n=5, phase=1.5)
    # distant village with a bell tower on the hill
    for k in range(7):
        bx = 1000 + k * 38
        rect(p, bx, horizon - 30 - (k % 3) * 6, 34, 34 + (k % 3) * 6, "#EFE5CF")
        poly(p, [(bx - 3, horizon - 30 - (k % 3) * 6), (bx + 37, horizon - 30 - (k % 3) * 6),
                 (bx + 17, horizon - 46 - (k % 3) * 6)], "#B5654A")
    rect(p, 1120, horizon - 100, 22, 80, "#E6D8BA")
    poly(p, [(1116, horizon - 100), (1146, horizon - 100), (1131, horizon - 140)], "#5D7387")
    hills(p, horizon + 70, 40, "#86AE7A", rng, n=4, phase=2.5)
    # fields / meadow
    rect(p, 0, horizon + 60, W, H - horizon - 60, lin(0, horizon + 60, 0, H, [(0, "#8DB573"), (1, "#6A994E")]))
    # distant poplars
    for k in range(9):
        poplar(p, 60 + k * 70, horizon + 70, 130 + (k % 3) * 20, base=rng.choice(["#4F7F45", "#5E8C4E"]))
    # river Ondine, winding from the distance to the foreground
    river = QPainterPath()
    river.moveTo(700, horizon + 62)
    river.cubicTo(900, horizon + 90, 1100, horizon + 120, 900, horizon + 200)
    river.cubicTo(700, horizon + 280, 400, 780, 1000, H + 10)
    river.lineTo(1700, H + 10)
    river.cubicTo(1300, 820, 1250, horizon + 260, 1100, horizon + 190)
    river.cubicTo(1250, horizon + 110, 900, horizon + 70, 760, horizon + 62)
    river.closeSubpath()
    path_fill(p, river, lin(0, horizon + 60, 0, H, [(0, "#CDE7EA"), (0.4, "#7FBFD0"), (1, "#457B9D")]))
    p.save()
    p.setClipPath(river)
    for _ in range(90):
        y = rng.uniform(horizon + 70, H)
        s = (y - horizon) / (H - horizon)
        x = rng.uniform(500, 1600)
        rect(p, x, y, rng.uniform(20, 90) * s, 3 * s + 1, col("#FFFFFF", rng.randint(60, 140)), 2)
    p.restore()
    # cycle path: from left foreground to the distance along the river
    path = QPainterPath()
    path.moveTo(40, H + 10)
    path.cubicTo(420, 900, 620, 730, 765, horizon + 150)
    path.cubicTo(850, horizon + 110, 800, horizon + 80, 680, horizon + 66)
    path.lineTo(672, horizon + 70)
    path.cubicTo(760, horizon + 90, 780, horizon + 120, 700, horizon + 160)
    path.cubicTo(390, 670, 40, 830, -400, H + 10)
    path.closeSubpath()
    shadow(p, 400, 850, 400, 30, 30)
    path_fill(p, path, lin(0, horizon, 0, H, [(0, "#EFE3C8"), (1, "#D8C39A")]))
    # centre dashes
    dash = QPainterPath()
    dash.moveTo(-180, H + 10)
    dash.cubicTo(220, 870, 500, 700, 730, horizon + 155)
    pen = QPen(col("#FFFFFF", 200))
    pen.setWidthF(5)
    pen.setDashPattern([6, 5])
    p.setPen(pen)
    p.setBrush(NO_BRUSH)
    p.drawPath(dash)
    p.setPen(NO_PEN)
    # trees along the river (mid-ground)
    for tx, tg, th in ((1380, horizon + 210, 240), (1500, horizon + 240, 280), (260, horizon + 120, 200),
                       (420, horizon + 110, 170)):
        shadow(p, tx + 30, tg, th * 0.4, th * 0.06, 60)
        round_tree(p, tx, tg, th, rng, base=rng.choice([GREEN, "#5E8C4E", "#7FA86A"]))
    # cyclists
    def on_dash(t):
        pts = ((-180, H + 10), (220, 870), (500, 700), (730, horizon + 155))
        x = sum(c * q[0] for c, q in zip(((1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3), pts))
        y = sum(c * q[1] for c, q in zip(((1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3), pts))
        return x, y
    rx, ry = on_dash(0.5)
    shadow(p, rx + 10, ry + 6, 80, 9, 80)
    bicycle_rider(p, rx, ry + 4, 200, body=RED)
    shadow(p, 740, horizon + 143, 25, 3, 70)
    bicycle_rider(p, 740, horizon + 140, 60, body=TEAL)
    # foreground: grass tufts and a big tree framing the left
    for _ in range(40):
        x = rng.uniform(0, W)
        y = rng.uniform(880, H)
        if x > 950:
            continue
        for k in range(3):
            line(p, x + k * 4, y, x + k * 6 - 4, y - rng.uniform(12, 26), "#4F7F45", 3)
    shadow(p, 120, 640, 150, 20, 60)
    round_tree(p, 100, 640, 520, rng, base="#5E8C4E")
    # reeds at the river's edge, foreground right
    for k in range(30):
        x = 1180 + k * 14 + rng.uniform(-5, 5)
        hh = rng.uniform(70, 140)
        line(p, x, H + 5, x + rng.uniform(-10, 10), H - hh, "#5E8C4E", 4)
        if k % 3 == 0:
            rect(p, x - 4, H - hh - 6, 8, 26, "#7A5230", 4)


# --------------------------------------------------------------------------
# 12. Town crest (hand-written SVG)
# --------------------------------------------------------------------------
LOGO_SVG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" baseProfile="tiny"
     viewBox="0 0 200 240" width="200" height="240">
  <title>Valmorin-sur-Ondine</title>
  <defs>
    <linearGradient id="field" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#2A4A73"/>
      <stop offset="1" stop-color="#1D3557"/>
    </linearGradient>
    <linearGradient id="gold" x1="0" y1="0" x2="1" y2="0">
      <stop offset="0" stop-color="#F2D68A"/>
      <stop offset="1" stop-color="#D9A93F"/>
    </linearGradient>
    <linearGradient id="silver" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#FFFFFF"/>
      <stop offset="1" stop-color="#C9D6DF"/>
    </linearGradient>
  </defs>
  <!-- mural crown (communes' traditional crest crown) -->
  <path fill="url(#gold)" stroke="#9C7424" stroke-width="2"
        d="M46 50 L46 22 L60 22 L60 30 L72 30 L72 16 L88 16 L88 26 L112 26 L112 16 L128 16 L128 30 L140 30
           L140 22 L154 22 L154 50 Z"/>
  <rect x="92" y="34" width="16" height="16" fill="#1D3557"/>
  <rect x="58" y="38" width="10" height="12" fill="#1D3557"/>
  <rect x="132" y="38" width="10" height="12" fill="#1D3557"/>
  <!-- shield: gold border then navy field -->
  <path fill="url(#gold)"
        d="M20 52 L180 52 L180 140 C180 190 140 220 100 236 C60 220 20 190 20 140 Z"/>
  <path fill="url(#field)"
        d="M30 62 L170 62 L170 140 C170 183 136 209 100 224 C64 209 30 183 30 140 Z"/>
  <!-- golden tower -->
  <path fill="url(#gold)" stroke="#9C7424" stroke-width="2"
        d="M68 134 L68 88 L60 88 L60 70 L72 70 L72 78 L82 78 L82 70 L94 70 L94 78 L106 78 L106 70 L118 70
           L118 78 L128 78 L128 70 L140 70 L140 88 L132 88 L132 134 Z"/>
  <path fill="#1D3557" d="M88 134 L88 114 C88 106 112 106 112 114 L112 134 Z"/>
  <rect x="80" y="94" width="8" height="12" fill="#1D3557"/>
  <rect x="112" y="94" width="8" height="12" fill="#1D3557"/>
  <!-- silver wavy fess: the river Ondine -->
  <path fill="url(#silver)"
        d="M30 144 C44 132 58 132 72 144 C86 156 100 156 114 144 C128 132 142 132 156 144 C161 148 166 150 170 150
           L170 176 C166 176 161 174 156 170 C142 158 128 158 114 170 C100 182 86 182 72 170 C58 158 44 158 30 170 Z"/>
  <path fill="none" stroke="#457B9D" stroke-width="3" stroke-linecap="round"
        d="M38 154 C48 147 60 147 72 157 C86 169 100 169 114 157 C128 145 142 145 156 157 C159 160 162 161 164 162"/>
  <!-- three golden roundels (bezants) in base -->
  <circle cx="80" cy="192" r="7" fill="url(#gold)"/>
  <circle cx="120" cy="192" r="7" fill="url(#gold)"/>
  <circle cx="100" cy="208" r="7" fill="url(#gold)"/>
</svg>
"""


def write_logo(out: Path):
    (out / "logo.svg").write_text(LOGO_SVG, encoding="utf-8")


# --------------------------------------------------------------------------
# 13. Christmas video
# --------------------------------------------------------------------------
VIDEO_W, VIDEO_H, FPS, SECONDS = 1280, 720, 25, 8


def draw_title_card(p: QPainter, w, h):
    """Semi-transparent dark band behind the French title and date."""
    band_h = 164
    y0 = h - band_h - 34
    rect(p, 0, y0, w, band_h, col("#0E1A33", 180))
    rect(p, 0, y0, w, 4, col(YELLOW, 220))
    rect(p, 0, y0 + band_h - 4, w, 4, col(YELLOW, 220))
    title = QFont("DejaVu Sans")          # any bold sans-serif Qt finds will do
    title.setStyleHint(QFont.SansSerif)
    title.setPixelSize(66)
    title.setBold(True)
    sub = QFont(title)
    sub.setPixelSize(34)
    p.setPen(col("#FFFFFF"))
    p.setFont(title)
    p.drawText(QRectF(0, y0 + 12, w, 86), Qt.AlignHCenter | Qt.AlignVCenter, "Marché de Noël")
    p.setPen(col("#FFE6A8"))
    p.setFont(sub)
    p.drawText(QRectF(0, y0 + 96, w, 52), Qt.AlignHCenter | Qt.AlignVCenter,
               "12-13 décembre \u00b7 Place de la Mairie")
    p.setPen(NO_PEN)


def make_video(out: Path, ffmpeg: str):
    scale = VIDEO_W / W                       # 0.8: 1600x900 crop -> 1280x720
    crop_top = (H - VIDEO_H / scale) / 2      # 50 px cut at top and bottom
    base = QImage(VIDEO_W, VIDEO_H, QImage.Format_RGB888)
    p = QPainter(base)
    p.setRenderHint(QPainter.Antialiasing)
    p.scale(scale, scale)
    p.translate(0, -crop_top)
    draw_noel_background(p, random.Random(10))
    p.end()
    flakes = snowflakes()
    n_frames = FPS * SECONDS
    cmd = [ffmpeg, "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24",
           "-s", f"{VIDEO_W}x{VIDEO_H}", "-r", str(FPS), "-i", "-", "-an",
           "-c:v", "libx264", "-preset", "slow", "-crf", "28", "-pix_fmt", "yuv420p",
           "-movflags", "+faststart", str(out / "noel.mp4")]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE)
    for i in range(n_frames):
        t = i / FPS
        frame = base.copy()
        p = QPainter(frame)
        p.setRenderHint(QPainter.Antialiasing)
        p.save()
        p.scale(scale, scale)
        p.translate(0, -crop_top)
        draw_noel_lights(p, t, SECONDS)
        draw_snow(p, flakes, t, SECONDS)
        p.restore()
        draw_title_card(p, VIDEO_W, VIDEO_H)
        p.end()
        bpl = frame.bytesPerLine()
        data = bytes(frame.constBits())
        if bpl == VIDEO_W * 3:
            proc.stdin.write(data)
        else:
            proc.stdin.write(b"".join(data[r * bpl:r * bpl + VIDEO_W * 3] for r in range(VIDEO_H)))
    proc.stdin.close()
    if proc.wait() != 0:
        raise RuntimeError("ffmpeg failed")


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------
PICTURES = {
    "mairie": (draw_mairie, (W, H)),
    "piscine": (draw_piscine, (W, H)),
    "cantine": (draw_cantine, (W, H)),
    "conseil": (draw_conseil, (W, H)),
    "marche": (draw_marche, (W, H)),
    "travaux": (draw_travaux, (W, H)),
    "mediatheque": (draw_mediatheque, (W, H)),
    "don-du-sang": (draw_don_du_sang, (1080, 1350)),
    "dechets": (draw_dechets, (W, H)),
    "noel": (draw_noel, (W, H)),
    "velo": (draw_velo, (W, H)),
}


def render_picture(name: str, out: Path):
    func, (w, h) = PICTURES[name]
    img = QImage(w, h, QImage.Format_RGB32)
    img.fill(QColor(CREAM))
    p = QPainter(img)
    p.setRenderHint(QPainter.Antialiasing)
    p.setPen(NO_PEN)
    # one seeded generator per picture: each file is reproducible on its own
    func(p, random.Random(f"valmorin-{name}"))
    p.end()
    path = out / f"{name}.jpg"
    if not img.save(str(path), "JPG", JPEG_QUALITY):
        raise RuntimeError(f"could not write {path}")
    return path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="playlists/demo/media", help="output directory")
    ap.add_argument("--only", action="append", help="generate only this item (repeatable): "
                    + ", ".join(list(PICTURES) + ["logo", "video"]))
    ap.add_argument("--no-video", action="store_true", help="skip noel.mp4 (no ffmpeg needed)")
    args = ap.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    guard_none_refcount()
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841  (needed for fonts)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    wanted = set(args.only or list(PICTURES) + ["logo", "video"])

    for name in PICTURES:
        if name in wanted:
            path = render_picture(name, out)
            print(f"{path}  {path.stat().st_size // 1024} KB")
    if "logo" in wanted:
        write_logo(out)
        print(f"{out / 'logo.svg'}")
    if "video" in wanted and not args.no_video:
        ffmpeg = shutil.which("ffmpeg")
        if not ffmpeg:
            print("ffmpeg not found: skipping noel.mp4", file=sys.stderr)
        else:
            make_video(out, ffmpeg)
            print(f"{out / 'noel.mp4'}  {(out / 'noel.mp4').stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
