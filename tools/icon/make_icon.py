"""Draws docs/images/icon.png, the packages' icon: an unrolled recurrent layer (three steps, a recurrent loop).

Run from the repository root with any Python 3: python3 tools/icon/make_icon.py
Pure standard library (zlib, struct); the output is byte-for-byte reproducible.
"""
import math
import struct
import zlib

W = H = 128
BG, FG, ACCENT = (24, 44, 84), (255, 255, 255), (255, 170, 40)
px = [[BG for _ in range(W)] for _ in range(H)]


def rect(x0, y0, x1, y1, c):
    for y in range(max(0, y0), min(H, y1)):
        for x in range(max(0, x0), min(W, x1)):
            px[y][x] = c


for i, cx in enumerate((24, 64, 104)):  # three time steps
    rect(cx - 13, 62, cx + 13, 88, FG)
    rect(cx - 9, 66, cx + 9, 84, BG if i != 1 else ACCENT)
for x0 in (37, 77):  # state passed to the next step
    rect(x0, 73, x0 + 14, 77, FG)
    for k in range(6):
        rect(x0 + 10 + k, 69 + k, x0 + 11 + k, 81 - k, FG)
for cx in (24, 64, 104):  # inputs below, outputs above
    rect(cx - 2, 88, cx + 2, 104, FG)
    rect(cx - 2, 44, cx + 2, 62, FG)
for t in range(0, 181):  # the recurrent loop
    a = math.radians(t)
    x, y = int(64 + 22 * math.cos(a)), int(44 - 18 * math.sin(a))
    rect(x - 2, y - 2, x + 2, y + 2, ACCENT)
rect(0, 0, W, 4, ACCENT)
rect(0, H - 4, W, H, ACCENT)
rect(0, 0, 4, H, ACCENT)
rect(W - 4, 0, W, H, ACCENT)

raw = b"".join(b"\x00" + bytes(c for p in row for c in p) for row in px)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
with open("docs/images/icon.png", "wb") as f:
    f.write(png)
