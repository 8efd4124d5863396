#!/usr/bin/env python3
"""Draws the capture app's icons (two people side by side, the app's theme colour) as PNG and SVG.

Run from the repository root: python3 scripts/app-icons.py. Pure standard library, so the icons can be
re-made anywhere; they are our own drawing, no third-party art.
"""
import struct
import zlib
from pathlib import Path

OUT = Path("sadasya-app/src/main/resources/static/app/icons")
BRAND = (0x9C, 0x2A, 0x00)
WHITE = (0xFF, 0xF8, 0xF3)
# shapes in a 0..1 square: (cx, cy, rx, ry) ellipses; shoulders are cut at the bottom edge
HEADS = [(0.36, 0.40, 0.11, 0.11), (0.64, 0.40, 0.11, 0.11)]
BODIES = [(0.36, 0.80, 0.20, 0.22), (0.64, 0.80, 0.20, 0.22)]


def inside(x, y, shapes):
    return any(((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1 for cx, cy, rx, ry in shapes)


def colour(x, y, maskable):
    if not maskable:
        # a rounded square with a transparent corner
        r = 0.18
        dx, dy = max(r - x, 0, x - (1 - r)), max(r - y, 0, y - (1 - r))
        if dx * dx + dy * dy > r * r:
            return None
    # the maskable icon keeps its drawing inside the central 80 % safe zone
    s = 0.8 if maskable else 1.0
    u, v = (x - 0.5) / s + 0.5, (y - 0.5) / s + 0.5
    if v < 0.86 and (inside(u, v, HEADS) or inside(u, v, BODIES)):
        return WHITE
    return BRAND


def png(size, maskable=False, samples=4):
    rows = []
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            acc = [0, 0, 0, 0]
            for a in range(samples):
                for b in range(samples):
                    c = colour((i + (a + 0.5) / samples) / size, (j + (b + 0.5) / samples) / size, maskable)
                    if c:
                        acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 255
            n = samples * samples
            alpha = acc[3] // n
            k = max(acc[3] // 255, 1)
            row += bytes([acc[0] // k, acc[1] // k, acc[2] // k, alpha])
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = zlib.compress(b"".join(rows), 9)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def svg():
    shapes = "".join(f'<ellipse cx="{cx * 100:g}" cy="{cy * 100:g}" rx="{rx * 100:g}" ry="{ry * 100:g}"/>'
                     for cx, cy, rx, ry in HEADS + BODIES)
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
            '<clipPath id="c"><rect width="100" height="86"/></clipPath>'
            f'<rect width="100" height="100" rx="18" fill="#9c2a00"/>'
            f'<g fill="#fff8f3" clip-path="url(#c)">{shapes}</g></svg>\n')


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "icon-192.png").write_bytes(png(192))
    (OUT / "icon-512.png").write_bytes(png(512, samples=2))
    (OUT / "maskable-512.png").write_bytes(png(512, maskable=True, samples=2))
    (OUT / "icon.svg").write_text(svg())
